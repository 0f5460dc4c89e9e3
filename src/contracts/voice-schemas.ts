import { z } from 'zod';

/*
 * Contracts of the voice feature shared by the server, the browser and the tests. A leaf: it imports
 * nothing else from src, so the browser bundle can take it as it is.
 */

/**
 * The delivery guide. Tuning constants, versioned because stored metrics are only comparable under one guide:
 * - pace: 120–160 words per minute, the range commonly given for clear conversational speech; slower
 *   sounds hesitant, faster is hard to follow;
 * - a long pause is a silence of 3 s or more between two words: shorter pauses are ordinary thinking time
 *   in an interview answer and are not worth a remark.
 */
export const DELIVERY_GUIDE = {
  version: 'delivery-1',
  paceMin: 120,
  paceMax: 160,
  longPauseSec: 3,
} as const;

/** Audio one transcription may hold. 25 MB is also OpenAI's own upload limit for transcriptions. */
export const MAX_AUDIO_BYTES = 25 * 1024 * 1024;
export const MAX_AUDIO_SECONDS = 600;

export const AudioFormatSchema = z.enum(['webm', 'ogg', 'wav', 'mpeg', 'mp4']);
export type AudioFormat = z.infer<typeof AudioFormatSchema>;

export const WordTimingSchema = z.object({
  word: z.string(),
  /** Seconds from the start of the recording. */
  start: z.number(),
  end: z.number(),
});
export type WordTiming = z.infer<typeof WordTimingSchema>;

export const LongPauseSchema = z.object({
  /** When the silence began, in seconds from the start of the recording. */
  atSec: z.number(),
  durationSec: z.number(),
});

export const DeliverySchema = z.object({
  /** The guide these figures were measured against (DELIVERY_GUIDE.version). */
  guide: z.string(),
  wordCount: z.number().int(),
  /** Seconds the words span (first word to last with word timings, else the whole recording); null when unknown. */
  speakingSec: z.number().nullable(),
  wordsPerMinute: z.number().nullable(),
  /** Pace against the 120–160 words-per-minute guide; null when the pace is unknown. */
  pace: z.enum(['slow', 'good', 'fast']).nullable(),
  /** Filler words and phrases heard, by their normal form ("um", "like", "you know" …). */
  fillerWords: z.record(z.string(), z.number().int()),
  fillerCount: z.number().int(),
  /** Fillers per 100 words. */
  fillerRate: z.number(),
  /** Silences of DELIVERY_GUIDE.longPauseSec or more between words; null when the server gave no word timings. */
  longPauses: z.array(LongPauseSchema).nullable(),
  /** Hedging phrases ("I think", "maybe" …) by their normal form. */
  hedges: z.record(z.string(), z.number().int()),
  hedgeCount: z.number().int(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

/** What `POST /api/transcriptions` returns, and what a stored transcription reads back as. */
export const TranscriptionSchema = z.object({
  id: z.string(),
  text: z.string(),
  durationSec: z.number(),
  /** Word timings, when the speech-to-text server gave them. */
  words: z.array(WordTimingSchema).optional(),
  delivery: DeliverySchema,
  /** Whether pauses could be measured (the server gave word timings). */
  wordTimings: z.boolean(),
  /** Plain-language notes on what could not be measured, e.g. pauses without word timings. */
  notes: z.array(z.string()),
  /** Whether the recording is kept (KEEP_AUDIO) and can be played back. */
  audio: z.boolean(),
  createdAt: z.string(),
});
export type Transcription = z.infer<typeof TranscriptionSchema>;

/** A spoken answer as the transcript of a session shows it. */
export const SpokenAnswerSchema = z.object({
  transcriptionId: z.string(),
  durationSec: z.number(),
  delivery: DeliverySchema,
  audio: z.boolean(),
});
export type SpokenAnswer = z.infer<typeof SpokenAnswerSchema>;

export const CapabilitiesSchema = z.object({
  /** Recording answers: a speech-to-text server is configured. */
  voiceInput: z.boolean(),
  spokenQuestions: z.object({
    /** The browser's own speechSynthesis may be used (offline, no server involved). */
    browser: z.boolean(),
    /** The server can speak questions through an OpenAI-compatible `/v1/audio/speech`. */
    server: z.boolean(),
  }),
  /** Answers are graded by a model (else by the offline grader). */
  modelGrading: z.boolean(),
  /** Recordings are kept after transcription and can be replayed. */
  keepAudio: z.boolean(),
  audio: z.object({
    types: z.array(z.string()),
    maxBytes: z.number().int(),
    maxSeconds: z.number().int(),
    dailySeconds: z.number().int(),
  }),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;

export const SpeechRequestSchema = z.object({ turnId: z.string().min(1).max(100) });

export const DeliveryProgressSchema = z.object({
  spokenAnswers: z.number().int(),
  points: z.array(
    z.object({
      at: z.string(),
      transcriptionId: z.string(),
      sessionId: z.string().nullable(),
      wordsPerMinute: z.number().nullable(),
      fillerRate: z.number(),
      /** Null when the answer's pauses are unknown. */
      longPauses: z.number().int().nullable(),
      hedgeCount: z.number().int(),
    }),
  ),
  averages: z.object({
    wordsPerMinute: z.number().nullable(),
    fillerRate: z.number().nullable(),
  }),
  /** The fillers heard most across all spoken answers, most frequent first. */
  topFillers: z.array(z.object({ word: z.string(), count: z.number().int() })),
});
export type DeliveryProgress = z.infer<typeof DeliveryProgressSchema>;
