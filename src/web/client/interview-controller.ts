import type { ConnectionMessage, Pacing, SessionMessage } from '../../contracts/protocol.js';
import { api, ApiError } from './api.js';
import {
  InterviewSocket,
  isSessionMessage,
  newClientId,
  socketUrl,
  type ConnectionState,
  type OutboxEntry,
  type StartInput,
} from './socket.js';

export type QuestionMessage = Extract<SessionMessage, { type: 'question' | 'followup' }>;
type ErrorMessage = Extract<ConnectionMessage, { type: 'error' }>;
export type ErrorRef = NonNullable<ErrorMessage['ref']>;

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

/**
 * The interview being followed by this page: its transcript so far (every session message in seq order),
 * the answers the candidate sent and the streamed grading text. Views render from it and listen to it, so
 * leaving the interview page and coming back (or reloading it) shows the same conversation.
 */
export class InterviewController {
  readonly socket: InterviewSocket;
  sessionId: string | null = null;
  messages: SessionMessage[] = [];
  readonly answers = new Map<string, SubmittedAnswer>();
  readonly deltas = new Map<string, string>();
  /** Last drafts from the transcript, to refill the answer box after a reload. */
  readonly drafts = new Map<string, string>();
  private readonly listeners = new Set<(event: ControllerEvent) => void>();
  private starting: { resolve: (id: string) => void; reject: (error: Error) => void } | null = null;
  /**
   * The last start not yet answered by session.started: a retry with the same options reuses its clientId,
   * so a start that did reach the server (its reply lost) yields that session instead of a second one.
   */
  private unconfirmedStart: { key: string; clientId: string } | null = null;

  constructor(token: string) {
    this.socket = new InterviewSocket(socketUrl(), token);
    this.socket.onMessage(({ message, live, rejected }) => {
      if (isSessionMessage(message)) return this.receive(message, live);
      if (message.type === 'feedback.delta') {
        if (message.sessionId !== this.sessionId) return undefined;
        const text = (this.deltas.get(message.turnId) ?? '') + message.text;
        this.deltas.set(message.turnId, text);
        return this.emit({ kind: 'delta', turnId: message.turnId, text });
      }
      if (message.type === 'error') return this.receiveError(message, rejected);
      return undefined;
    });
    this.socket.onState((state) => this.emit({ kind: 'connection', state }));
  }

  private receiveError(message: ErrorMessage, rejected: OutboxEntry | undefined): void {
    const { code, ref } = message;
    if (rejected) {
      const answer = this.answers.get(rejected.turnId);
      if (!answer || answer.accepted || answer.clientId !== rejected.clientId) return;
      this.answers.delete(rejected.turnId);
      this.emit({ kind: 'rejected', turnId: rejected.turnId, text: rejected.text, message: message.message });
      return;
    }
    if (ref?.type === 'start') {
      // Only an error that answers our start fails it (not, say, a late grading error of another session).
      if (ref.clientId !== undefined && ref.clientId !== this.unconfirmedStart?.clientId) return;
      this.unconfirmedStart = null;
      this.starting?.reject(new ApiError(400, code, message.message));
      this.starting = null;
      return;
    }
    if (code === 'rate_limited') return; // The socket sends again by itself.
    if (code === 'session_deleted') this.reset(null); // The socket has stopped following it.
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
    this.drafts.clear();
    this.emit({ kind: 'reset' });
  }

  /** Starts a new interview; resolves with its id once the server has created it. */
  start(options: StartInput): Promise<string> {
    this.starting?.reject(new Error('superseded by a newer start'));
    this.reset(null);
    const key = JSON.stringify(options);
    const clientId = options.clientId ?? (this.unconfirmedStart?.key === key ? this.unconfirmedStart.clientId : newClientId());
    this.unconfirmedStart = { key, clientId };
    return new Promise((resolve, reject) => {
      this.starting = { resolve, reject };
      this.socket.start({ ...options, clientId });
    });
  }

  /** The page stopped waiting for the start (timed out): forget it; retrying the same options reuses its id. */
  cancelStart(): void {
    this.starting = null;
    this.socket.cancelStart();
  }

  /** Loads an existing interview (after a reload or from history) and follows it live. */
  async open(sessionId: string): Promise<void> {
    if (this.sessionId === sessionId) {
      this.socket.follow(sessionId, this.lastSeq());
      return;
    }
    const transcript = await api.transcript(sessionId);
    this.reset(sessionId);
    for (const event of transcript.events) if (isSessionMessage(event)) this.messages.push(event);
    for (const turn of transcript.turns) {
      if (turn.answer !== null) this.answers.set(turn.id, { text: turn.answer, clientId: null, accepted: true });
      if (turn.status === 'asked' && turn.lastDraft) this.drafts.set(turn.id, turn.lastDraft);
    }
    this.socket.follow(sessionId, this.lastSeq());
    // Answers submitted on this device before a reload, not yet acknowledged: still waiting (and sent
    // again once resumed), unless the transcript shows their question closed meanwhile.
    for (const entry of this.socket.queued()) {
      const turn = transcript.turns.find((candidate) => candidate.id === entry.turnId);
      if (!turn || turn.status !== 'asked' || turn.answer !== null) this.socket.discard(entry.clientId);
      else this.answers.set(entry.turnId, { text: entry.text, clientId: entry.clientId, accepted: false });
    }
  }

  lastSeq(): number {
    return this.messages.at(-1)?.seq ?? 0;
  }

  private receive(message: SessionMessage, live: boolean): void {
    if (message.type === 'session.started' && this.sessionId === null) {
      this.sessionId = message.sessionId;
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
    if (message.type === 'time.up' && message.graded === 'draft' && !this.answers.get(message.turnId)?.accepted) {
      void this.loadServerAnswer(message.sessionId, message.turnId);
    }
  }

  /**
   * The answer the server stored for a turn, when this page does not have its text: at time-up the server
   * grades the draft it holds, which may differ from this device's copy (typed offline, or not yet saved).
   */
  private async loadServerAnswer(sessionId: string, turnId: string): Promise<void> {
    try {
      const transcript = await api.transcript(sessionId);
      const answer = transcript.turns.find((turn) => turn.id === turnId)?.answer;
      if (this.sessionId !== sessionId || answer === null || answer === undefined) return;
      this.answers.set(turnId, { text: answer, clientId: null, accepted: true });
      this.emit({ kind: 'answer', turnId });
    } catch {
      // The bubble keeps this device's copy, labelled as such.
    }
  }

  answer(turnId: string, text: string, transcriptionId?: string): void {
    const clientId = this.socket.answer(turnId, text, transcriptionId);
    this.answers.set(turnId, { text, clientId, accepted: false });
    this.emit({ kind: 'answer', turnId });
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
