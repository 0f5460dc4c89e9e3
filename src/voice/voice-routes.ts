import { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { authErrors, ErrorBodySchema, IdParamsSchema } from '../contracts/http-schemas.js';
import { AUDIO_CONTENT_TYPES, formatOfContentType } from './audio-format.js';
import type { SpeechService } from './speech-service.js';
import { RetryLaterError, unsupportedType, type TranscriptionService } from './transcription-service.js';
import {
  CapabilitiesSchema,
  DeliveryProgressSchema,
  MAX_AUDIO_BYTES,
  SpeechRequestSchema,
  TranscriptionSchema,
  type Capabilities,
} from '../contracts/voice-schemas.js';

/** Aborts the work for a request (and its upstream call) when the client goes away before the response. */
function abortWhenClientLeaves(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

async function* chunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Audio sent as it is (never serialised): the bytes of a recording, or a stream from the speech server. */
const AudioBodySchema = z
  .custom<Buffer | Readable>((value) => Buffer.isBuffer(value) || value instanceof Readable)
  .describe('the audio, in the Content-Type given');

const uploadErrors = {
  ...authErrors,
  413: ErrorBodySchema,
  415: ErrorBodySchema,
  422: ErrorBodySchema,
  501: ErrorBodySchema,
  502: ErrorBodySchema,
  503: ErrorBodySchema,
  504: ErrorBodySchema,
};

/** What the server offers, for anyone: the page asks before anyone has a profile. */
export const capabilitiesRoutes: FastifyPluginAsyncZod<{ capabilities: Capabilities }> = async (app, { capabilities }) => {
  app.get(
    '/api/capabilities',
    {
      schema: {
        tags: ['voice'],
        summary: 'What this server offers: voice answers, spoken questions, model grading, and the audio limits',
        response: { 200: CapabilitiesSchema },
      },
    },
    async () => capabilities,
  );
};

/** Transcriptions, spoken questions and delivery progress: registered under `requireUser`. */
export const voiceRoutes: FastifyPluginAsyncZod<{
  transcriptions: TranscriptionService;
  speech: SpeechService;
  /** STT_TIMEOUT_MS: how long a transcription may keep its connection silent. */
  sttTimeoutMs: number;
}> = async (app, { transcriptions, speech, sttTimeoutMs }) => {
  // Raw audio bodies, in this plugin's routes only; the rest of the API keeps JSON and its 256 KiB limit.
  app.addContentTypeParser(Object.keys(AUDIO_CONTENT_TYPES), { parseAs: 'buffer', bodyLimit: MAX_AUDIO_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  const releases = new WeakMap<FastifyRequest, () => void>();

  /**
   * Everything that can refuse an upload is checked before its body is read: who it is, what it claims to
   * be, how big it says it is, and whether a transcription slot and today's seconds are left.
   */
  async function admitUpload(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const userId = request.user;
    transcriptions.requireConfigured();
    if (!formatOfContentType(request.headers['content-type'])) throw unsupportedType();
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > MAX_AUDIO_BYTES) {
      throw new AppError(413, 'audio_too_large', `the recording is ${Math.round(length / 1024 / 1024)} MB; at most ${MAX_AUDIO_BYTES / 1024 / 1024} MB`);
    }
    // The server drops connections idle for 60 s (connectionTimeout); a transcription may be silent for longer.
    // (Injected test requests have no network socket and no idle timer.)
    if (request.raw.socket instanceof Socket) request.raw.socket.setTimeout(sttTimeoutMs + 30_000);
    try {
      const release = transcriptions.admit(userId);
      releases.set(request, release);
      // 'close' fires for every end of the exchange: sent, failed, or abandoned by the client.
      reply.raw.once('close', release);
    } catch (error) {
      if (error instanceof RetryLaterError) void reply.header('retry-after', String(error.retryAfterSec));
      throw error;
    }
  }

  app.post(
    '/api/transcriptions',
    {
      bodyLimit: MAX_AUDIO_BYTES,
      onRequest: admitUpload,
      schema: {
        tags: ['voice'],
        summary: 'Transcribe a recorded answer and measure its delivery (pace, fillers, long pauses, hedges)',
        description:
          'The body is the recording itself, sent with its Content-Type: audio/webm, audio/ogg, audio/wav, audio/mpeg or ' +
          'audio/mp4 (at most 25 MB and 10 minutes). The transcription is stored for the user; pass its `id` as ' +
          '`transcriptionId` with the answer. 413: too big or too long; 415: not one of those types (or not what it says); ' +
          '422: empty, silent or unreadable; 429: a per-user limit, with Retry-After; 501: no speech-to-text server is ' +
          'configured; 502/504: the speech-to-text server failed or timed out; 503: too many transcriptions in flight.',
        consumes: Object.keys(AUDIO_CONTENT_TYPES),
        security: [{ bearer: [] }],
        response: { 201: TranscriptionSchema, ...uploadErrors },
      },
    },
    async (request, reply) => {
      const userId = request.user;
      try {
        const transcription = await transcriptions.transcribe(
          userId,
          { contentType: request.headers['content-type'], body: request.body },
          abortWhenClientLeaves(reply),
        );
        return await reply.code(201).send(transcription);
      } catch (error) {
        if (error instanceof RetryLaterError) void reply.header('retry-after', String(error.retryAfterSec));
        throw error;
      } finally {
        releases.get(request)?.();
      }
    },
  );

  app.get(
    '/api/transcriptions/:id',
    {
      schema: {
        tags: ['voice'],
        summary: 'One stored transcription with its delivery metrics',
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        response: { 200: TranscriptionSchema, ...authErrors },
      },
    },
    async (request) => transcriptions.get(request.user, request.params.id),
  );

  app.get(
    '/api/transcriptions/:id/audio',
    {
      schema: {
        tags: ['voice'],
        summary: 'The recording behind a transcription (only when the server keeps recordings: KEEP_AUDIO=true)',
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        produces: ['audio/webm', 'audio/ogg', 'audio/wav', 'audio/mpeg', 'audio/mp4'],
        response: { 200: AudioBodySchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const audio = transcriptions.audio(request.user, request.params.id);
      return reply.type(audio.contentType).header('cache-control', 'private, no-store').send(audio.bytes);
    },
  );

  app.delete(
    '/api/transcriptions/:id',
    {
      schema: {
        tags: ['voice'],
        summary: 'Delete a transcription and its recording',
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (request, reply) => {
      transcriptions.delete(request.user, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/speech',
    {
      // Who asks comes before what they sent: no token is a 401 whatever the body.
      schema: {
        tags: ['voice'],
        summary: 'Speak the question being asked in one of your interviews (text-to-speech, streamed as audio)',
        description: '501 when no text-to-speech server is configured (the page then uses the browser’s own voice); 409 when the question is closed.',
        security: [{ bearer: [] }],
        body: SpeechRequestSchema,
        produces: ['audio/mpeg'],
        response: { 200: AudioBodySchema, ...authErrors, 409: ErrorBodySchema, 501: ErrorBodySchema, 502: ErrorBodySchema, 503: ErrorBodySchema, 504: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const audio = await speech.speakQuestion(request.user, request.body.turnId, abortWhenClientLeaves(reply));
      // Streamed through as it arrives: the page starts playing before the server has finished speaking.
      const stream = Readable.from(chunks(audio.body));
      stream.on('error', (error) => request.log.warn({ err: error }, 'text-to-speech stream failed'));
      return reply.type(audio.contentType).header('cache-control', 'private, no-store').send(stream);
    },
  );

  app.get(
    '/api/progress/delivery',
    {
      schema: {
        tags: ['voice'],
        summary: 'Delivery of your spoken answers over time: pace, fillers per 100 words, long pauses',
        security: [{ bearer: [] }],
        response: { 200: DeliveryProgressSchema, ...authErrors },
      },
    },
    async (request) => transcriptions.progress(request.user),
  );
};
