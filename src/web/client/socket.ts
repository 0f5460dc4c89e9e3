import type { z } from 'zod';
import {
  ClientMessageSchema,
  CloseCode,
  ServerMessageSchema,
  SessionEventSchema,
  type ServerMessage,
  type SessionMessage,
  type StartOptionsSchema,
} from '../../interview/protocol.js';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'failed';
type ClientInput = z.input<typeof ClientMessageSchema>;
export type StartInput = z.input<typeof StartOptionsSchema>;
export type ConnectionMessage = Exclude<ServerMessage, SessionMessage>;

export interface Delivery {
  message: ServerMessage;
  /** False for messages re-sent by the server while resuming (their `at` is in the past). */
  live: boolean;
}

interface OutboxEntry {
  turnId: string;
  clientId: string;
  text: string;
}

const SESSION_TYPES = new Set<string>(SessionEventSchema.options.map((option) => option.shape.type.value));

export function isSessionMessage(message: ServerMessage): message is SessionMessage {
  return SESSION_TYPES.has(message.type);
}

/** Closes that mean "do not come back": a bad token. Everything else is retried. */
const FINAL_CLOSE_CODES = new Set<number>([CloseCode.unauthorized]);
const PING_EVERY_MS = 25_000;
const PONG_TIMEOUT_MS = 10_000;

function newClientId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The interview websocket: authenticates, follows one session, reconnects with backoff and resumes by the
 * last seq it saw. Answers wait in an outbox until the server acknowledges them; after a resume they are
 * sent again with the same clientId, which the server treats as the same answer (stored once).
 */
export class InterviewSocket {
  private ws: WebSocket | null = null;
  private state: ConnectionState = 'idle';
  private attempts = 0;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private pongTimer: number | undefined;
  private pingSentAt = 0;
  /** The server accepted our token on the current connection. */
  private authed = false;
  /** Commands reach the server (authenticated, and resumed when following a session). */
  private ready = false;
  private resuming = false;
  private pendingStart: StartInput | null = null;
  private readonly outbox = new Map<string, OutboxEntry>();
  private readonly drafts = new Map<string, string>();
  private readonly closedTurns = new Set<string>();
  private readonly listeners = new Set<(delivery: Delivery) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();

