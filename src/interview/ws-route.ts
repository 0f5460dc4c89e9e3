import type {} from '@fastify/websocket';
import type {} from '@fastify/rate-limit';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Clock, TimerHandle } from '../clock.js';
import type { ErrorCode } from '../contracts/error-codes.js';
import { AppError, errorBody, toWireError } from '../errors.js';
import type { UserService } from '../users/user-service.js';
import type { InterviewService } from './interview-service.js';
import type { Subscriber } from './live-sessions.js';
import { ClientMessageSchema, CloseCode, type ClientMessage, type SessionMessage } from '../contracts/protocol.js';

export interface WsLimits {
  /** Milliseconds a new socket has to send its `auth` frame. */
  authTimeoutMs: number;
  /** Milliseconds between heartbeat pings; a socket that missed the previous pong is terminated. */
  heartbeatMs: number;
  /** Sustained frames per second a socket may send, and the burst above it. */
  messagesPerSecond: number;
  burst: number;
  /** Bytes queued for a socket that stopped reading before it is cut off (it can resume later). */
  maxBufferedBytes: number;
  /** Open sockets one user may hold (authenticated), and one client address (any). */
  maxPerUser: number;
  maxPerAddress: number;
  /** Milliseconds an authenticated socket may stay open without starting or resuming an interview. */
  idleTimeoutMs: number;
  /** Bytes of replayed transcript per second for all of one user's sockets together; bursts of twice this. */
  replayBytesPerSecond: number;
}

/** Limits that are not configuration (the others come from the environment, see src/config.ts). */
export const defaultWsLimits = {
  authTimeoutMs: 5_000,
  heartbeatMs: 30_000,
  messagesPerSecond: 20,
  burst: 40,
  maxBufferedBytes: 1024 * 1024,
} satisfies Partial<WsLimits>;

/** A replay page waits for the socket to write out what it holds beyond this before the next page. */
const REPLAY_LOW_WATER_BYTES = 64 * 1024;

const KNOWN_TYPES = new Set<string>(ClientMessageSchema.options.map((option) => option.shape.type.value));

/** One connection's state: who it is, which session it follows, its rate budget and timers. */
interface Connection {
  socket: WebSocket;
  address: string;
  userId: string | null;
  sessionId: string | null;
  subscriber: Subscriber;
  tokens: number;
  refilledAt: number;
  lastRateError: number;
  alive: boolean;
  authTimer: TimerHandle | null;
  idleTimer: TimerHandle | null;
  heartbeat: TimerHandle | null;
  /** The user was told their draft history is full (once per connection). */
  quotaNoticeSent: boolean;
}

