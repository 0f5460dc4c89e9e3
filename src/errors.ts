import { z } from 'zod';

/**
 * Every error code a client can receive, over HTTP (`{ error: { code, message } }`), in a websocket `error`
 * message or in an SSE `error` event. Clients branch on these, so a code is never renamed, only added.
 */
export const ErrorCodeSchema = z.enum([
  // Any transport
  'validation_error',
  'unauthorized',
  'not_found',
  'conflict',
  'rate_limited',
  'internal_error',
  'upstream_error',
  // HTTP: the router and the body parser
  'bad_url',
  'uri_too_long',
  'bad_request',
  'ctp_body_too_large',
  'ctp_invalid_media_type',
  'ctp_invalid_content_length',
  'ctp_empty_json_body',
  'ctp_invalid_json_body',
  'forbidden_origin',
  // Grading and interviews
  'too_many_gradings',
  'too_many_sessions',
  'grading_failed',
  'session_deleted',
  'draft_quota_exceeded',
  // Websocket frames and connections
  'unauthenticated',
  'already_authenticated',
  'too_many_connections',
  'no_session',
  'bad_frame',
  'bad_json',
  'unknown_type',
  'invalid_message',
  // Voice
  'stt_not_configured',
  'tts_not_configured',
  'stt_daily_limit',
  'stt_busy',
  'tts_busy',
  'stt_timeout',
  'tts_timeout',
  'stt_unavailable',
  'tts_unavailable',
  'stt_bad_reply',
  'tts_bad_reply',
  'too_many_transcriptions',
  'unsupported_audio_type',
  'audio_type_mismatch',
  'audio_too_large',
  'audio_too_long',
  'audio_rejected',
  'empty_audio',
  'silent_audio',
  'unreadable_audio',
  'no_speech',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

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
