import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, toFile } from 'openai';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { PLACEHOLDER_API_KEY } from '../llm/client.js';
import { UPLOAD_NAMES } from './audio-format.js';
import type { AudioServerSettings } from './voice-config.js';
import { WordTimingSchema, type AudioFormat, type WordTiming } from '../contracts/voice-schemas.js';

/*
 * The OpenAI-compatible audio endpoints through the official SDK: `/v1/audio/transcriptions` for answers and
 * `/v1/audio/speech` for spoken questions. SDK failures become domain errors here, in one place; the
 * server's own error text (which can echo the request) never reaches the user.
 */

/** One retry, done by the SDK, for a dropped connection or a 5xx; a timeout is not worth a second wait. */
const MAX_RETRIES = 1;

/**
 * Whisper-family models tend to leave out "um" and "uh" (they were trained on transcripts normalised without
 * them). A prompt that itself contains fillers nudges the model to keep them, as OpenAI's speech-to-text
 * guide suggests; the delivery feedback counts them.
 */
const KEEP_FILLERS_PROMPT = 'Umm, so, uh, let me think... like, you know, I mean, okay.';

/** A speech-to-text or text-to-speech failure, with the status and code the API answers with. */
export class AudioServerError extends AppError {}

const timeoutError = (what: 'stt' | 'tts', ms: number) =>
  new AudioServerError(504, `${what}_timeout` as const, `the ${what === 'stt' ? 'speech-to-text' : 'text-to-speech'} server did not answer within ${ms} ms`);

/** Translates an SDK failure; `what` names the server in codes and messages. */
function translate(error: unknown, what: 'stt' | 'tts', timeoutMs: number): AudioServerError {
  const server = what === 'stt' ? 'speech-to-text' : 'text-to-speech';
  if (error instanceof AudioServerError) return error;
  if (error instanceof APIConnectionTimeoutError) return timeoutError(what, timeoutMs);
  if (error instanceof APIConnectionError) return new AudioServerError(502, `${what}_unavailable` as const, `could not reach the ${server} server`);
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status;
    if (what === 'stt' && (status === 400 || status === 415 || status === 422)) {
      return new AudioServerError(422, 'audio_rejected', `the ${server} server could not read this audio (${status})`);
    }
    if (what === 'stt' && status === 413) return new AudioServerError(413, 'audio_too_large', `the ${server} server refused a recording this large`);
    if (status === 429) return new AudioServerError(503, `${what}_busy` as const, `the ${server} server is rate limiting (429); try again shortly`);
    return new AudioServerError(502, `${what}_unavailable` as const, `the ${server} server refused the request (${status})`);
  }
  if (error instanceof z.ZodError || error instanceof SyntaxError) {
    return new AudioServerError(502, `${what}_bad_reply` as const, `the ${server} server sent a reply this service does not understand`);
  }
  return new AudioServerError(502, `${what}_unavailable` as const, `the ${server} server failed`);
}

