import { randomBytes } from 'node:crypto';
import type { ErrorCode } from '../contracts/error-codes.js';
import { AppError, ConflictError, NotFoundError } from '../errors.js';
import { stripInvisible } from '../text/sanitize.js';
import type { SttClient } from './audio-client.js';
import { formatOfContentType, inspectAudio, sniffFormat } from './audio-format.js';
import { measureDelivery } from './delivery-metrics.js';
import type { StoredTranscription, TranscriptionRepository } from './transcription-repository.js';
import {
  MAX_AUDIO_SECONDS,
  type AudioFormat,
  type Delivery,
  type DeliveryProgress,
  type SpokenAnswer,
  type Transcription,
} from '../contracts/voice-schemas.js';

/** Transcriptions one user may have in flight at once: one answer being transcribed, one retry. */
const MAX_IN_FLIGHT_PER_USER = 2;
/** Transcriptions never used for an answer are deleted after a day: a recording nobody submitted is not kept. */
const UNUSED_TTL_MS = 24 * 3_600_000;

const FORMAT_NAMES: Record<AudioFormat, string> = { webm: 'WebM', ogg: 'Ogg', wav: 'WAV', mpeg: 'MP3', mp4: 'MP4' };

/** A refusal worth retrying later; the route tells the client when, in Retry-After. */
export class RetryLaterError extends AppError {
  constructor(
    statusCode: number,
    code: ErrorCode,
    message: string,
    readonly retryAfterSec: number,
  ) {
    super(statusCode, code, message);
  }
}

const newTranscriptionId = () => `tr_${randomBytes(16).toString('hex')}`;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Non-speech markers some servers write for silence or noise: "[BLANK_AUDIO]", "(music)". */
const NON_SPEECH = /\[[^\]\n]{0,40}\]|\((?:silence|music|inaudible|blank[_ ]audio|no speech|noise|applause|laughs?|laughter|coughs?)\)/gi;

function cleanTranscript(text: string): string {
  return stripInvisible(text).replace(NON_SPEECH, ' ').replace(/\s+/g, ' ').trim();
}

function toTranscription(stored: StoredTranscription): Transcription {
  return {
    id: stored.id,
    text: stored.text,
    durationSec: stored.durationSec,
    ...(stored.words ? { words: stored.words } : {}),
    delivery: stored.delivery,
    wordTimings: stored.words !== null,
    notes: stored.notes,
    audio: stored.hasAudio,
    createdAt: new Date(stored.createdAt).toISOString(),
  };
}

export interface TranscriptionServiceDeps {
  repository: TranscriptionRepository;
  /** Null when no speech-to-text server is configured: voice input is off. */
  stt: SttClient | null;
  /** Keep the recording after transcription (KEEP_AUDIO). */
  keepAudio: boolean;
  /** Seconds of audio one user may have transcribed per UTC day. */
  dailySeconds: number;
  /** Transcriptions in flight for the whole server. */
  maxInFlight: number;
  now: () => number;
}

/**
 * Spoken answers: admits a recording (limits), checks what it really is and how long it lasts, has it
 * transcribed, measures its delivery and stores the result for the user; links a transcription to the
 * answer that used it; reports delivery over time.
 */
