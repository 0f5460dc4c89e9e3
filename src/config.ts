import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The folder of this project's package.json (data/, prompts/, dist/ live there), found upwards from this
 * module, so it holds wherever the module sits: src/config.ts, dist/server.mjs or the worker bundle.
 */
export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(start: string): string {
  const Manifest = z.object({ name: z.string() });
  for (let dir = start; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && Manifest.safeParse(JSON.parse(fs.readFileSync(file, 'utf8'))).data?.name === 'interview-coach') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json of interview-coach in ${start} or above`);
  }
}

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const positiveInt = (fallback: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().default(fallback));

/** An http(s) origin: scheme, host and port, nothing else (a trailing slash is tolerated). */
const OriginSchema = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '';
    } catch {
      return false;
    }
  }, 'expected an origin such as https://coach.example.org (scheme, host and optional port; no path)')
  .transform((value) => new URL(value).origin);

export const ConfigSchema = z.object({
  HOST: z.preprocess(emptyAsUndefined, z.string().min(1).default('127.0.0.1')),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  DATABASE_PATH: z.preprocess(
    emptyAsUndefined,
    z.string().min(1).default(path.join(projectRoot, 'data', 'interview-coach.db')),
  ),
  OPENAI_BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  OPENAI_API_KEY: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  COACH_MODEL: z.preprocess(emptyAsUndefined, z.string().min(1).default('gpt-4o-mini')),
  GRADER: z.preprocess(emptyAsUndefined, z.enum(['auto', 'offline', 'llm']).default('auto')),
  /** Worker threads for offline grading (0 = grade on the event loop). Default: cores − 1, 1 to 4. */
  GRADER_THREADS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(0).max(16).default(Math.min(4, Math.max(1, availableParallelism() - 1))),
  ),
  /** How the LLM is asked for JSON: json_schema (strict), json_object, or prompt-only with tolerant parsing. */
  LLM_OUTPUT_MODE: z.preprocess(
    emptyAsUndefined,
    z.enum(['auto', 'json_schema', 'json_object', 'prompt']).default('auto'),
  ),
  /** Milliseconds for one upstream LLM request before it is aborted. */
  LLM_TIMEOUT_MS: positiveInt(30_000),
  /** Upstream retries on 408/409/429/5xx and network errors, done by the SDK with backoff. */
  LLM_MAX_RETRIES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(10).default(2)),
  /** Maximum concurrent upstream LLM calls across the whole server. */
  LLM_CONCURRENCY: positiveInt(8),
  /** Tokens one user may spend on LLM grading per UTC day before grading falls back to offline. */
  LLM_DAILY_TOKEN_BUDGET: positiveInt(200_000),
  /** Wall-clock milliseconds one offline grading may run on a grading thread before the thread is replaced. */
  GRADER_TIMEOUT_MS: positiveInt(100),
  /** Gradings one user may have running at once; more wait their turn (one-shot requests beyond 4× this get 429). */
  GRADING_CONCURRENCY_PER_USER: positiveInt(2),
  /** HTTP requests one user (or, without a token, one address) may make per minute. */
  RATE_LIMIT_PER_MINUTE: positiveInt(300),
  /** Websocket upgrade requests one address may make per minute (a bucket of its own; health checks have none). */
  WS_UPGRADES_PER_MINUTE: positiveInt(120),
  /** Open websockets one user may hold; another is closed with 4429. */
  WS_MAX_PER_USER: positiveInt(10),
  /** Open websockets from one client address; another is closed with 4429. */
  WS_MAX_PER_ADDRESS: positiveInt(100),
  /** Milliseconds an authenticated socket may stay open without starting or resuming an interview (then 4408). */
  WS_IDLE_TIMEOUT_MS: positiveInt(60_000),
  /** Bytes of resumed transcript one user's sockets are sent per second, all together (bursts of twice this). */
  WS_REPLAY_BYTES_PER_SECOND: positiveInt(256 * 1024),
  /** Milliseconds between writes of the drafts typed since the last one; drafts are also written at time-up, answer and shutdown. */
  DRAFT_SAVE_INTERVAL_MS: positiveInt(3_000),
  /** Bytes of draft history (for replay) one user may store; beyond it only the latest draft of each question is kept. */
  DRAFT_QUOTA_BYTES: positiveInt(64 * 1024 * 1024),
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'production', 'test']).default('development')),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  /**
   * The origin browsers load the UI from (scheme, host, port), e.g. https://coach.example.org. Pages of this
   * origin may open the websocket. Unset: the loopback origins (localhost, 127.0.0.1, [::1]) and HOST, on
   * the port the connection arrived at.
   */
  PUBLIC_ORIGIN: z.preprocess(emptyAsUndefined, OriginSchema.optional()),
  /** Extra origins allowed to open the websocket, comma separated. */
  ALLOWED_ORIGINS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter((origin) => origin.length > 0),
      )
      .pipe(z.array(OriginSchema)),
  ),
  /** Speech-to-text server (OpenAI-compatible, ending in /v1). Default: OPENAI_BASE_URL, then OpenAI. */
  STT_BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  STT_API_KEY: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  /** Transcription model (default whisper-1). Voice input is on when STT_BASE_URL, STT_API_KEY or STT_MODEL is set. */
  STT_MODEL: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  /** Milliseconds one speech-to-text (or text-to-speech) request may take before it is aborted. */
  STT_TIMEOUT_MS: positiveInt(120_000),
  /** Seconds of audio one user may have transcribed per UTC day. */
  STT_DAILY_SECONDS: positiveInt(3_600),
  /** Transcriptions in flight (uploading or being transcribed) for the whole server; more get 503. */
  STT_MAX_IN_FLIGHT: positiveInt(4),
  /** Text-to-speech server for spoken questions; both TTS_BASE_URL and TTS_MODEL turn it on. */
  TTS_BASE_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  TTS_API_KEY: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  TTS_MODEL: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  TTS_VOICE: z.preprocess(emptyAsUndefined, z.string().min(1).max(100).default('alloy')),
  /** Keep recordings after transcription (for replay); by default they are dropped once transcribed. */
  KEEP_AUDIO: z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((value) => value === 'true' || value === '1'),
  ),
}).superRefine((config, context) => {
  // Half a text-to-speech configuration is a mistake worth stopping for, not a silent "off".
  if ((config.TTS_BASE_URL === undefined) !== (config.TTS_MODEL === undefined)) {
    const missing = config.TTS_BASE_URL === undefined ? 'TTS_BASE_URL' : 'TTS_MODEL';
    context.addIssue({ code: 'custom', path: [missing], message: 'TTS_BASE_URL and TTS_MODEL must be set together' });
  }
});
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError whose message is one line naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`invalid configuration: ${name}: ${issue?.message ?? 'invalid value'}`);
  }
  return result.data;
}

/** Which grader answers: the LLM one when configured (auto) or forced, else the offline one. */
export function useLlmGrader(config: Config): boolean {
  if (config.GRADER === 'offline') return false;
  if (config.GRADER === 'llm') return true;
  return config.OPENAI_BASE_URL !== undefined || config.OPENAI_API_KEY !== undefined;
}
