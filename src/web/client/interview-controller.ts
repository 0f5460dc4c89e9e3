import type { SessionMessage } from '../../interview/protocol.js';
import { api, ApiError } from './api.js';
import { InterviewSocket, isSessionMessage, socketUrl, type ConnectionState, type StartInput } from './socket.js';

export type QuestionMessage = Extract<SessionMessage, { type: 'question' | 'followup' }>;

export interface SubmittedAnswer {
  text: string;
  /** Null for answers known from the transcript (sent from another page load). */
  clientId: string | null;
  accepted: boolean;
}

export type ControllerEvent =
  | { kind: 'message'; message: SessionMessage; live: boolean }
  | { kind: 'delta'; turnId: string; text: string }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'connection'; state: ConnectionState }
  | { kind: 'answer'; turnId: string }
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

  constructor(token: string) {
    this.socket = new InterviewSocket(socketUrl(), token);
    this.socket.onMessage(({ message, live }) => {
      if (isSessionMessage(message)) return this.receive(message, live);
      if (message.type === 'feedback.delta') {
        if (message.sessionId !== this.sessionId) return undefined;
        const text = (this.deltas.get(message.turnId) ?? '') + message.text;
        this.deltas.set(message.turnId, text);
        return this.emit({ kind: 'delta', turnId: message.turnId, text });
      }
      if (message.type === 'error') {
        if (this.starting) {
          this.starting.reject(new ApiError(400, message.code, message.message));
          this.starting = null;
          return undefined;
        }
        return this.emit({ kind: 'error', code: message.code, message: message.message });
      }
      return undefined;
    });
    this.socket.onState((state) => this.emit({ kind: 'connection', state }));
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
    return new Promise((resolve, reject) => {
      this.starting = { resolve, reject };
      this.socket.start(options);
    });
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
  }

  lastSeq(): number {
    return this.messages.at(-1)?.seq ?? 0;
  }

  private receive(message: SessionMessage, live: boolean): void {
    if (message.type === 'session.started' && this.sessionId === null) {
      this.sessionId = message.sessionId;
      this.starting?.resolve(message.sessionId);
      this.starting = null;
    }
    if (message.sessionId !== this.sessionId) return;
    if (message.seq <= this.lastSeq()) return;
    this.messages.push(message);
    if (message.type === 'answer.accepted') {
      const answer = this.answers.get(message.turnId);
      if (answer) answer.accepted = true;
    }
    this.emit({ kind: 'message', message, live });
  }

  answer(turnId: string, text: string): void {
    const clientId = this.socket.answer(turnId, text);
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

  ended(): boolean {
    return this.messages.some((message) => message.type === 'session.ended');
  }
}
