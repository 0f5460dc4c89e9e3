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
