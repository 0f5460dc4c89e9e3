import type { z } from 'zod';
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
export type ClientInput = z.input<typeof ClientMessageSchema>;
export type StartInput = z.input<typeof StartOptionsSchema>;
/** A start as sent: its clientId makes a repeated start yield the session the first one created. */
type StartFrame = StartInput & { clientId: string };

/** Timers and time, injected so tests drive reconnects and pings without sleeping (the shape of `src/clock.ts`). */
export interface TimerHandle {
  readonly id: number;
}
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** What the connection hears from a socket. */
export interface SocketHandlers {
  open(): void;
  message(data: unknown): void;
  close(code: number): void;
}

/** The little of a WebSocket the connection uses; `browserSocket` adapts the real one, tests pass a fake. */
export interface SocketLike {
  readonly isOpen: boolean;
  send(data: string): void;
  close(code: number, reason: string): void;
}

export type SocketFactory = (handlers: SocketHandlers) => SocketLike;

export type ConnectionEvent =
  | { type: 'state'; state: ConnectionState }
  /**
   * A server message. Session messages come once each, in seq order, for the followed session only; `live` is
   * false for those re-sent while resuming (their `at` is in the past). `pong` is handled here and not passed on.
   */
  | { type: 'message'; message: ServerMessage; live: boolean }
  /** The followed session was resumed: what waited for the connection can go now. */
  | { type: 'resumed'; sessionId: string }
  /** After a `rate_limited` error the server dropped frames, which ones is unknown: resend what is unacknowledged. */
  | { type: 'resend' }
  /** The followed session is gone (deleted, or not found on resume); the connection stopped following it. */
  | { type: 'forgotten'; sessionId: string }
  /** A frame that is not a protocol message was dropped; the reason names what was wrong, never the content. */
  | { type: 'invalid-frame'; reason: string };

type ParsedFrame = { ok: true; message: ServerMessage } | { ok: false; reason: string };

const SESSION_TYPES = new Set<string>(SessionEventSchema.options.map((option) => option.shape.type.value));

export function isSessionMessage(message: ServerMessage): message is SessionMessage {
  return SESSION_TYPES.has(message.type);
}

/** Reads one websocket frame as a server message, or says why it is not one. */
export function parseServerFrame(data: unknown): ParsedFrame {
  if (typeof data !== 'string') return { ok: false, reason: 'a binary frame (the protocol is JSON text)' };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'a frame that is not JSON' };
  }
  const parsed = ServerMessageSchema.safeParse(json);
  if (parsed.success) return { ok: true, message: parsed.data };
  const path = parsed.error.issues[0]?.path.join('.') ?? '';
  return { ok: false, reason: `a frame that does not match the protocol${path === '' ? '' : ` (at ${path})`}` };
}

/** Closes that mean "do not come back": a bad token. Everything else is retried. */
const FINAL_CLOSE_CODES = new Set<number>([CloseCode.unauthorized]);
export const PING_EVERY_MS = 25_000;
export const PONG_TIMEOUT_MS = 10_000;
/** A resume not answered by `session.resumed` within this long: the connection is replaced. */
export const RESUME_TIMEOUT_MS = 10_000;
/** After a `rate_limited` error, unacknowledged frames go again this much later (plus up to 20 % jitter). */
const RATE_RETRY_MS = 1_000;

/** 0.5 s, 1 s, 2 s … capped at 8 s, times 0.8–1.2 so a restarted server is not hit by everyone at once. */
function reconnectDelay(attempt: number, random: number): number {
  const base = Math.min(8_000, 500 * 2 ** Math.min(attempt - 1, 4));
  return base * (0.8 + random * 0.4);
}

export interface ConnectionOptions {
  token: string;
  createSocket: SocketFactory;
  scheduler: Scheduler;
  /** Jitter in [0, 1); `Math.random` by default. */
  random?: () => number;
}

/**
 * The interview websocket, and only that: connects, authenticates, pings, reconnects with backoff, and holds
 * the session handshake — a start (re-sent with its clientId until `session.started`) or a resume by the last
 * seq seen. It validates every frame both ways with the contracts' schemas and says what happened as typed
 * events. What else to send (answers, drafts, commands) is decided by its owner, through `send`.
 */