  sessionId: string | null = null;
  lastSeq = 0;
  /** Server clock minus local clock, in ms, from the freshest message; countdowns use it. */
  serverOffset = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {
    window.addEventListener('online', () => this.retryNow());
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** True when commands reach the server now (authenticated and, if following a session, resumed). */
  get isReady(): boolean {
    return this.ready;
  }

  onMessage(listener: (delivery: Delivery) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Server time now, as best known. */
  serverNow(): number {
    return Date.now() + this.serverOffset;
  }

  /** Starts a new interview (connecting first if needed); the session id arrives with session.started. */
  start(options: StartInput): void {
    this.sessionId = null;
    this.lastSeq = 0;
    this.outbox.clear();
    this.drafts.clear();
    this.closedTurns.clear();
    if (this.authed && this.ws) {
      // The server drops whatever this connection followed before and starts the new session.
      this.pendingStart = null;
      this.resuming = false;
      this.sendNow({ type: 'start', ...options });
    } else {
      this.pendingStart = options;
      this.connect();
    }
  }

  /** Follows an existing session from `lastSeq` (0: everything). */
  follow(sessionId: string, lastSeq = 0): void {
    if (this.sessionId === sessionId && this.ws) return;
    this.sessionId = sessionId;
    this.lastSeq = lastSeq;
    this.pendingStart = null;
    if (this.authed && this.ws) this.sendResume();
    else this.connect();
  }

  /** Queues an answer until acknowledged; returns its clientId. */
  answer(turnId: string, text: string): string {
    const clientId = newClientId();
    this.outbox.set(clientId, { turnId, clientId, text });
    this.drafts.delete(turnId);
    if (this.ready) this.sendNow({ type: 'answer', turnId, clientId, text });
    return clientId;
  }

  /** Whether this answer is still waiting for the server's acknowledgement. */
  isQueued(clientId: string): boolean {
    return this.outbox.has(clientId);
  }

  /** Saves a draft now, or as soon as the connection is back (only the newest draft per turn is kept). */
  draft(turnId: string, text: string): void {
    if (this.closedTurns.has(turnId)) return;
    if (this.ready) {
      this.drafts.delete(turnId);
      this.sendNow({ type: 'draft', turnId, text });
    } else {
      this.drafts.set(turnId, text);
    }
  }

  /** Sends a command that must not be queued (skip, end); false when not connected. */
  command(message: Extract<ClientInput, { type: 'skip' | 'end' }>): boolean {
    if (!this.ready) return false;
    this.sendNow(message);
    return true;
  }

  /** Stops following and closes the connection for good. */
  close(): void {
    this.sessionId = null;
    this.pendingStart = null;
    window.clearTimeout(this.retryTimer);
    this.stopPing();
    const ws = this.ws;
    this.ws = null;
    this.authed = false;
    this.ready = false;
    ws?.close(1000, 'bye');
    this.setState('idle');
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private retryNow(): void {
    if (this.state !== 'reconnecting' || this.ws) return;
    window.clearTimeout(this.retryTimer);
    this.open();
  }

  private connect(): void {
    if (this.ws) return;
    window.clearTimeout(this.retryTimer);
    this.setState(this.attempts > 0 ? 'reconnecting' : 'connecting');
    this.open();
  }

  private open(): void {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    this.authed = false;
    this.ready = false;
    ws.addEventListener('open', () => {
      if (this.ws !== ws) return;
      this.sendNow({ type: 'auth', token: this.token });
    });
    ws.addEventListener('message', (event) => {
      if (this.ws !== ws) return;
      this.receive(event.data);
    });
    ws.addEventListener('close', (event) => {
      if (this.ws !== ws) return;
      this.lost(FINAL_CLOSE_CODES.has(event.code));
    });
    // 'error' is always followed by 'close', which handles it.
  }

  /** The current connection is gone (closed, or silent for too long): forget it and plan the next one. */
  private lost(final: boolean): void {
    const ws = this.ws;
    this.ws = null;
    this.authed = false;
    this.ready = false;
    this.resuming = false;
    this.stopPing();
    // Closing a half-dead socket can take long to report; its late events are ignored (this.ws changed).
    if (ws && ws.readyState === WebSocket.OPEN) ws.close(4000, 'reconnecting');
    if (final) {
      this.setState('failed');
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.attempts += 1;
    this.setState('reconnecting');
    // 0.5 s, 1 s, 2 s … capped at 8 s, with jitter so a restarted server is not hit by everyone at once.
    const base = Math.min(8_000, 500 * 2 ** Math.min(this.attempts - 1, 4));
    const delay = base * (0.8 + Math.random() * 0.4);
    this.retryTimer = window.setTimeout(() => this.open(), delay);
  }

  private sendNow(message: ClientInput): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify(ClientMessageSchema.parse(message)));
  }

  private sendResume(): void {
    if (!this.sessionId) return;
    this.resuming = true;
    this.ready = false;
    this.sendNow({ type: 'resume', sessionId: this.sessionId, lastSeq: this.lastSeq });
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      console.warn('interview socket: ignored a frame that is not JSON');
      return;
    }
    const parsed = ServerMessageSchema.safeParse(json);
    if (!parsed.success) {
      console.warn('interview socket: ignored a frame that does not match the protocol', parsed.error.issues[0]?.path);
      return;
    }
    const message = parsed.data;
    const live = !this.resuming || !isSessionMessage(message);
    if (live && message.type !== 'pong') this.serverOffset = message.at - Date.now();

    if (isSessionMessage(message)) {
      if (message.type === 'session.started' && this.sessionId === null) {
        this.sessionId = message.sessionId;
        this.lastSeq = 0;
      }
      if (message.sessionId !== this.sessionId || message.seq <= this.lastSeq) return;
      this.lastSeq = message.seq;
      this.track(message);
      this.emit({ message, live });
      return;
    }

    switch (message.type) {
      case 'auth.ok':
        this.authed = true;
        this.attempts = 0;
        this.startPing();
        if (this.sessionId) {
          // Still "connecting"/"reconnecting" until the server has replayed what we missed.
          this.sendResume();
        } else {
          this.ready = true;
          this.setState('open');
          if (this.pendingStart) {
            const options = this.pendingStart;
            this.pendingStart = null;
            this.sendNow({ type: 'start', ...options });
          }
        }
        break;
      case 'session.resumed':
        if (message.sessionId !== this.sessionId) return;
        this.resuming = false;
        this.ready = true;
        this.setState('open');
        this.flush();
        break;
      case 'pong':
        window.clearTimeout(this.pongTimer);
        // Half the round trip is the best guess of when the server read the clock.
        this.serverOffset = message.at - (this.pingSentAt + Date.now()) / 2;
        return;
      case 'feedback.delta':
      case 'error':
        break;
    }
    this.emit({ message, live: true });
  }

  /** Keeps the outbox and draft queue in step with what the server says about each turn. */
  private track(message: SessionMessage): void {
    switch (message.type) {
      case 'answer.accepted':
      case 'time.up':
      case 'turn.skipped':
      case 'feedback':
        this.closedTurns.add(message.turnId);
        this.drafts.delete(message.turnId);
        for (const [clientId, entry] of this.outbox) {
          if (entry.turnId === message.turnId && (message.type !== 'answer.accepted' || entry.clientId === message.clientId)) {
            this.outbox.delete(clientId);
          }
        }
        break;
      case 'session.ended':
        this.outbox.clear();
        this.drafts.clear();
        break;
      default:
        break;
    }
  }

  /** After a resume: answers the server has not acknowledged go again, with their original clientId. */
  private flush(): void {
    for (const entry of this.outbox.values()) this.sendNow({ type: 'answer', ...entry });
    for (const [turnId, text] of this.drafts) this.sendNow({ type: 'draft', turnId, text });
    this.drafts.clear();
  }

  private emit(delivery: Delivery): void {
    for (const listener of this.listeners) listener(delivery);
  }

  private startPing(): void {
    this.stopPing();
    this.pingTimer = window.setInterval(() => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
      this.pingSentAt = Date.now();
      this.sendNow({ type: 'ping' });
      window.clearTimeout(this.pongTimer);
      // A connection that silently died (sleeping laptop, dropped Wi-Fi) is noticed and replaced.
      this.pongTimer = window.setTimeout(() => this.lost(false), PONG_TIMEOUT_MS);
    }, PING_EVERY_MS);
  }

  private stopPing(): void {
    window.clearInterval(this.pingTimer);
    window.clearTimeout(this.pongTimer);
  }
}

export function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
