import type { FastifyBaseLogger } from 'fastify';
import type { Clock, TimerHandle } from '../clock.js';
import type { Db } from '../store/db.js';
import type { SessionRepository } from './session-repository.js';

/** A draft held in memory until the next write. */
interface PendingDraft {
  sessionId: string;
  userId: string;
  text: string;
  at: number;
}

/**
 * Drafts are autosaves: kept in memory and written all together at most every `intervalMs` (one commit for
 * every user's drafts), and when their turn closes (time-up, answer, skip, end) and at shutdown. A crash loses
 * at most the last interval of typing, never an acknowledged answer. Each write stores the turn's latest draft
 * (graded if the time runs out) and, while the user's quota lasts, a row of the replay history.
 */
export function createDraftAutosave(deps: {
  db: Db;
  sessions: SessionRepository;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Milliseconds between writes of the drafts typed since the last write. */
  intervalMs: number;
  /** Bytes of draft history one user may store. */
  quotaBytes: number;
}) {
  const { db, sessions, clock, log, intervalMs, quotaBytes } = deps;
  const pending = new Map<string, PendingDraft>();
  let timer: TimerHandle | null = null;
  /** Draft history bytes per user, read from the database once and kept up to date. */
  const usage = new Map<string, number>();
  /** Users a draft was not recorded for because their history is full. */
  const historyFull = new Set<string>();

  function bytesOf(userId: string): number {
    let used = usage.get(userId);
    if (used === undefined) {
      used = sessions.draftBytesOfUser(userId);
      usage.set(userId, used);
    }
    return used;
  }

  /** Inside a transaction. */
  function write(turnId: string, draft: PendingDraft): void {
    if (!sessions.saveDraft(turnId, draft.text, draft.at)) return;
    const bytes = Buffer.byteLength(draft.text, 'utf8');
    const used = bytesOf(draft.userId);
    if (used + bytes > quotaBytes) {
      historyFull.add(draft.userId);
      return;
    }
    sessions.recordClientEvent(draft.sessionId, turnId, 'draft', draft.at, draft.text);
    sessions.addDraftBytes(draft.sessionId, bytes);
    usage.set(draft.userId, used + bytes);
  }

  /** Writes every pending draft in one transaction. */
  function flush(): void {
    if (timer) clock.clearTimeout(timer);
    timer = null;
    if (pending.size === 0) return;
    const drafts = [...pending];
    pending.clear();
    try {
      db.transaction(() => {
        for (const [turnId, draft] of drafts) write(turnId, draft);
      }).immediate();
    } catch (error) {
      // The quota cache may now count bytes that were not written: read it again when next needed.
      usage.clear();
      historyFull.clear();
      log.error({ err: error, drafts: drafts.length }, 'writing drafts failed');
    }
  }

  return {
    /** Whether the user's draft history is full: drafts are still kept, but no longer recorded for replay. */
    historyFull: (userId: string): boolean => historyFull.has(userId) || bytesOf(userId) >= quotaBytes,

    /** The text of the turn's draft not written yet, if any. */
    peek: (turnId: string): string | undefined => pending.get(turnId)?.text,

    /** Keeps the latest draft of an open turn (`stored` is the one already written); it is written within the interval. */
    hold(turnId: string, stored: string | null, draft: Omit<PendingDraft, 'at'>): void {
      const latest = pending.get(turnId)?.text ?? stored;
      if (latest === draft.text) return;
      pending.set(turnId, { ...draft, at: clock.now() });
      timer ??= clock.setTimeout(flush, intervalMs);
    },

    /** Writes the turn's pending draft, if any, inside the caller's transaction. */
    take(turnId: string): void {
      const draft = pending.get(turnId);
      if (!draft) return;
      pending.delete(turnId);
      write(turnId, draft);
    },

    flush,

    /** Forgets the drafts of a session about to be deleted; its draft history goes with it. */
    discard(sessionId: string, userId: string): void {
      for (const [turnId, draft] of pending) if (draft.sessionId === sessionId) pending.delete(turnId);
      usage.delete(userId);
      historyFull.delete(userId);
    },
  };
}
export type DraftAutosave = ReturnType<typeof createDraftAutosave>;
