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
];

/** Fastify logger options: JSON lines, pretty only on a terminal, secrets redacted. */
export function loggerOptions(level: Config['LOG_LEVEL'], stream?: DestinationStream): NonNullable<FastifyServerOptions['logger']> {
  const base = { level, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } };
  if (stream) return { ...base, stream };
  return process.stdout.isTTY ? { ...base, transport: { target: 'pino-pretty' } } : base;
}
