import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { WebSocket } from 'ws';
import { ErrorCodeSchema, type ErrorCode } from '../contracts/error-codes.js';
import { AppError, errorBody, toWireError } from '../errors.js';
import { applySecurityHeaders } from './security-headers.js';

/** The router's limit on one path parameter (Fastify's default); a longer one is refused with 414. */
const MAX_PARAM_LENGTH = 100;

/** The path of a request for an error message: without the query, and cut short when long. */
function shownPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path.length > 80 ? `${path.slice(0, 80)}…` : path;
}

/**
 * Errors Fastify's router raises before a route is chosen (so before any hook): a malformed %-escape in
 * the path, a path parameter over the length limit. They get the same body and headers as every other error.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  applySecurityHeaders(reply);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    request.log.info({ code: error.code }, 'path parameter too long');
    void reply.code(414).send(errorBody('uri_too_long', `a path segment is longer than ${MAX_PARAM_LENGTH} characters`));
    return;
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    request.log.info({ code: error.code }, 'malformed URL');
    void reply.code(400).send(errorBody('bad_url', 'the URL path is not valid (malformed percent-encoding)'));
    return;
  }
  request.log.error({ err: error }, 'router error');
  void reply.code(500).send(errorBody('internal_error', 'internal server error'));
}

/**
 * Errors on an open websocket. A client breaking the protocol (an oversized frame, invalid UTF-8, a bad
 * opcode) is the client's problem, not the server's: a warning with its code and no stack. `ws` has already
 * closed such a socket with the matching close code.
 */
export function websocketErrorHandler(error: Error, socket: WebSocket, request: FastifyRequest, _reply: FastifyReply): void {
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code?.startsWith('WS_ERR_')) request.log.warn({ code, reason: error.message }, 'websocket protocol violation');
  else if (code === 'ECONNRESET' || code === 'EPIPE') request.log.debug({ code }, 'websocket connection reset');
  else request.log.error({ err: error }, 'websocket failed');
  socket.terminate();
}

function describeValidation(error: FastifyError): string {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const field = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
    const where = error.validationContext ?? 'request';
    const name = field === '' ? where : `${where}.${field}`;
    return `${name}: ${first?.message ?? 'invalid value'}`;
  }
  return 'invalid request';
}

/** The one place errors become HTTP responses: `{ error: { code, message } }`, generic bodies for 5xx. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    // A parameter past the router's limit fails the route match and lands here (before the UI's fallback):
    // say what is wrong rather than that the route does not exist.
    const path = request.url.split('?')[0] ?? '';
    if (path.split('/').some((segment) => segment.length > MAX_PARAM_LENGTH)) {
      void reply.code(414).send(errorBody('uri_too_long', `a path segment is longer than ${MAX_PARAM_LENGTH} characters`));
      return;
    }
    void reply.code(404).send(errorBody('not_found', `route ${request.method} ${shownPath(request.url)} not found`));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send(errorBody('validation_error', describeValidation(error)));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply.code(500).send(errorBody('internal_error', 'internal server error'));
    }
    const client = fastifyClientError(error);
    if (client) return reply.code(client.statusCode).send(errorBody(client.code, error.message));
    const wire = toWireError(error);
    if (wire.logLevel === 'error') request.log.error({ err: error }, 'request failed');
    else if (wire.logLevel === 'warn') request.log.warn({ err: error }, 'upstream failure');
    return reply.code(wire.statusCode).send(errorBody(wire.code, wire.message));
  });
}

/**
 * Fastify's own 4xx (body too large, bad JSON, an unsupported media type …), whose messages are safe to show:
 * the code is Fastify's without its `FST_ERR_` prefix when the error codes list it, else `bad_request`.
 */
function fastifyClientError(error: FastifyError): { statusCode: number; code: ErrorCode } | undefined {
  const status = error.statusCode;
  if (error instanceof AppError || status === undefined || status < 400 || status >= 500) return undefined;
  const named = ErrorCodeSchema.safeParse(error.code?.replace(/^FST_ERR_/, '').toLowerCase());
  return { statusCode: status, code: named.success ? named.data : 'bad_request' };
}