/** A bounded wait for the whole call: the SDK's own timeout stops at the response headers. */
async function withDeadline<T>(
  what: 'stt' | 'tts',
  timeoutMs: number,
  signal: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  try {
    return await call(combined);
  } catch (error) {
    if (deadline.signal.aborted && !signal?.aborted) throw timeoutError(what, timeoutMs);
    if (error instanceof APIUserAbortError && signal?.aborted) throw signal.reason;
    throw translate(error, what, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

/* Replies. Servers differ: word timings at the top (OpenAI, faster-whisper servers) or inside segments (whisper.cpp). */
const SegmentSchema = z.object({ words: z.array(z.unknown()).optional() });
const VerboseReplySchema = z.object({
  text: z.string(),
  duration: z.coerce.number().optional(),
  words: z.array(z.unknown()).optional(),
  segments: z.array(SegmentSchema).optional(),
});
const JsonReplySchema = z.object({
  text: z.string(),
  usage: z.object({ type: z.string(), seconds: z.number().optional() }).optional(),
});

/** Word timings that make sense (finite, in order, each ending after it starts), or null when there are none. */
function cleanWords(raw: readonly unknown[]): WordTiming[] | null {
  const words: WordTiming[] = [];
  for (const item of raw) {
    const parsed = WordTimingSchema.safeParse(item);
    if (!parsed.success) return null;
    const { word, start, end } = parsed.data;
    if (!Number.isFinite(start) || !Number.isFinite(end) || start < 0 || end < start) return null;
    if (word.trim() === '') continue;
    words.push({ word: word.trim(), start, end });
  }
  return words.length > 0 ? words : null;
}

export interface SttResult {
  text: string;
  /** Null when the server gave no word timings. */
  words: WordTiming[] | null;
  /** Seconds the server says the audio lasts, when it says. */
  durationSec: number | null;
  /** What the server answered with. */
  format: 'verbose_json' | 'json' | 'text';
}

function fromVerbose(reply: unknown): SttResult {
  if (typeof reply === 'string') return { text: reply, words: null, durationSec: null, format: 'text' };
  const parsed = VerboseReplySchema.parse(reply);
  const raw = parsed.words ?? parsed.segments?.flatMap((segment) => segment.words ?? []) ?? [];
  const duration = parsed.duration;
  return {
    text: parsed.text,
    words: cleanWords(raw),
    durationSec: duration !== undefined && Number.isFinite(duration) && duration > 0 ? duration : null,
    format: 'verbose_json',
  };
}

function fromJson(reply: unknown): SttResult {
  if (typeof reply === 'string') return { text: reply, words: null, durationSec: null, format: 'text' };
  const parsed = JsonReplySchema.parse(reply);
  const seconds = parsed.usage?.type === 'duration' ? parsed.usage.seconds : undefined;
  return { text: parsed.text, words: null, durationSec: seconds !== undefined && seconds > 0 ? seconds : null, format: 'json' };
}

const FORMAT_MENTION = /response_format|verbose_json|timestamp_granularit|granularit|not (compatible|supported)|unsupported/i;

export function createSttClient(settings: AudioServerSettings) {
  const openai = new OpenAI({
    baseURL: settings.baseURL,
    // Passed explicitly so the SDK never falls back to reading process.env itself.
    apiKey: settings.apiKey ?? PLACEHOLDER_API_KEY,
    timeout: settings.timeoutMs,
    maxRetries: MAX_RETRIES,
    logLevel: 'off',
  });
  /** Whether the server takes `verbose_json` with word timings: unknown until its first answer. */
  let verboseSupported: boolean | undefined;

  async function upload(audio: Buffer, format: AudioFormat, contentType: string) {
    return toFile(audio, UPLOAD_NAMES[format], { type: contentType });
  }

  return {
    model: settings.model,
    /**
     * Transcribes a recording, asking for word timings (`verbose_json`) unless the server is known to refuse
     * them, and falling back to plain `json` (no timings) when it does.
     */
    async transcribe(audio: Buffer, format: AudioFormat, contentType: string, signal?: AbortSignal): Promise<SttResult> {
      return withDeadline('stt', settings.timeoutMs, signal, async (combined) => {
        if (verboseSupported !== false) {
          try {
            const reply: unknown = await openai.audio.transcriptions.create(
              {
                file: await upload(audio, format, contentType),
                model: settings.model,
                response_format: 'verbose_json',
                timestamp_granularities: ['word'],
                prompt: KEEP_FILLERS_PROMPT,
              },
              { signal: combined },
            );
            verboseSupported = true;
            return fromVerbose(reply);
          } catch (error) {
            // A 400/422 may refuse the format (gpt-4o-transcribe takes json only) or the audio: try plain json
            // once; remember the refusal only when the server said it was about the format.
            if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) throw error;
            if (FORMAT_MENTION.test(`${error.message} ${JSON.stringify(error.error ?? null)}`)) verboseSupported = false;
          }
        }
        const reply: unknown = await openai.audio.transcriptions.create(
          { file: await upload(audio, format, contentType), model: settings.model, response_format: 'json', prompt: KEEP_FILLERS_PROMPT },
          { signal: combined },
        );
        return fromJson(reply);
      });
    },
  };
}
export type SttClient = ReturnType<typeof createSttClient>;

export function createTtsClient(settings: AudioServerSettings & { voice: string }) {
  const openai = new OpenAI({
    baseURL: settings.baseURL,
    apiKey: settings.apiKey ?? PLACEHOLDER_API_KEY,
    timeout: settings.timeoutMs,
    maxRetries: MAX_RETRIES,
    logLevel: 'off',
  });
  return {
    /**
     * Speaks `text` as MP3 and returns the response body as it streams in. The deadline covers the call up to
     * the first bytes; the caller bounds the rest of the stream by its own request timeout.
     */
    async speak(text: string, signal?: AbortSignal): Promise<{ contentType: string; body: ReadableStream<Uint8Array> }> {
      const response = await withDeadline('tts', settings.timeoutMs, signal, (combined) =>
        openai.audio.speech.create({ model: settings.model, voice: settings.voice, input: text, response_format: 'mp3' }, { signal: combined }),
      );
      if (!response.body) throw new AudioServerError(502, 'tts_bad_reply', 'the text-to-speech server sent no audio');
      const contentType = response.headers.get('content-type') ?? 'audio/mpeg';
      // Only audio is passed on to the page.
      if (!contentType.startsWith('audio/') && contentType !== 'application/octet-stream') {
        throw new AudioServerError(502, 'tts_bad_reply', 'the text-to-speech server sent no audio');
      }
      return { contentType: contentType.startsWith('audio/') ? contentType : 'audio/mpeg', body: response.body };
    },
  };
}
export type TtsClient = ReturnType<typeof createTtsClient>;
