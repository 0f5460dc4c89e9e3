import type { Config } from '../config.js';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_STT_MODEL = 'whisper-1';

export interface AudioServerSettings {
  baseURL: string;
  /** Undefined for local servers that need none. */
  apiKey: string | undefined;
  model: string;
  /** Milliseconds per request. */
  timeoutMs: number;
}

/**
 * The speech-to-text server, or null when voice input is off. Any STT_ setting turns it on: pointing the
 * grading model's OPENAI_BASE_URL at, say, Ollama must not offer a voice input that server cannot serve.
 * OPENAI_API_KEY is reused only when the audio goes to that same server, never to another host.
 */
export function sttSettings(config: Config): AudioServerSettings | null {
  if (config.STT_BASE_URL === undefined && config.STT_API_KEY === undefined && config.STT_MODEL === undefined) return null;
  const sameServer = config.STT_BASE_URL === undefined;
  return {
    baseURL: config.STT_BASE_URL ?? config.OPENAI_BASE_URL ?? OPENAI_BASE_URL,
    apiKey: config.STT_API_KEY ?? (sameServer ? config.OPENAI_API_KEY : undefined),
    model: config.STT_MODEL ?? DEFAULT_STT_MODEL,
    timeoutMs: config.STT_TIMEOUT_MS,
  };
}

/** The text-to-speech server for spoken questions, or null when the browser's own voice is all there is. */
export function ttsSettings(config: Config): (AudioServerSettings & { voice: string }) | null {
  if (config.TTS_BASE_URL === undefined || config.TTS_MODEL === undefined) return null;
  return {
    baseURL: config.TTS_BASE_URL,
    apiKey: config.TTS_API_KEY,
    model: config.TTS_MODEL,
    timeoutMs: config.STT_TIMEOUT_MS,
    voice: config.TTS_VOICE,
  };
}
