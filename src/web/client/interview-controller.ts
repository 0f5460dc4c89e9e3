import type { z } from 'zod';
import type { ErrorCode } from '../../contracts/error-codes.js';
import type { TranscriptSchema } from '../../contracts/history-schemas.js';
import { TurnStatus } from '../../contracts/turn-status.js';
import type { ConnectionMessage, Pacing, ServerMessage, SessionMessage } from '../../contracts/protocol.js';
import { ApiError } from './api.js';
import { newClientId, type AnswerStore, type OutboxEntry } from './answer-store.js';
import { isSessionMessage, type ClientInput, type ConnectionEvent, type ConnectionState, type InterviewConnection, type StartInput } from './connection.js';

export type QuestionMessage = Extract<SessionMessage, { type: 'question' | 'followup' }>;
type ErrorMessage = Extract<ConnectionMessage, { type: 'error' }>;
type ErrorRef = NonNullable<ErrorMessage['ref']>;
type Turn = z.infer<typeof TranscriptSchema>['turns'][number];
/** What the controller reads of a transcript. */
export interface TranscriptView {
  events: ServerMessage[];
  turns: Array<Pick<Turn, 'id' | 'status' | 'answer' | 'lastDraft'>>;
}

/** Error codes that refuse an answer for good: resending it would not help. */
const REFUSING_CODES = new Set<ErrorCode>(['conflict', 'validation_error', 'not_found']);

export interface SubmittedAnswer {
  text: string;
  /** Null for answers known from the transcript (sent from another page load). */
  clientId: string | null;
  accepted: boolean;
}

export type ControllerEvent =
  | { kind: 'message'; message: SessionMessage; live: boolean }
  | { kind: 'delta'; turnId: string; text: string }
  | { kind: 'error'; code: string; message: string; ref?: ErrorRef }
  | { kind: 'connection'; state: ConnectionState }
  | { kind: 'answer'; turnId: string }
  /** The server refused a queued answer for good (e.g. its question had closed); `text` is that answer. */
  | { kind: 'rejected'; turnId: string; text: string; message: string }
  | { kind: 'reset' };

/** How a draft save went: sent now, kept on the device until the connection is back, or the server had it already. */
export type DraftSave = 'saved' | 'kept' | 'unchanged';

export interface ControllerDeps {
  connection: InterviewConnection;
  store: AnswerStore;
  /** Reads a session's transcript (GET /api/sessions/:id). */
  loadTranscript: (sessionId: string) => Promise<TranscriptView>;
}

/**
 * The interview being followed by this page: its transcript so far (every session message in seq order),
 * the answers the candidate sent and the streamed grading text. Views render from it and listen to it, so
 * leaving the interview page and coming back (or reloading it) shows the same conversation.
 *
 * It decides what goes to the server: the connection carries frames, the answer store keeps the text; the
 * controller sends queued answers and held drafts when the session is resumed, and tells the store what the
 * server said about each question.
 */
export class InterviewController {
  readonly connection: InterviewConnection;
  readonly store: AnswerStore;
  private readonly loadTranscript: ControllerDeps['loadTranscript'];
  sessionId: string | null = null;
  messages: SessionMessage[] = [];
  readonly answers = new Map<string, SubmittedAnswer>();
  readonly deltas = new Map<string, string>();
  private readonly listeners = new Set<(event: ControllerEvent) => void>();
  private starting: { resolve: (id: string) => void; reject: (error: Error) => void } | null = null;
  /**
   * The last start not yet answered by session.started: a retry with the same options reuses its clientId,
   * so a start that did reach the server (its reply lost) yields that session instead of a second one.
   */
  private unconfirmedStart: { key: string; clientId: string } | null = null;

  constructor(deps: ControllerDeps) {
    this.connection = deps.connection;
    this.store = deps.store;
    this.loadTranscript = deps.loadTranscript;
    this.connection.on((event) => this.onConnection(event));
  }

  private onConnection(event: ConnectionEvent): void {
    switch (event.type) {
      case 'state':
        this.emit({ kind: 'connection', state: event.state });
        return;
      case 'resumed':
        // Answers the server has not acknowledged go again with their original clientId (stored once).
        for (const entry of this.store.queued()) this.sendAnswer(entry);
        for (const { turnId, text } of this.store.takeUnsent()) this.connection.send({ type: 'draft', turnId, text });
        return;
      case 'resend':
        for (const entry of this.store.queued()) this.sendAnswer(entry);
        return;
      case 'forgotten':
        this.store.forgetSession(event.sessionId);
        return;
      case 'invalid-frame':
        console.warn(`interview connection: ignored ${event.reason}`);
        return;
      case 'message': {
        const { message, live } = event;
        if (isSessionMessage(message)) {
          this.receive(message, live);
          return;
        }
        if (message.type === 'feedback.delta') {
          if (message.sessionId !== this.sessionId) return;
          const text = (this.deltas.get(message.turnId) ?? '') + message.text;
          this.deltas.set(message.turnId, text);
          this.emit({ kind: 'delta', turnId: message.turnId, text });
          return;
        }
        if (message.type === 'error') this.receiveError(message);
        return;
      }
    }
  }

