import { z } from 'zod';

/** The part of the Web Storage API the store uses (the page passes sessionStorage; tests an in-memory one). */
export interface KeyValueStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const OutboxEntrySchema = z.object({
  turnId: z.string(),
  clientId: z.string(),
  text: z.string(),
  transcriptionId: z.string().optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

/*
 * What is kept on the device, per tab (sessionStorage: another tab neither sees nor resends it):
 * - `interview-coach.outbox.<sessionId>`: the session's answers not yet acknowledged. Version 1 (before this
 *   store) was the bare list; it is read as it is and written back as version 2.
 * - `interview-coach.drafts`: the text typed for each open question, by turn id. It replaces one
 *   `interview-coach.draft.<turnId>` key per turn, which are folded into it once and removed.
 * A key is removed when it would hold nothing, so a device with nothing pending holds nothing.
 */
const OUTBOX_PREFIX = 'interview-coach.outbox.';
const DRAFTS_KEY = 'interview-coach.drafts';
const LEGACY_DRAFT_PREFIX = 'interview-coach.draft.';

const StoredOutboxSchema = z.union([
  z.object({ version: z.literal(2), answers: z.array(OutboxEntrySchema) }),
  z.array(OutboxEntrySchema).transform((answers) => ({ version: 2 as const, answers })),
]);
type StoredOutbox = z.infer<typeof StoredOutboxSchema>;

const StoredDraftsSchema = z.object({ version: z.literal(1), drafts: z.record(z.string(), z.string()) });
type StoredDrafts = z.infer<typeof StoredDraftsSchema>;

const outboxKey = (sessionId: string) => `${OUTBOX_PREFIX}${sessionId}`;

export function newClientId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Reads one key through its schema: a missing, unreadable or unparsable value reads as nothing. */
function read<T>(storage: KeyValueStorage | null, key: string, schema: z.ZodType<T>): T | null {
  try {
    const raw = storage?.getItem(key) ?? null;
    if (raw === null) return null;
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function write(storage: KeyValueStorage | null, key: string, value: unknown): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the text still waits in memory (and, for a synced draft, on the server).
  }
}

/** A transcribed recording put in the answer box, and the text it gave there. */
export interface Recording {
  transcriptionId: string;
  text: string;
}

export interface AnswerStoreOptions {
  /** Where answers and drafts survive a reload; null keeps them in memory only. */
  storage: KeyValueStorage | null;
  /** Makes the clientId of a queued answer. */
  newId?: () => string;
}

/**
 * The one owner of the candidate's text on this device: the draft typed for each question, the copy the server
 * holds of it, draft saves waiting for the connection, and the answers waiting for `answer.accepted` (the
 * outbox) of the session being followed. It decides nothing about the connection; the controller reads from it
 * what to send and tells it what the server said.
 */
export class AnswerStore {
  private readonly storage: KeyValueStorage | null;
  private readonly newId: () => string;
  private sessionId: string | null = null;
  private readonly outbox = new Map<string, OutboxEntry>();
  /** This device's latest text per open question (all sessions, by turn id). */
  private readonly drafts = new Map<string, string>();
  /** The draft the server holds (from the transcript, or as last sent) per question of the followed session. */
  private readonly serverDrafts = new Map<string, string>();
  /** Draft saves made while offline, sent once the connection is back (only the newest per question). */
  private readonly unsent = new Map<string, string>();
  private readonly closedTurns = new Set<string>();
  /** The recording a question's draft was transcribed from (in memory only: a reload keeps the text, not the link). */
  private readonly recordings = new Map<string, Recording>();

  constructor(options: AnswerStoreOptions) {
    this.storage = options.storage;
    this.newId = options.newId ?? newClientId;
    const stored = read<StoredDrafts>(this.storage, DRAFTS_KEY, StoredDraftsSchema);
    for (const [turnId, text] of Object.entries(stored?.drafts ?? {})) this.drafts.set(turnId, text);
    this.migrateLegacyDrafts();
  }

  /** Folds the per-turn draft keys of earlier versions into the drafts key (a newer draft of a turn wins). */
  private migrateLegacyDrafts(): void {
    const storage = this.storage;
    if (!storage) return;
    const legacy = new Map<string, string>();
    try {
      for (let index = 0; index < storage.length; index += 1) {
        const key = storage.key(index);
        if (key?.startsWith(LEGACY_DRAFT_PREFIX)) legacy.set(key, storage.getItem(key) ?? '');
      }
    } catch {
      return;
    }
    if (legacy.size === 0) return;
    for (const [key, text] of legacy) {
      const turnId = key.slice(LEGACY_DRAFT_PREFIX.length);
      if (turnId !== '' && text !== '' && !this.drafts.has(turnId)) this.drafts.set(turnId, text);
    }
    this.persistDrafts();
    for (const key of legacy.keys()) write(storage, key, null);
  }

  /** A new interview is being started: nothing of the previous one is sent any more. */
  beginStart(): void {
    this.sessionId = null;
    this.clearSessionState();
  }

  /** Follows a session: its outbox is read back from storage when it was not the one followed already. */
  follow(sessionId: string): void {
    if (this.sessionId === sessionId) return;
    this.sessionId = sessionId;
    this.clearSessionState();
    const stored = read<StoredOutbox>(this.storage, outboxKey(sessionId), StoredOutboxSchema);
    for (const entry of stored?.answers ?? []) this.outbox.set(entry.clientId, entry);
  }

  /** Forgets a session that is gone (deleted, or not found): its queued answers are dropped from the device. */
  forgetSession(sessionId: string): void {
    write(this.storage, outboxKey(sessionId), null);
    if (this.sessionId !== sessionId) return;
    this.sessionId = null;
    this.clearSessionState();
  }

  private clearSessionState(): void {
    this.outbox.clear();
    this.serverDrafts.clear();
    this.unsent.clear();
    this.closedTurns.clear();
    this.recordings.clear();
  }

  /** The answers of the followed session still waiting for the server's acknowledgement, oldest first. */
  queued(): OutboxEntry[] {
    return [...this.outbox.values()];
  }

  /**
   * Queues an answer: it replaces the question's draft. A spoken answer (even edited) carries its recording, so
   * its delivery is kept with the turn.
   */
  queue(turnId: string, text: string): OutboxEntry {
    const transcriptionId = this.recordings.get(turnId)?.transcriptionId;
    this.recordings.delete(turnId);
    const entry: OutboxEntry = { turnId, clientId: this.newId(), text, ...(transcriptionId === undefined ? {} : { transcriptionId }) };
    this.outbox.set(entry.clientId, entry);
    this.persistOutbox();
    this.unsent.delete(turnId);
    this.setDraft(turnId, '');
    return entry;
  }

  /** Drops a queued answer (the transcript shows its question closed); false when it was not queued. */
  discard(clientId: string): boolean {
    if (!this.outbox.delete(clientId)) return false;
    this.persistOutbox();
    return true;
  }

  /**
   * The server refused a queued answer for good: it leaves the outbox and its text becomes the question's draft
   * again (unless the question closed or a newer draft was typed), so it is kept even when no page shows it now.
   */
  refuse(clientId: string): OutboxEntry | undefined {
    const entry = this.outbox.get(clientId);
    if (!entry) return undefined;
    this.discard(clientId);
    if (!this.closedTurns.has(entry.turnId) && !this.drafts.has(entry.turnId)) this.setDraft(entry.turnId, entry.text);
    return entry;
  }

  /**
   * A question closed (answered, timed out, skipped or graded): an answer still queued for it was stored now, or
   * would be refused (one answer per question; an acknowledgement with another clientId means another tab or
   * device answered first), and its draft is no longer needed.
   */
  closeTurn(turnId: string): void {
    this.closedTurns.add(turnId);
    this.unsent.delete(turnId);
    this.recordings.delete(turnId);
    let changed = false;
    for (const [clientId, entry] of this.outbox) {
      if (entry.turnId !== turnId) continue;
      this.outbox.delete(clientId);
      changed = true;
    }
    if (changed) this.persistOutbox();
    this.setDraft(turnId, '');
  }

  /** The interview ended: nothing of it is sent any more, and the drafts of its questions are not needed. */
  endSession(turnIds: Iterable<string>): void {
    this.outbox.clear();
    this.unsent.clear();
    this.persistOutbox();
    for (const turnId of turnIds) this.setDraft(turnId, '');
  }

  /** This device's draft of a question, if one is kept. */
  draft(turnId: string): string | undefined {
    return this.drafts.get(turnId);
  }

  /** Keeps this device's draft of a question ('' forgets it). */
  setDraft(turnId: string, text: string): void {
    if (text === '') {
      if (!this.drafts.delete(turnId)) return;
    } else {
      if (this.drafts.get(turnId) === text) return;
      this.drafts.set(turnId, text);
    }
    this.persistDrafts();
  }

  /** The recording the question's draft came from, if it was transcribed. */
  recording(turnId: string): Recording | undefined {
    return this.recordings.get(turnId);
  }

  /** Notes the recording a question's draft now holds the transcript of (null: the draft no longer comes from one). */
  setRecording(turnId: string, recording: Recording | null): void {
    if (recording === null) this.recordings.delete(turnId);
    else this.recordings.set(turnId, recording);
  }

  /** This device's latest text for a question: its draft, else the answer queued for it. */
  deviceText(turnId: string): string | undefined {
    return this.drafts.get(turnId) ?? [...this.outbox.values()].find((entry) => entry.turnId === turnId)?.text;
  }

  /** The draft the server holds for a question, as far as this page knows. */
  serverDraft(turnId: string): string | undefined {
    return this.serverDrafts.get(turnId);
  }

  /** Notes the draft the server holds for a question (read from the transcript). */
  setServerDraft(turnId: string, text: string): void {
    this.serverDrafts.set(turnId, text);
  }

  /**
   * A draft save: kept on the device, and taken as the server's copy (about to be sent). False when the server
   * has this text already, so there is nothing to send.
   */
  saveDraft(turnId: string, text: string): boolean {
    this.setDraft(turnId, text);
    if ((this.serverDrafts.get(turnId) ?? '') === text) return false;
    this.serverDrafts.set(turnId, text);
    return true;
  }

  /** True once the question closed: its drafts are no longer sent. */
  isClosed(turnId: string): boolean {
    return this.closedTurns.has(turnId);
  }

  /** Keeps a draft save that could not be sent, until the connection is back (the newest per question wins). */
  holdUnsent(turnId: string, text: string): void {
    if (!this.closedTurns.has(turnId)) this.unsent.set(turnId, text);
  }

  /** The draft saves that waited for the connection, handed over once (oldest first). */
  takeUnsent(): Array<{ turnId: string; text: string }> {
    const drafts = [...this.unsent].map(([turnId, text]) => ({ turnId, text }));
    this.unsent.clear();
    return drafts;
  }

  private persistOutbox(): void {
    if (this.sessionId === null) return;
    const value: StoredOutbox | null = this.outbox.size === 0 ? null : { version: 2, answers: this.queued() };
    write(this.storage, outboxKey(this.sessionId), value);
  }

  private persistDrafts(): void {
    const value: StoredDrafts | null = this.drafts.size === 0 ? null : { version: 1, drafts: Object.fromEntries(this.drafts) };
    write(this.storage, DRAFTS_KEY, value);
  }
}
