import type { ErrorCode } from './contracts/error-codes.js';

/** Domain errors; `toWireError` below turns them into what HTTP, websocket and SSE clients see. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'resource') {
    super(404, 'not_found', `${what} not found`);
  }
}

export class ValidationError extends AppError {
  constructor(message: string) {
    super(400, 'validation_error', message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'a valid bearer token is required') {
    super(401, 'unauthorized', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

/** An upstream dependency (the model) failed; the detail goes to the log, never to the client. */
export class UpstreamError extends AppError {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'rate_limited' | 'server_error' | 'invalid_output' | 'truncated' | 'network' | 'refused',
  ) {
    super(502, 'upstream_error', message);
  }
}

/** The one shape of an HTTP error body; the websocket's `error` message and the SSE `error` event carry the same two fields. */
export const errorBody = (code: ErrorCode, message: string) => ({ error: { code, message } });

/** An error as a client sees it, with how loudly the server logs it (`null`: the client's own mistake). */
export interface WireError {
  statusCode: number;
  code: ErrorCode;
  message: string;
  logLevel: 'warn' | 'error' | null;
}

/**
 * The one mapping of a thrown error to the wire, shared by the HTTP error handler, the websocket route and
 * the SSE stream: a domain error goes out as it is (its message is written for the client; a 5xx one is
 * logged as a warning); anything else is a generic 500 with `internalMessage`, and only the log has the detail.
 */
export function toWireError(error: unknown, internalMessage = 'internal server error'): WireError {
  if (error instanceof AppError) {
    return { statusCode: error.statusCode, code: error.code, message: error.message, logLevel: error.statusCode >= 500 ? 'warn' : null };
  }
  return { statusCode: 500, code: 'internal_error', message: internalMessage, logLevel: 'error' };
}