  private sendAnswer(entry: OutboxEntry): void {
    this.connection.send({ type: 'answer', ...entry });
  }

  private receiveError(message: ErrorMessage): void {
    const { code, ref } = message;
    if (ref?.type === 'answer') {
      const rejected = ref.clientId !== undefined && REFUSING_CODES.has(code) ? this.store.refuse(ref.clientId) : undefined;
      if (rejected) {
        const answer = this.answers.get(rejected.turnId);
        if (!answer || answer.accepted || answer.clientId !== rejected.clientId) return;
        this.answers.delete(rejected.turnId);
        this.emit({ kind: 'rejected', turnId: rejected.turnId, text: rejected.text, message: message.message });
        return;
      }
    }
    if (ref?.type === 'start') {
      // Only an error that answers our start fails it (not, say, a late grading error of another session).
      if (ref.clientId !== undefined && ref.clientId !== this.unconfirmedStart?.clientId) return;
      this.unconfirmedStart = null;
      this.starting?.reject(new ApiError(400, code, message.message));
      this.starting = null;
      return;
    }
    if (code === 'rate_limited') return; // The connection asks for a resend by itself.
    if (code === 'session_deleted') this.reset(null); // The connection has stopped following it.
    this.emit({ kind: 'error', code, message: message.message, ...(ref ? { ref } : {}) });
  }

