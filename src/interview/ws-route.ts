import type {} from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { Clock, TimerHandle } from '../clock.js';
import { AppError } from '../errors.js';
import type { UserService } from '../users/user-service.js';
import type { InterviewService, Subscriber } from './interview-service.js';
import { ClientMessageSchema, CloseCode, type ClientMessage } from './protocol.js';

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
}

export const defaultWsLimits: WsLimits = {
  authTimeoutMs: 5_000,
  heartbeatMs: 30_000,
  messagesPerSecond: 20,
  burst: 40,
  maxBufferedBytes: 1024 * 1024,
};

const KNOWN_TYPES = new Set<string>(ClientMessageSchema.options.map((option) => option.shape.type.value));

/** One connection's state: who it is, which session it follows, its rate budget and timers. */
interface Connection {
  socket: WebSocket;
  userId: string | null;
  sessionId: string | null;
  subscriber: Subscriber;
  tokens: number;
  refilledAt: number;
  lastRateError: number;
  alive: boolean;
  authTimer: TimerHandle | null;
  heartbeat: TimerHandle | null;
}

/** Which client frame an error answers, so the client can tell (e.g. drop a refused answer from its outbox). */
function refOf(message: ClientMessage): { type: string; turnId?: string; clientId?: string } {
  return {
    type: message.type,
    ...('turnId' in message ? { turnId: message.turnId } : {}),
    ...('clientId' in message && message.clientId !== undefined ? { clientId: message.clientId } : {}),
  };
}

/** True when the Origin header is absent (non-browser client), same-origin, or allow-listed. */
export function originAllowed(request: FastifyRequest, allowed: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

export function registerInterviewSocket(
  app: FastifyInstance,
  deps: { interviews: InterviewService; users: UserService; clock: Clock; allowedOrigins: readonly string[]; limits: WsLimits },
): void {
  const { interviews, users, clock, limits } = deps;

  const send = (connection: Connection, message: object) => {
    const { socket } = connection;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      // A client that stopped reading would make the server buffer without bound.
      app.log.warn({ userId: connection.userId, buffered: socket.bufferedAmount }, 'slow websocket consumer cut off');
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(message));
  };
  const sendError = (connection: Connection, code: string, message: string, ref?: ClientMessage) =>
    send(connection, { type: 'error', code, message, ...(ref ? { ref: refOf(ref) } : {}), seq: 0, at: clock.now() });

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
      case 'draft':
        return interviews.draft(userId, requireSession(connection), message.turnId, message.text);
      case 'skip':
        return interviews.skip(userId, requireSession(connection), message.turnId);
      case 'end':
        return interviews.end(userId, requireSession(connection));
    }
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
      const user = users.authenticate(message.token);
      if (!user) {
        sendError(connection, 'unauthorized', 'invalid token');
        connection.socket.close(CloseCode.unauthorized, 'invalid token');
        return undefined;
      }
      connection.userId = user.id;
      if (connection.authTimer) clock.clearTimeout(connection.authTimer);
      connection.authTimer = null;
      return send(connection, { type: 'auth.ok', userId: user.id, seq: 0, at: clock.now() });
    }
    try {
      handle(connection, message, connection.userId);
    } catch (error) {
      if (error instanceof AppError && error.statusCode < 500) return sendError(connection, error.code, error.message, message);
      app.log.error({ err: error, type: message.type }, 'websocket message failed');
      sendError(connection, 'internal_error', 'the server could not process this message', message);
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

  app.get(
    '/ws',
    {
      websocket: true,
      schema: { hide: true },
      preValidation: async (request, reply) => {
        if (!originAllowed(request, deps.allowedOrigins)) {
          await reply.code(403).send({ error: { code: 'forbidden_origin', message: 'websocket origin not allowed' } });
        }
      },
    },
    (socket, request) => {
      const connection: Connection = {
        socket,
        userId: null,
        sessionId: null,
        subscriber: { send: (message) => send(connection, message) },
        tokens: limits.burst,
        refilledAt: clock.now(),
        lastRateError: 0,
        alive: true,
        authTimer: null,
        heartbeat: null,
      };
      // Handlers are attached synchronously so no early frame is missed.
      socket.on('message', (data: Buffer, isBinary: boolean) => onFrame(connection, data, isBinary));
      socket.on('pong', () => {
        connection.alive = true;
      });
      socket.on('error', (error: Error) => request.log.debug({ err: error }, 'websocket error'));
      socket.on('close', () => {
        if (connection.authTimer) clock.clearTimeout(connection.authTimer);
        if (connection.heartbeat) clock.clearTimeout(connection.heartbeat);
        if (connection.sessionId) interviews.detach(connection.sessionId, connection.subscriber);
      });
      connection.authTimer = clock.setTimeout(() => {
        if (connection.userId === null) socket.close(CloseCode.authTimeout, 'authentication timeout');
      }, limits.authTimeoutMs);
      connection.heartbeat = clock.setTimeout(() => beat(connection), limits.heartbeatMs);
    },
  );
}