/** Which client frame an error answers, so the client can tell (e.g. drop a refused answer from its outbox). */
function refOf(message: ClientMessage): { type: string; turnId?: string; clientId?: string } {
  return {
    type: message.type,
    ...('turnId' in message ? { turnId: message.turnId } : {}),
    ...('clientId' in message && message.clientId !== undefined ? { clientId: message.clientId } : {}),
  };
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/**
 * Whether a page of `origin` may open the websocket. Scheme, host and port are compared, never the Host
 * header (which the client writes): with PUBLIC_ORIGIN set, that origin; without it, the loopback names and
 * HOST on the port the connection arrived at, which is where a local browser loads the UI from. Plus the
 * ALLOWED_ORIGINS. A request without an Origin header is not from a browser page and is allowed.
 */
export function originAllowed(
  origin: string | undefined,
  settings: { publicOrigin: string | undefined; allowedOrigins: readonly string[]; host: string; localPort: number | undefined },
): boolean {
  if (origin === undefined) return true;
  let actual: string;
  try {
    actual = new URL(origin).origin;
  } catch {
    return false;
  }
  if (settings.allowedOrigins.includes(actual)) return true;
  if (settings.publicOrigin !== undefined) return actual === settings.publicOrigin;
  if (settings.localPort === undefined) return false;
  const hosts = ['localhost', '127.0.0.1', '[::1]'];
  if (!WILDCARD_HOSTS.has(settings.host)) hosts.push(settings.host.includes(':') ? `[${settings.host}]` : settings.host);
  return hosts.some((host) => {
    try {
      return new URL(`http://${host}:${settings.localPort}`).origin === actual;
    } catch {
      return false;
    }
  });
}

/**
 * Per-user budgets of replayed bytes: a token bucket each, refilled at `rate` bytes per second up to
 * `burst`, and a line in which the user's replay pages wait, one at a time, for the bucket to allow them.
 */
function createReplayBudget(clock: Clock, rate: number, burst: number) {
  const buckets = new Map<string, { tokens: number; at: number; line: Promise<unknown> }>();
  const bucketOf = (userId: string) => {
    const now = clock.now();
    const bucket = buckets.get(userId) ?? { tokens: burst, at: now, line: Promise.resolve() };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    buckets.set(userId, bucket);
    return bucket;
  };
  const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
  return {
    /**
     * Runs `send` for the user once the pages ahead of it are sent and the bucket is not overdrawn; `send`
     * returns the bytes it sent, which are charged (a page may overdraw the bucket; the next one waits).
     */
    async next<T>(userId: string, send: () => { bytes: number; result: T }): Promise<T> {
      const bucket = bucketOf(userId);
      const turn = bucket.line.then(async () => {
        const ready = bucketOf(userId);
        if (ready.tokens < 0) await wait(Math.ceil((-ready.tokens / rate) * 1000));
        const { bytes, result } = send();
        bucketOf(userId).tokens -= bytes;
        return result;
      });
      bucket.line = turn.catch(() => undefined);
      const settledLine = bucket.line;
      void settledLine.then(() => {
        // An idle, full bucket is the same as none.
        const current = buckets.get(userId);
        if (current?.line === settledLine && bucketOf(userId).tokens >= burst) buckets.delete(userId);
      });
      return turn;
    },
  };
}

export function registerInterviewSocket(
  app: FastifyInstance,
  deps: {
    interviews: InterviewService;
    users: UserService;
    clock: Clock;
    publicOrigin: string | undefined;
    allowedOrigins: readonly string[];
    host: string;
    upgradesPerMinute: number;
    limits: WsLimits;
  },
): void {
  const { interviews, users, clock, limits } = deps;
  const byAddress = new Map<string, number>();
  const byUser = new Map<string, Set<Connection>>();
  const replayBudget = createReplayBudget(clock, limits.replayBytesPerSecond, 2 * limits.replayBytesPerSecond);

  /** A client that stopped reading would make the server buffer without bound: it is cut off (it can resume). */
  function cutOffIfBacklogged(connection: Connection): boolean {
    const { socket } = connection;
    if (socket.bufferedAmount <= limits.maxBufferedBytes) return false;
    app.log.warn({ userId: connection.userId, buffered: socket.bufferedAmount }, 'slow websocket consumer cut off');
    socket.terminate();
    return true;
  }

  const send = (connection: Connection, message: object) => {
    const { socket } = connection;
    if (socket.readyState !== socket.OPEN || cutOffIfBacklogged(connection)) return;
    socket.send(JSON.stringify(message));
  };
  const sendError = (connection: Connection, code: ErrorCode, message: string, ref?: ClientMessage) =>
    send(connection, { type: 'error', code, message, ...(ref ? { ref: refOf(ref) } : {}), seq: 0, at: clock.now() });

  /**
   * Sends the next page of a replay when the user's budget allows (pages of all the user's sockets take
   * turns), then waits for the socket to write out what it holds beyond a low-water mark.
   */
  async function replayPage(connection: Connection, read: () => readonly SessionMessage[] | undefined): Promise<boolean> {
    const { socket, userId } = connection;
    if (userId === null) return false;
    // The promise of the page's last write is wrapped, so awaiting the turn does not wait for the write.
    const sent = await replayBudget.next(userId, () => {
      if (socket.readyState !== socket.OPEN || cutOffIfBacklogged(connection)) return { bytes: 0, result: null };
      const page = read();
      if (page === undefined) return { bytes: 0, result: null };
      let bytes = 0;
      let written: Promise<boolean> = Promise.resolve(true);
      for (const message of page) {
        const data = JSON.stringify(message);
        bytes += Buffer.byteLength(data, 'utf8');
        written = new Promise<boolean>((resolve) => socket.send(data, (error) => resolve(error === undefined || error === null)));
      }
      return { bytes, result: { written } };
    });
    if (sent === null) return false;
    const drained = socket.bufferedAmount > REPLAY_LOW_WATER_BYTES ? await sent.written : true;
    return drained && socket.readyState === socket.OPEN;
  }

  function takeToken(connection: Connection): boolean {
    const now = clock.now();
    const refill = ((now - connection.refilledAt) / 1000) * limits.messagesPerSecond;
    connection.tokens = Math.min(limits.burst, connection.tokens + refill);
    connection.refilledAt = now;
    if (connection.tokens < 1) return false;
    connection.tokens -= 1;
    return true;
  }

  function follow(connection: Connection, sessionId: string): void {
    if (connection.sessionId && connection.sessionId !== sessionId) {
      interviews.detach(connection.sessionId, connection.subscriber);
    }
    connection.sessionId = sessionId;
    if (connection.idleTimer) clock.clearTimeout(connection.idleTimer);
    connection.idleTimer = null;
  }

  function requireSession(connection: Connection): string {
    if (connection.sessionId === null) throw new AppError(409, 'no_session', 'start or resume a session first');
    return connection.sessionId;
  }

  function handle(connection: Connection, message: ClientMessage, userId: string): void {
    switch (message.type) {
      case 'auth':
        return sendError(connection, 'already_authenticated', 'this connection is already authenticated');
      case 'ping':
        return send(connection, { type: 'pong', seq: 0, at: clock.now() });
      case 'start': {
        const { type: _type, ...options } = message;
        // A refused start leaves the connection following the session it had.
        follow(connection, interviews.start(userId, options, connection.subscriber));
        return undefined;
      }
      case 'resume':
        interviews.resume(userId, message.sessionId, message.lastSeq, connection.subscriber);
        return follow(connection, message.sessionId);
      case 'answer':
        return interviews.answer(
          userId,
          requireSession(connection),
          message.turnId,
          message.clientId,
          message.text,
          connection.subscriber,
          message.transcriptionId,
        );
      case 'draft': {
        const { historyFull } = interviews.draft(userId, requireSession(connection), message.turnId, message.text);
        if (historyFull && !connection.quotaNoticeSent) {
          connection.quotaNoticeSent = true;
          sendError(
            connection,
            'draft_quota_exceeded',
            'your stored draft history is full: drafts still count if the time runs out, but are no longer kept for replay; delete old interviews to free space',
            message,
          );
        }
        return undefined;
      }
      case 'skip':
        return interviews.skip(userId, requireSession(connection), message.turnId);
      case 'next':
        return interviews.next(userId, requireSession(connection));
      case 'end':
        return interviews.end(userId, requireSession(connection));
    }
  }

  function authenticate(connection: Connection, token: string): void {
    const user = users.authenticate(token);
    if (!user) {
      sendError(connection, 'unauthorized', 'invalid token');
      connection.socket.close(CloseCode.unauthorized, 'invalid token');
      return;
    }
    if (connection.authTimer) clock.clearTimeout(connection.authTimer);
    connection.authTimer = null;
    const open = byUser.get(user.id) ?? new Set<Connection>();
    if (open.size >= limits.maxPerUser) {
      sendError(connection, 'too_many_connections', `this account already has ${limits.maxPerUser} connections open; close one first`);
      connection.socket.close(CloseCode.tooManyConnections, 'too many connections for this user');
      return;
    }
    open.add(connection);
    byUser.set(user.id, open);
    connection.userId = user.id;
    // A socket that never follows an interview only holds resources; heartbeats alone would keep it forever.
    connection.idleTimer = clock.setTimeout(() => {
      if (connection.sessionId === null) connection.socket.close(CloseCode.idle, 'no interview started or resumed');
    }, limits.idleTimeoutMs);
    send(connection, { type: 'auth.ok', userId: user.id, seq: 0, at: clock.now() });
  }

  function onFrame(connection: Connection, data: Buffer, isBinary: boolean): void {
    if (!takeToken(connection)) {
      const now = clock.now();
      if (now - connection.lastRateError >= 1000) {
        connection.lastRateError = now;
        sendError(connection, 'rate_limited', `too many messages; at most ${limits.messagesPerSecond} per second`);
      }
      return;
    }
    if (isBinary) return sendError(connection, 'bad_frame', 'binary frames are not supported; send JSON text');
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      return sendError(connection, 'bad_json', 'frame is not valid JSON');
    }
    const type = typeof json === 'object' && json !== null && 'type' in json ? json.type : undefined;
    if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) {
      return sendError(connection, 'unknown_type', 'unknown or missing message type');
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      // Name the field, never echo the value.
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'message';
      return sendError(connection, 'invalid_message', `${type}.${field}: ${issue?.message ?? 'invalid'}`);
    }
    const message = parsed.data;
    if (connection.userId === null) {
      if (message.type !== 'auth') return sendError(connection, 'unauthenticated', 'authenticate first: { "type": "auth", "token": … }');
      return authenticate(connection, message.token);
    }
    try {
      handle(connection, message, connection.userId);
    } catch (error) {
      const wire = toWireError(error, 'the server could not process this message');
      if (wire.logLevel !== null) app.log[wire.logLevel]({ err: error, type: message.type }, 'websocket message failed');
      sendError(connection, wire.code, wire.message, message);
    }
    return undefined;
  }

  function beat(connection: Connection): void {
    if (!connection.alive) {
      connection.socket.terminate();
      return;
    }
    connection.alive = false;
    connection.socket.ping();
    connection.heartbeat = clock.setTimeout(() => beat(connection), limits.heartbeatMs);
  }

  function closed(connection: Connection): void {
    for (const timer of [connection.authTimer, connection.idleTimer, connection.heartbeat]) if (timer) clock.clearTimeout(timer);
    if (connection.sessionId) interviews.detach(connection.sessionId, connection.subscriber);
    const count = (byAddress.get(connection.address) ?? 1) - 1;
    if (count > 0) byAddress.set(connection.address, count);
    else byAddress.delete(connection.address);
    if (connection.userId === null) return;
    const open = byUser.get(connection.userId);
    open?.delete(connection);
    if (open?.size === 0) byUser.delete(connection.userId);
  }

  /** The raw socket of a request; requests injected with `app.injectWS` have none (and no ip). */
  const socketOf = (request: FastifyRequest): Socket | undefined => request.raw.socket;
  const addressOf = (request: FastifyRequest): string => request.ip ?? socketOf(request)?.remoteAddress ?? 'unknown';

  app.get(
    '/ws',
    {
      websocket: true,
      schema: { hide: true },
      config: {
        // Upgrades have a bucket of their own, per address: a burst of reconnects neither uses up nor is
        // limited by the HTTP budget (nor the health checks, which have none). Injected requests may have
        // no address at all.
        rateLimit: { max: deps.upgradesPerMinute, timeWindow: 60_000, keyGenerator: (request) => `ws:${addressOf(request)}` },
      },
      preValidation: async (request, reply) => {
        const allowed = originAllowed(request.headers.origin, {
          publicOrigin: deps.publicOrigin,
          allowedOrigins: deps.allowedOrigins,
          host: deps.host,
          localPort: socketOf(request)?.localPort,
        });
        if (!allowed) await reply.code(403).send(errorBody('forbidden_origin', 'websocket origin not allowed'));
      },
    },
    (socket, request) => {
      const connection: Connection = {
        socket,
        address: addressOf(request),
        userId: null,
        sessionId: null,
        subscriber: {
          send: (message) => send(connection, message),
          replay: (read) => replayPage(connection, read),
        },
        tokens: limits.burst,
        refilledAt: clock.now(),
        lastRateError: 0,
        alive: true,
        authTimer: null,
        idleTimer: null,
        heartbeat: null,
        quotaNoticeSent: false,
      };
      // Handlers are attached synchronously so no early frame is missed.
      socket.on('close', () => closed(connection));
      const fromAddress = byAddress.get(connection.address) ?? 0;
      byAddress.set(connection.address, fromAddress + 1);
      if (fromAddress >= limits.maxPerAddress) {
        socket.close(CloseCode.tooManyConnections, 'too many connections from this address');
        return;
      }
      socket.on('message', (data: Buffer, isBinary: boolean) => onFrame(connection, data, isBinary));
      socket.on('pong', () => {
        connection.alive = true;
      });
      connection.authTimer = clock.setTimeout(() => {
        if (connection.userId === null) socket.close(CloseCode.authTimeout, 'authentication timeout');
      }, limits.authTimeoutMs);
      connection.heartbeat = clock.setTimeout(() => beat(connection), limits.heartbeatMs);
    },
  );
}