export class InterviewConnection {
  private readonly token: string;
  private readonly createSocket: SocketFactory;
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private socket: SocketLike | null = null;
  private state: ConnectionState = 'idle';
  private attempts = 0;
  private retryTimer: TimerHandle | undefined;
  private pingTimer: TimerHandle | undefined;
  private pongTimer: TimerHandle | undefined;
  private resumeTimer: TimerHandle | undefined;
  private rateTimer: TimerHandle | undefined;
  private pingSentAt = 0;
  /** The server accepted our token on the current socket. */
  private authed = false;
  /** Server time of the current socket's `auth.ok`. */
  private authAt = 0;
  /** Commands reach the server (authenticated, and resumed when following a session). */
  private ready = false;
  private resuming = false;
  /** The start waiting for its `session.started`; sent again on every new socket. */
  private pendingStart: StartFrame | null = null;
  private readonly listeners = new Set<(event: ConnectionEvent) => void>();

  sessionId: string | null = null;
  lastSeq = 0;
  /** Server clock minus local clock, in ms, from the freshest message; countdowns use it. */
  serverOffset = 0;

  constructor(options: ConnectionOptions) {
    this.token = options.token;
    this.createSocket = options.createSocket;
    this.scheduler = options.scheduler;
    this.random = options.random ?? Math.random;
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** True when commands reach the server now (authenticated and, if following a session, resumed). */
  get isReady(): boolean {
    return this.ready;
  }

  on(listener: (event: ConnectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Server time now, as best known. */
  serverNow(): number {
    return this.scheduler.now() + this.serverOffset;
  }

  /** Starts a new interview (connecting first if needed); the session is followed from its `session.started`. */
  start(frame: StartFrame): void {
    this.sessionId = null;
    this.lastSeq = 0;
    this.pendingStart = frame;
    if (this.authed && this.socket) {
      // The server drops whatever this socket followed before and starts the new session.
      this.resuming = false;
      this.clearTimer('resumeTimer');
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

  /** Follows an existing session from `lastSeq` (0: everything). */
  follow(sessionId: string, lastSeq = 0): void {
    if (this.sessionId === sessionId && this.socket) return;
    this.sessionId = sessionId;
    this.lastSeq = lastSeq;
    this.pendingStart = null;
    if (this.authed && this.socket) this.sendResume();
    else this.connect();
  }

  /** Sends a message when commands reach the server; false (nothing sent) otherwise. */
  send(message: ClientInput): boolean {
    if (!this.ready) return false;
    return this.sendNow(message);
  }

  /** Tries again at once when waiting to reconnect (the browser says it is back online). */
  retryNow(): void {
    if (this.state !== 'reconnecting' || this.socket) return;
    this.clearTimer('retryTimer');
    this.open();
  }

  /** Stops following and closes the connection for good. */
  close(): void {
    this.sessionId = null;
    this.pendingStart = null;
    this.resuming = false;
    this.clearTimer('retryTimer');
    this.clearTimer('resumeTimer');
    this.clearTimer('rateTimer');
    this.stopPing();
    const socket = this.socket;
    this.socket = null;
    this.authed = false;
    this.ready = false;
    socket?.close(1000, 'bye');
    this.setState('idle');
  }

  private emit(event: ConnectionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private clearTimer(name: 'retryTimer' | 'pingTimer' | 'pongTimer' | 'resumeTimer' | 'rateTimer'): void {
    const timer = this[name];
    if (timer !== undefined) this.scheduler.clearTimeout(timer);
    this[name] = undefined;
  }

  /** Stops following a session that is gone (deleted, or not found). */
  private forget(): void {
    const sessionId = this.sessionId;
    this.sessionId = null;
    this.lastSeq = 0;
    this.resuming = false;
    this.clearTimer('resumeTimer');
    if (sessionId !== null) this.emit({ type: 'forgotten', sessionId });
    if (this.authed) this.markReady();
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit({ type: 'state', state });
  }

  private markReady(): void {
    this.ready = true;
    this.attempts = 0;
    this.setState('open');
  }

  private connect(): void {
    if (this.socket) return;
    this.clearTimer('retryTimer');
    this.setState(this.attempts > 0 ? 'reconnecting' : 'connecting');
    this.open();
  }

  private open(): void {
    this.retryTimer = undefined;
    this.authed = false;
    this.ready = false;
    // Events of a replaced socket (late, after it was given up) are ignored.
    const socket: SocketLike = this.createSocket({
      open: () => {
        if (this.socket === socket) this.sendNow({ type: 'auth', token: this.token });
      },
      message: (data) => {
        if (this.socket === socket) this.receive(data);
      },
      close: (code) => {
        if (this.socket !== socket) return;
        // Closed for following nothing: come back when there is a session to start or follow, not in a loop.
        if (code === CloseCode.idle && this.sessionId === null && this.pendingStart === null) {
          this.close();
          return;
        }
        this.lost(FINAL_CLOSE_CODES.has(code));
      },
    });
    this.socket = socket;
  }

  /** The current socket is gone (closed, or silent for too long): forget it and plan the next one. */
  private lost(final: boolean): void {
    const socket = this.socket;
    this.socket = null;
    this.authed = false;
    this.ready = false;
    this.resuming = false;
    this.clearTimer('resumeTimer');
    this.stopPing();
    // Closing a half-dead socket can take long to report; its late events are ignored (this.socket changed).
    if (socket?.isOpen) socket.close(4000, 'reconnecting');
    if (final) {
      this.setState('failed');
      return;
    }
    this.attempts += 1;
    this.setState('reconnecting');
    this.retryTimer = this.scheduler.setTimeout(() => this.open(), reconnectDelay(this.attempts, this.random()));
  }

  private sendNow(message: ClientInput): boolean {
    const socket = this.socket;
    if (!socket?.isOpen) return false;
    socket.send(JSON.stringify(ClientMessageSchema.parse(message)));
    return true;
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
    const socket = this.socket;
    this.clearTimer('resumeTimer');
    this.resumeTimer = this.scheduler.setTimeout(() => {
      this.resumeTimer = undefined;
      if (this.socket === socket && this.resuming) this.lost(false);
    }, RESUME_TIMEOUT_MS);
  }

  private receive(data: unknown): void {
    const frame = parseServerFrame(data);
    if (!frame.ok) {
      this.emit({ type: 'invalid-frame', reason: frame.reason });
      return;
    }
    const message = frame.message;

    if (isSessionMessage(message)) {
      if (message.type === 'session.started' && this.sessionId === null && this.pendingStart) {
        // The answer to our start. Older than this socket: a resent start, answered with the whole session
        // (then session.resumed), so what follows is catching up rather than live.
        this.sessionId = message.sessionId;
        this.lastSeq = 0;
        this.pendingStart = null;
        this.resuming = message.at < this.authAt;
      }
      const live = !this.resuming;
      if (live) this.serverOffset = message.at - this.scheduler.now();
      if (message.sessionId !== this.sessionId || message.seq <= this.lastSeq) return;
      this.lastSeq = message.seq;
      this.emit({ type: 'message', message, live });
      return;
    }

    if (message.type !== 'pong') this.serverOffset = message.at - this.scheduler.now();
    this.handle(message);
    if (message.type !== 'pong') this.emit({ type: 'message', message, live: true });
  }

  private handle(message: ConnectionMessage & { at: number }): void {
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
        return;
      case 'session.resumed':
        if (message.sessionId !== this.sessionId) return;
        this.clearTimer('resumeTimer');
        this.resuming = false;
        this.markReady();
        this.emit({ type: 'resumed', sessionId: message.sessionId });
        return;
      case 'pong':
        this.clearTimer('pongTimer');
        // Half the round trip is the best guess of when the server read the clock.
        this.serverOffset = message.at - (this.pingSentAt + this.scheduler.now()) / 2;
        return;
      case 'error':
        this.handleError(message);
        return;
      case 'feedback.delta':
        return;
    }
  }

  private handleError({ code, ref }: Extract<ConnectionMessage, { type: 'error' }>): void {
    if (code === 'rate_limited') {
      this.scheduleRateRetry();
      return;
    }
    if (code === 'session_deleted') {
      this.forget();
      return;
    }
    if (ref?.type === 'start') {
      if (this.pendingStart && (ref.clientId === undefined || ref.clientId === this.pendingStart.clientId)) this.pendingStart = null;
      return;
    }
    // Deleted, or another profile's: asking again would not help.
    if (ref?.type === 'resume' && code === 'not_found' && this.resuming) this.forget();
  }

  private scheduleRateRetry(): void {
    if (this.rateTimer !== undefined) return;
    this.rateTimer = this.scheduler.setTimeout(
      () => {
        this.rateTimer = undefined;
        if (this.authed && this.sessionId === null) this.sendStart();
        if (this.ready) this.emit({ type: 'resend' });
      },
      RATE_RETRY_MS * (1 + this.random() * 0.2),
    );
  }

  private startPing(): void {
    this.stopPing();
    this.pingTimer = this.scheduler.setTimeout(() => {
      this.pingTimer = undefined;
      if (!this.socket?.isOpen) return;
      this.startPing();
      this.pingSentAt = this.scheduler.now();
      this.sendNow({ type: 'ping' });
      // A socket that silently died (sleeping laptop, dropped Wi-Fi) is noticed and replaced.
      this.pongTimer = this.scheduler.setTimeout(() => {
        this.pongTimer = undefined;
        this.lost(false);
      }, PONG_TIMEOUT_MS);
    }, PING_EVERY_MS);
  }

  private stopPing(): void {
    this.clearTimer('pingTimer');
    this.clearTimer('pongTimer');
  }
}