export function createTranscriptionService(deps: TranscriptionServiceDeps) {
  const { repository, stt, now } = deps;
  let inFlight = 0;
  const inFlightByUser = new Map<string, number>();

  function requireOwn(userId: string, id: string): StoredTranscription {
    const stored = repository.get(id, userId);
    if (!stored) throw new NotFoundError('transcription');
    return stored;
  }

  function secondsLeftToday(userId: string): number {
    return Math.max(0, deps.dailySeconds - repository.usage(userId, utcDay(now())));
  }

  function dailyLimitError(): RetryLaterError {
    const midnight = (Math.floor(now() / 86_400_000) + 1) * 86_400_000;
    return new RetryLaterError(
      429,
      'stt_daily_limit',
      `you have used today's ${Math.round(deps.dailySeconds / 60)} minutes of transcription; more from midnight UTC`,
      Math.max(1, Math.ceil((midnight - now()) / 1000)),
    );
  }

  return {
    /** Whether voice input is available at all. */
    get configured(): boolean {
      return stt !== null;
    },

    requireConfigured(): void {
      if (!stt) throw notConfigured();
    },

    /**
     * Reserves a transcription slot for the user before the upload is read, so refused requests cost no
     * upload and no memory. Returns the release, to call once the request is over (idempotent).
     */
    admit(userId: string): () => void {
      if (!stt) throw notConfigured();
      if (inFlight >= deps.maxInFlight) {
        throw new RetryLaterError(503, 'stt_busy', 'too many recordings are being transcribed right now; try again in a few seconds', 5);
      }
      if ((inFlightByUser.get(userId) ?? 0) >= MAX_IN_FLIGHT_PER_USER) {
        throw new RetryLaterError(429, 'too_many_transcriptions', 'your other recordings are still being transcribed; wait for them first', 5);
      }
      if (secondsLeftToday(userId) <= 0) throw dailyLimitError();
      inFlight += 1;
      inFlightByUser.set(userId, (inFlightByUser.get(userId) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight -= 1;
        const mine = (inFlightByUser.get(userId) ?? 1) - 1;
        if (mine <= 0) inFlightByUser.delete(userId);
        else inFlightByUser.set(userId, mine);
      };
    },

    /** Transcribes a recording (admitted first) and stores it with its delivery metrics. */
    async transcribe(userId: string, upload: { contentType: string | undefined; body: unknown }, signal?: AbortSignal): Promise<Transcription> {
      if (!stt) throw notConfigured();
      const format = formatOfContentType(upload.contentType);
      if (!format) throw unsupportedType();
      const body = Buffer.isBuffer(upload.body) ? upload.body : null;
      if (!body || body.length === 0) throw new AppError(422, 'empty_audio', 'the recording is empty');
      if (sniffFormat(body) !== format) {
        throw new AppError(415, 'audio_type_mismatch', `the body is not a ${FORMAT_NAMES[format]} recording, as its Content-Type says`);
      }
      const info = inspectAudio(format, body);
      if (info.exact && info.durationSec !== null) {
        if (info.durationSec > MAX_AUDIO_SECONDS) throw tooLong(info.durationSec);
        if (info.durationSec < 0.1) throw new AppError(422, 'empty_audio', 'the recording holds no audio');
        if (info.durationSec > secondsLeftToday(userId)) throw dailyLimitError();
      }
      if (info.silent === true) throw new AppError(422, 'silent_audio', 'the recording is silent: check that the right microphone is on');

      const result = await stt.transcribe(body, format, upload.contentType ?? `audio/${format}`, signal);
      // The container's own timing first (a client cannot shorten it), then the server's, then an estimate.
      const lastWord = result.words?.at(-1)?.end ?? null;
      const duration = (info.exact ? info.durationSec : null) ?? result.durationSec ?? info.durationSec ?? lastWord;
      const at = now();
      if (duration === null) {
        throw new AppError(422, 'unreadable_audio', 'could not tell how long this recording is; record it again, or send WAV, WebM or Ogg');
      }
      // The server did the work: the time counts against the day even when the answer is refused below.
      repository.addUsage(userId, utcDay(at), duration);
      if (duration > MAX_AUDIO_SECONDS) throw tooLong(duration);
      const text = cleanTranscript(result.text);
      if (text === '') throw new AppError(422, 'no_speech', 'no speech was heard in this recording');

      const notes: string[] = [];
      if (result.words === null) notes.push('The speech-to-text server gave no word timings, so long pauses could not be measured.');
      if (!info.exact && result.durationSec === null) notes.push('The length of this recording is estimated, so the pace is approximate.');
      const stored: StoredTranscription = {
        id: newTranscriptionId(),
        userId,
        createdAt: at,
        format,
        durationSec: round2(duration),
        text,
        words: result.words,
        delivery: measureDelivery({ text, durationSec: duration, words: result.words }),
        notes,
        model: stt.model,
        sessionId: null,
        turnId: null,
        feedbackId: null,
        hasAudio: deps.keepAudio,
      };
      repository.pruneUnused(at - UNUSED_TTL_MS);
      repository.insert({ ...stored, audio: deps.keepAudio ? { contentType: `audio/${format}`, bytes: body } : null });
      return toTranscription(stored);
    },

    get: (userId: string, id: string): Transcription => toTranscription(requireOwn(userId, id)),

    audio(userId: string, id: string): { contentType: string; bytes: Buffer } {
      requireOwn(userId, id);
      const audio = repository.audio(id, userId);
      if (!audio) throw new NotFoundError('recording (recordings are kept only with KEEP_AUDIO=true)');
      return audio;
    },

    delete(userId: string, id: string): void {
      if (!repository.delete(id, userId)) throw new NotFoundError('transcription');
    },

    /** Throws unless the transcription is the user's and not yet used for an answer. */
    checkUnused(userId: string, id: string): void {
      const stored = requireOwn(userId, id);
      if (stored.turnId !== null || stored.feedbackId !== null) throw new ConflictError('this recording was already used for another answer');
    },

    /** Throws unless the transcription is the user's and not used in an interview (one-shot feedback may reuse it). */
    checkForFeedback(userId: string, id: string): void {
      if (requireOwn(userId, id).turnId !== null) throw new ConflictError('this recording was already used for an interview answer');
    },

    /** Links the transcription to an interview turn; inside the answer's transaction. */
    attachToTurn(id: string, sessionId: string, turnId: string): void {
      if (!repository.attachToTurn(id, sessionId, turnId, now())) throw new ConflictError('this recording was already used for another answer');
    },

    attachToFeedback(userId: string, id: string, feedbackId: string): void {
      if (!repository.attachToFeedback(id, userId, feedbackId, now())) throw new ConflictError('this recording was already used for another answer');
    },

    deliveryForTurn: (turnId: string): Delivery | undefined => repository.forTurn(turnId)?.delivery,

    /** The spoken answers of a session, by turn id. */
    spokenAnswers(sessionId: string): Map<string, SpokenAnswer> {
      const spoken = new Map<string, SpokenAnswer>();
      for (const stored of repository.forSession(sessionId)) {
        if (stored.turnId === null) continue;
        spoken.set(stored.turnId, { transcriptionId: stored.id, durationSec: stored.durationSec, delivery: stored.delivery, audio: stored.hasAudio });
      }
      return spoken;
    },

    /** Pace, fillers and pauses of every spoken answer over time. */
    progress(userId: string): DeliveryProgress {
      const used = repository.usedBy(userId);
      const points = used.map((stored) => ({
        at: new Date(stored.createdAt).toISOString(),
        transcriptionId: stored.id,
        sessionId: stored.sessionId,
        wordsPerMinute: stored.delivery.wordsPerMinute,
        fillerRate: stored.delivery.fillerRate,
        longPauses: stored.delivery.longPauses === null ? null : stored.delivery.longPauses.length,
        hedgeCount: stored.delivery.hedgeCount,
      }));
      const mean = (values: number[]) => (values.length === 0 ? null : Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10);
      const fillers = new Map<string, number>();
      for (const stored of used) {
        for (const [word, count] of Object.entries(stored.delivery.fillerWords)) fillers.set(word, (fillers.get(word) ?? 0) + count);
      }
      return {
        spokenAnswers: used.length,
        points,
        averages: {
          wordsPerMinute: mean(points.flatMap((point) => (point.wordsPerMinute === null ? [] : [point.wordsPerMinute]))),
          fillerRate: mean(points.map((point) => point.fillerRate)),
        },
        topFillers: [...fillers.entries()]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, 5)
          .map(([word, count]) => ({ word, count })),
      };
    },
  };
}
export type TranscriptionService = ReturnType<typeof createTranscriptionService>;

function notConfigured(): AppError {
  return new AppError(501, 'stt_not_configured', 'voice answers are not available: no speech-to-text server is configured');
}

export function unsupportedType(): AppError {
  return new AppError(415, 'unsupported_audio_type', 'send the recording as audio/webm, audio/ogg, audio/wav, audio/mpeg or audio/mp4');
}

function tooLong(seconds: number): AppError {
  return new AppError(413, 'audio_too_long', `the recording lasts ${Math.round(seconds)} s; at most ${MAX_AUDIO_SECONDS / 60} minutes can be transcribed`);
}
