import { z } from 'zod';
import {
  ClientMessageSchema,
  CloseCode,
  ServerMessageSchema,
  SessionEventSchema,
  type ConnectionMessage,
  type ServerMessage,
  type SessionMessage,
  type StartOptionsSchema,
} from '../../contracts/protocol.js';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'failed';
type ClientInput = z.input<typeof ClientMessageSchema>;
export type StartInput = z.input<typeof StartOptionsSchema>;
type ErrorMessage = Extract<ConnectionMessage, { type: 'error' }>;

export interface Delivery {
  message: ServerMessage;
  /** False for messages re-sent by the server while resuming (their `at` is in the past). */
  live: boolean;
  /** With an error that refused a queued answer: that answer, now dropped from the outbox. */
  rejected?: OutboxEntry;
}

const OutboxEntrySchema = z.object({ turnId: z.string(), clientId: z.string(), text: z.string(), transcriptionId: z.string().optional() });
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

const SESSION_TYPES = new Set<string>(SessionEventSchema.options.map((option) => option.shape.type.value));

export function isSessionMessage(message: ServerMessage): message is SessionMessage {
  return SESSION_TYPES.has(message.type);
}

/** Closes that mean "do not come back": a bad token. Everything else is retried. */
const FINAL_CLOSE_CODES = new Set<number>([CloseCode.unauthorized]);
const PING_EVERY_MS = 25_000;
const PONG_TIMEOUT_MS = 10_000;
/** A resume not answered by `session.resumed` within this long: the connection is replaced. */
const RESUME_TIMEOUT_MS = 10_000;
/** After a `rate_limited` error (the server dropped frames), unacknowledged answers go again this much later. */
const RATE_RETRY_MS = 1_000;
/** Error codes that refuse an answer for good: resending it would not help. */
const REFUSING_CODES = new Set(['conflict', 'validation_error', 'not_found']);

/*
 * The outbox is kept per session in sessionStorage, so an answer submitted while offline survives a reload
 * of the page (sessionStorage lives as long as the tab; other tabs do not see, and resend, it).
 */
const outboxKey = (sessionId: string) => `interview-coach.outbox.${sessionId}`;