  subscribe(listener: (event: ControllerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ControllerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private reset(sessionId: string | null): void {
    this.sessionId = sessionId;
    this.messages = [];
    this.answers.clear();
    this.deltas.clear();
    this.emit({ kind: 'reset' });
  }

  /** True when commands reach the server now. */
  get isReady(): boolean {
    return this.connection.isReady;
  }

  /** Server time now, as best known. */
  serverNow(): number {
    return this.connection.serverNow();
  }

  /** Starts a new interview; resolves with its id once the server has created it. */
  start(options: StartInput): Promise<string> {
    this.starting?.reject(new Error('superseded by a newer start'));
    this.reset(null);
    this.store.beginStart();
    const key = JSON.stringify(options);
    const clientId = options.clientId ?? (this.unconfirmedStart?.key === key ? this.unconfirmedStart.clientId : newClientId());
    this.unconfirmedStart = { key, clientId };
    return new Promise((resolve, reject) => {
      this.starting = { resolve, reject };
      this.connection.start({ ...options, clientId });
    });
  }

  /** The page stopped waiting for the start (timed out): forget it; retrying the same options reuses its id. */
  cancelStart(): void {
    this.starting = null;
    this.connection.cancelStart();
  }

  /** Follows the loaded session live again (after its page was left and opened again). */
  follow(sessionId: string): void {
    this.store.follow(sessionId);
    this.connection.follow(sessionId, this.lastSeq());
  }

  /** Loads an existing interview (after a reload or from history) and follows it live. */
  async open(sessionId: string): Promise<void> {
    if (this.sessionId === sessionId) {
      this.follow(sessionId);
      return;
    }
    const transcript = await this.loadTranscript(sessionId);
    this.reset(sessionId);
    this.store.follow(sessionId);
    for (const event of transcript.events) if (isSessionMessage(event)) this.messages.push(event);
    for (const turn of transcript.turns) {
      if (turn.answer !== null) this.answers.set(turn.id, { text: turn.answer, clientId: null, accepted: true });
      if (turn.status === TurnStatus.asked && turn.lastDraft) this.store.setServerDraft(turn.id, turn.lastDraft);
      // A draft kept for a question that closed meanwhile is no longer needed.
      if (turn.status !== TurnStatus.asked) this.store.setDraft(turn.id, '');
    }
    this.connection.follow(sessionId, this.lastSeq());
    // Answers submitted on this device before a reload, not yet acknowledged: still waiting (and sent
    // again once resumed), unless the transcript shows their question closed meanwhile.
    for (const entry of this.store.queued()) {
      const turn = transcript.turns.find((candidate) => candidate.id === entry.turnId);
      if (!turn || turn.status !== TurnStatus.asked || turn.answer !== null) this.store.discard(entry.clientId);
      else this.answers.set(entry.turnId, { text: entry.text, clientId: entry.clientId, accepted: false });
    }
  }

  /** Stops following and closes the connection (the interview was deleted from this page). */
  close(): void {
    this.connection.close();
  }

  lastSeq(): number {
    return this.messages.at(-1)?.seq ?? 0;
  }

  private receive(message: SessionMessage, live: boolean): void {
    if (message.type === 'session.started' && this.sessionId === null) {
      this.sessionId = message.sessionId;
      this.store.follow(message.sessionId);
      this.unconfirmedStart = null;
      this.starting?.resolve(message.sessionId);
      this.starting = null;
    }
    if (message.sessionId !== this.sessionId) return;
    if (message.seq <= this.lastSeq()) return;
    this.messages.push(message);
    if (message.type === 'answer.accepted') {
      const answer = this.answers.get(message.turnId);
      if (answer && answer.clientId !== null && answer.clientId !== message.clientId) {
        // Another tab or device answered this question first; ours was not stored.
        this.answers.set(message.turnId, { text: '(answer received)', clientId: null, accepted: true });
        this.emit({ kind: 'rejected', turnId: message.turnId, text: answer.text, message: 'another answer to this question arrived first' });
        void this.loadServerAnswer(message.sessionId, message.turnId);
      } else if (answer) {
        answer.accepted = true;
      }
    }
    this.emit({ kind: 'message', message, live });
    // After the views rendered it: at time-up they may still show this device's copy of the text.
    this.track(message);
    if (message.type === 'time.up' && message.graded === 'draft' && !this.answers.get(message.turnId)?.accepted) {
      void this.loadServerAnswer(message.sessionId, message.turnId);
    }
  }

  /** Keeps the answer store in step with what the server says about each question. */
  private track(message: SessionMessage): void {
    switch (message.type) {
      case 'answer.accepted':
      case 'time.up':
      case 'turn.skipped':
      case 'feedback':
        this.store.closeTurn(message.turnId);
        return;
      case 'session.ended':
        // Ending closes the open question without an event of its own.
        this.store.endSession(this.messages.flatMap((earlier) => ('turnId' in earlier ? [earlier.turnId] : [])));
        return;
      default:
        return;
    }
  }

  /**
   * The answer the server stored for a turn, when this page does not have its text: at time-up the server
   * grades the draft it holds, which may differ from this device's copy (typed offline, or not yet saved).
   */
  private async loadServerAnswer(sessionId: string, turnId: string): Promise<void> {
    try {
      const transcript = await this.loadTranscript(sessionId);
      const answer = transcript.turns.find((turn) => turn.id === turnId)?.answer;
      if (this.sessionId !== sessionId || answer === null || answer === undefined) return;
      this.answers.set(turnId, { text: answer, clientId: null, accepted: true });
      this.emit({ kind: 'answer', turnId });
    } catch {
      // The bubble keeps this device's copy, labelled as such.
    }
  }

  /** Submits an answer: queued until acknowledged, sent now when the connection is ready. */
  answer(turnId: string, text: string): void {
    const entry = this.store.queue(turnId, text);
    this.sendAnswer(entry);
    this.answers.set(turnId, { text, clientId: entry.clientId, accepted: false });
    this.emit({ kind: 'answer', turnId });
  }

  /** Saves a draft on the device, and on the server now or as soon as the connection is back. */
  saveDraft(turnId: string, text: string): DraftSave {
    if (!this.store.saveDraft(turnId, text)) return 'unchanged';
    const sent = !this.store.isClosed(turnId) && this.connection.send({ type: 'draft', turnId, text });
    if (!sent) this.store.holdUnsent(turnId, text);
    return this.connection.isReady ? 'saved' : 'kept';
  }

  /** Sends a command that must not be queued (skip, next, end); false when not connected. */
  command(message: Extract<ClientInput, { type: 'skip' | 'next' | 'end' }>): boolean {
    return this.connection.send(message);
  }

  /** The question or follow-up that is waiting for an answer, if any. */
  openTurn(): QuestionMessage | null {
    let open: QuestionMessage | null = null;
    for (const message of this.messages) {
      switch (message.type) {
        case 'question':
        case 'followup':
          open = message;
          break;
        case 'answer.accepted':
        case 'time.up':
        case 'turn.skipped':
          if (open?.turnId === message.turnId) open = null;
          break;
        case 'session.ended':
          open = null;
          break;
        default:
          break;
      }
    }
    if (open && this.answers.has(open.turnId)) return null;
    return open;
  }

  /** How the interview moves on (sessions recorded before pacing existed read as practice). */
  pacing(): Pacing {
    for (const message of this.messages) if (message.type === 'session.started') return message.pacing ?? 'practice';
    return 'practice';
  }

  /** Practice pacing: the feedback is out and the next question waits for the candidate's `next`. */
  awaitingNext(): boolean {
    for (let index = this.messages.length - 1; index >= 0; index -= 1) {
      const type = this.messages[index]?.type;
      if (type === 'next.ready') return true;
      if (type === 'question' || type === 'followup' || type === 'session.ended') return false;
    }
    return false;
  }

  ended(): boolean {
    return this.messages.some((message) => message.type === 'session.ended');
  }
}
