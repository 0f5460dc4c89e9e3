import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from './config.js';

/** Keys that must never reach a log line: credentials, and the text candidates and models write. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  '*.token',
  '*.apiKey',
  '*.answer',
  '*.text',
  '*.OPENAI_API_KEY',
  '*.STT_API_KEY',
  '*.TTS_API_KEY',
];

/** Fastify logger options: JSON lines (pretty when asked), secrets redacted. */
export function loggerOptions(
  level: Config['LOG_LEVEL'],
  output: { stream: DestinationStream } | { pretty: boolean },
): NonNullable<FastifyServerOptions['logger']> {
  const base = { level, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } };
  if ('stream' in output) return { ...base, stream: output.stream };
  return output.pretty ? { ...base, transport: { target: 'pino-pretty' } } : base;
}