function loadOutbox(sessionId: string): OutboxEntry[] {
  try {
    const raw = sessionStorage.getItem(outboxKey(sessionId));
    if (raw === null) return [];
    const parsed = z.array(OutboxEntrySchema).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function storeOutbox(sessionId: string, entries: readonly OutboxEntry[]): void {
  try {
    if (entries.length === 0) sessionStorage.removeItem(outboxKey(sessionId));
    else sessionStorage.setItem(outboxKey(sessionId), JSON.stringify(entries));
  } catch {
    // Storage full or disabled: the answer still waits in memory until acknowledged.
  }
}

/** Forgets the answers of a session that waited on this device (e.g. when it was deleted). */
export function clearStoredOutbox(sessionId: string): void {
  storeOutbox(sessionId, []);
}

export function newClientId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The interview websocket: authenticates, follows one session, reconnects with backoff and resumes by the
 * last seq it saw. Answers wait in an outbox (kept in sessionStorage) until the server acknowledges them;
 * after a resume they are sent again with the same clientId, which the server treats as the same answer
 * (stored once). A start likewise carries a clientId and is sent again until `session.started` arrives.
 */
export class InterviewSocket {
  private ws: WebSocket | null = null;
  private state: ConnectionState = 'idle';
  private attempts = 0;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private pongTimer: number | undefined;
  private resumeTimer: number | undefined;
  private rateTimer: number | undefined;
  private pingSentAt = 0;
  /** The server accepted our token on the current connection. */
  private authed = false;
  /** Server time of the current connection's `auth.ok`. */
  private authAt = 0;
  /** Commands reach the server (authenticated, and resumed when following a session). */
  private ready = false;
  private resuming = false;
  /** The start waiting for its `session.started`; sent again (same clientId) on every new connection. */
  private pendingStart: (StartInput & { clientId: string }) | null = null;
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

  /**
   * Starts a new interview (connecting first if needed); the session id arrives with session.started.
   * The start is kept, and sent again after a reconnect, until then: with the same clientId the server
   * creates the session once and re-sends all of it.
   */
  start(options: StartInput): void {
    this.sessionId = null;
    this.lastSeq = 0;
    this.outbox.clear();
    this.drafts.clear();
    this.closedTurns.clear();
    this.pendingStart = { ...options, clientId: options.clientId ?? newClientId() };
    if (this.authed && this.ws) {
      // The server drops whatever this connection followed before and starts the new session.
      this.resuming = false;
      window.clearTimeout(this.resumeTimer);
      this.markReady();
      this.sendStart();
    } else {
      this.connect();
    }
  }

  /** Gives up waiting for a start (the page stopped waiting); a later `session.started` is ignored. */
  cancelStart(): void {
    this.pendingStart = null;
  }

  /** Follows an existing session from `lastSeq` (0: everything), with the answers still queued for it. */
  follow(sessionId: string, lastSeq = 0): void {
    if (this.sessionId === sessionId && this.ws) return;
    if (this.sessionId !== sessionId) {
      this.outbox.clear();
      for (const entry of loadOutbox(sessionId)) this.outbox.set(entry.clientId, entry);
      this.drafts.clear();
      this.closedTurns.clear();
    }
    this.sessionId = sessionId;
    this.lastSeq = lastSeq;
    this.pendingStart = null;
    if (this.authed && this.ws) this.sendResume();
    else this.connect();
  }

  /** The answers of the followed session still waiting for the server's acknowledgement. */
  queued(): OutboxEntry[] {
    return [...this.outbox.values()];
  }

  /** Drops a queued answer (the transcript shows its turn is closed). */
  discard(clientId: string): void {
    if (this.outbox.delete(clientId)) this.persist();
  }

  /** Queues an answer (with the recording it was spoken as, if any) until acknowledged; returns its clientId. */
  answer(turnId: string, text: string, transcriptionId?: string): string {
    const clientId = newClientId();
    const entry: OutboxEntry = { turnId, clientId, text, ...(transcriptionId === undefined ? {} : { transcriptionId }) };
    this.outbox.set(clientId, entry);
    this.persist();
    this.drafts.delete(turnId);
    if (this.ready) this.sendNow({ type: 'answer', ...entry });
    return clientId;
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

  /** Sends a command that must not be queued (skip, next, end); false when not connected. */
  command(message: Extract<ClientInput, { type: 'skip' | 'next' | 'end' }>): boolean {
    if (!this.ready) return false;
    this.sendNow(message);
    return true;
  }

  /** Stops following and closes the connection for good. */
  close(): void {
    this.sessionId = null;
    this.pendingStart = null;
    this.resuming = false;
    window.clearTimeout(this.retryTimer);
    window.clearTimeout(this.resumeTimer);
    window.clearTimeout(this.rateTimer);
    this.rateTimer = undefined;
    this.stopPing();
    const ws = this.ws;
    this.ws = null;
    this.authed = false;
    this.ready = false;
    ws?.close(1000, 'bye');
    this.setState('idle');
  }

  /** Stops following a session that is gone (deleted, or not found): its queued answers are dropped. */
  private forget(): void {
    if (this.sessionId) storeOutbox(this.sessionId, []);
    this.sessionId = null;
    this.lastSeq = 0;
    this.outbox.clear();
    this.drafts.clear();
    this.closedTurns.clear();
    this.resuming = false;
    window.clearTimeout(this.resumeTimer);
    if (this.authed) this.markReady();
  }

  private persist(): void {
    if (this.sessionId) storeOutbox(this.sessionId, [...this.outbox.values()]);
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private markReady(): void {
    this.ready = true;
    this.attempts = 0;
    this.setState('open');
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
      // Closed for following nothing: come back when there is a session to start or follow, not in a loop.
      if (event.code === CloseCode.idle && this.sessionId === null && this.pendingStart === null) {
        this.close();
        return;
      }
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
    window.clearTimeout(this.resumeTimer);
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

  private sendStart(): void {
    if (this.pendingStart) this.sendNow({ type: 'start', ...this.pendingStart });
  }

  private sendResume(): void {
    if (!this.sessionId) return;
    this.resuming = true;
    this.ready = false;
    this.sendNow({ type: 'resume', sessionId: this.sessionId, lastSeq: this.lastSeq });
    // A resume that is never answered (lost, or dropped by the rate limit) must not leave the page waiting.
    const ws = this.ws;
    window.clearTimeout(this.resumeTimer);
    this.resumeTimer = window.setTimeout(() => {
      if (this.ws === ws && this.resuming) this.lost(false);
    }, RESUME_TIMEOUT_MS);
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

    if (isSessionMessage(message)) {
      if (message.type === 'session.started' && this.sessionId === null && this.pendingStart) {
        // The answer to our start. Older than this connection: a resent start, answered with the whole
        // session (then session.resumed), so what follows is catching up rather than live.
        this.sessionId = message.sessionId;
        this.lastSeq = 0;
        this.pendingStart = null;
        this.resuming = message.at < this.authAt;
      }
      const live = !this.resuming;
      if (live) this.serverOffset = message.at - Date.now();
      if (message.sessionId !== this.sessionId || message.seq <= this.lastSeq) return;
      this.lastSeq = message.seq;
      this.track(message);
      this.emit({ message, live });
      return;
    }

    if (message.type !== 'pong') this.serverOffset = message.at - Date.now();
    const rejected = this.handle(message);
    if (message.type === 'pong') return;
    this.emit({ message, live: true, ...(rejected ? { rejected } : {}) });
  }

  /** Connection-level messages; returns the queued answer an error refused, if any. */
  private handle(message: ConnectionMessage & { at: number }): OutboxEntry | undefined {
    switch (message.type) {
      case 'auth.ok':
        this.authed = true;
        this.authAt = message.at;
        this.startPing();
        if (this.sessionId) {
          // Still "connecting"/"reconnecting" until the server has replayed what we missed.
          this.sendResume();
        } else {
          this.markReady();
          this.sendStart();
        }
        return undefined;
      case 'session.resumed':
        if (message.sessionId !== this.sessionId) return undefined;
        window.clearTimeout(this.resumeTimer);
        this.resuming = false;
        this.markReady();
        this.flush();
        return undefined;
      case 'pong':
        window.clearTimeout(this.pongTimer);
        // Half the round trip is the best guess of when the server read the clock.
        this.serverOffset = message.at - (this.pingSentAt + Date.now()) / 2;
        return undefined;
      case 'error':
        return this.handleError(message);
      case 'feedback.delta':
        return undefined;
    }
  }

  private handleError(message: ErrorMessage): OutboxEntry | undefined {
    const { code, ref } = message;
    if (code === 'rate_limited') {
      // The server dropped frames; which ones is unknown, so whatever is unacknowledged goes again.
      this.scheduleRateRetry();
      return undefined;
    }
    if (code === 'session_deleted') {
      this.forget();
      return undefined;
    }
    switch (ref?.type) {
      case 'answer': {
        const entry = ref.clientId === undefined ? undefined : this.outbox.get(ref.clientId);
        if (!entry || !REFUSING_CODES.has(code)) return undefined;
        this.outbox.delete(entry.clientId);
        this.persist();
        return entry;
      }
      case 'start':
        if (this.pendingStart && (ref.clientId === undefined || ref.clientId === this.pendingStart.clientId)) this.pendingStart = null;
        return undefined;
      case 'resume':
        // Deleted, or another profile's: asking again would not help.
        if (code === 'not_found' && this.resuming) this.forget();
        return undefined;
      default:
        return undefined;
    }
  }

  private scheduleRateRetry(): void {
    if (this.rateTimer !== undefined) return;
    this.rateTimer = window.setTimeout(
      () => {
        this.rateTimer = undefined;
        if (this.authed && this.sessionId === null) this.sendStart();
        if (this.ready) for (const entry of this.outbox.values()) this.sendNow({ type: 'answer', ...entry });
      },
      RATE_RETRY_MS * (1 + Math.random() * 0.2),
    );
  }

  /** Keeps the outbox and draft queue in step with what the server says about each turn. */
  private track(message: SessionMessage): void {
    switch (message.type) {
      case 'answer.accepted':
      case 'time.up':
      case 'turn.skipped':
      case 'feedback': {
        this.closedTurns.add(message.turnId);
        this.drafts.delete(message.turnId);
        // The turn is closed: an answer still queued for it was stored now, or would be refused (one answer
        // per turn; an acknowledgement with another clientId means another tab or device answered first).
        const before = this.outbox.size;
        for (const [clientId, entry] of this.outbox) if (entry.turnId === message.turnId) this.outbox.delete(clientId);
        if (this.outbox.size !== before) this.persist();
        break;
      }
      case 'session.ended':
        this.outbox.clear();
        this.drafts.clear();
        this.persist();
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
