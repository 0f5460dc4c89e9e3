import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FeedbackSchema, MAX_REFERENCE_CHARS, type Feedback } from '../contracts/feedback-schema.js';
import type { GradingService } from '../grading/grading-service.js';
import { RubricIdSchema } from '../contracts/rubric-schema.js';
import { NotFoundError, toWireError } from '../errors.js';
import { MAX_ANSWER_CHARS, MAX_ANSWER_INPUT_CHARS } from '../contracts/protocol.js';
import { authErrors, ErrorBodySchema, IdParamsSchema, StoredFeedbackListSchema } from '../contracts/http-schemas.js';

export const FeedbackRequestSchema = z
  .object({
    questionId: z.string().min(1).max(100).optional(),
    question: z.string().max(2000).optional().describe('free question text; matched to the corpus when it is a corpus question'),
    answer: z
      .string()
      .max(MAX_ANSWER_INPUT_CHARS)
      .describe(`at most ${MAX_ANSWER_CHARS} characters once normalised (NFKC but superscripts and subscripts kept, invisible characters removed)`),
    rubric: RubricIdSchema.optional().describe("default: from the question's kind"),
    transcriptionId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('the recording this answer was spoken as (POST /api/transcriptions); its delivery is kept with the feedback'),
    referenceAnswer: z
      .string()
      .max(MAX_REFERENCE_CHARS)
      .optional()
      .describe('your own reference answer (a custom question, a course answer key): graded against it instead of the corpus'),
  })
  .refine((body) => body.questionId !== undefined || (body.question?.trim() ?? '') !== '', {
    message: 'either questionId or question is required',
    path: ['question'],
  })
  // With both, one of them would be ignored without a word: the question graded might not be the one typed.
  .refine((body) => body.questionId === undefined || body.question === undefined, {
    message: 'give either questionId or question, not both',
    path: ['question'],
  });

/**
 * Aborts the grading (and its model call) when the client disconnects before the response is complete.
 * The request's own 'close' fires as soon as its body is read, so the response socket is what counts.
 */
function abortWhenClientLeaves(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Recorded answers (the voice feature): one-shot feedback may name the transcription it was spoken as. */
export interface SpokenFeedback {
  /** Throws unless the transcription is the user's and not used for an interview answer. */
  checkForFeedback(userId: string, transcriptionId: string): void;
  attachToFeedback(userId: string, transcriptionId: string, feedbackId: string): void;
}

export const feedbackRoutes: FastifyPluginAsyncZod<{ grading: GradingService; spoken?: SpokenFeedback }> = async (
  app,
  { grading, spoken },
) => {
  /** Checks the named recording before grading, links it to the feedback after. */
  const withRecording = async (userId: string, transcriptionId: string | undefined, grade: () => Promise<Feedback>): Promise<Feedback> => {
    if (transcriptionId === undefined) return grade();
    if (!spoken) throw new NotFoundError('transcription');
    spoken.checkForFeedback(userId, transcriptionId);
    const feedback = await grade();
    spoken.attachToFeedback(userId, transcriptionId, feedback.id);
    return feedback;
  };

  app.post(
    '/api/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Grade one answer with the STAR or technical rubric',
        security: [{ bearer: [] }],
        body: FeedbackRequestSchema,
        response: { 200: FeedbackSchema, ...authErrors, 409: ErrorBodySchema, 502: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const userId = request.user;
      const signal = abortWhenClientLeaves(reply);
      return withRecording(userId, request.body.transcriptionId, () => grading.grade(userId, request.body, { signal }));
    },
  );

  app.post(
    '/api/feedback/stream',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Grade one answer, streaming the model text as it is written (Server-Sent Events)',
        description:
          'Events: `delta` `{ text }` (model output as it streams; none with the offline grader), then `feedback` ' +
          '(the Feedback object) or `error` `{ code, message }`. Invalid requests get the usual JSON 4xx before the stream starts.',
        security: [{ bearer: [] }],
        body: FeedbackRequestSchema,
        response: { 200: z.string().describe('text/event-stream'), ...authErrors },
      },
    },
    async (request, reply) => {
      const userId = request.user;
      // Reject a bad answer, reference or recording with a JSON 4xx before the response turns into an event stream.
      grading.validate(request.body);
      if (request.body.transcriptionId !== undefined) {
        if (!spoken) throw new NotFoundError('transcription');
        spoken.checkForFeedback(userId, request.body.transcriptionId);
      }
      const signal = abortWhenClientLeaves(reply);
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      const send = (event: string, data: unknown) => reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      try {
        const feedback = await withRecording(userId, request.body.transcriptionId, () =>
          grading.grade(userId, request.body, { signal, onDelta: (text) => send('delta', { text }) }),
        );
        send('feedback', feedback);
      } catch (error) {
        const wire = toWireError(error, 'grading failed');
        if (wire.logLevel !== null) request.log[wire.logLevel]({ err: error }, 'streamed grading failed');
        send('error', { code: wire.code, message: wire.message });
      }
      reply.raw.end();
    },
  );

  app.get(
    '/api/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'One-shot feedback history (outside interviews), newest first',
        security: [{ bearer: [] }],
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: StoredFeedbackListSchema, ...authErrors },
      },
    },
    async (request) => grading.listStandalone(request.user, request.query.limit, request.query.offset),
  );

  app.get(
    '/api/feedback/:id',
    {
      schema: {
        tags: ['feedback'],
        summary: 'One stored feedback',
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        response: { 200: FeedbackSchema, ...authErrors },
      },
    },
    async (request) => grading.get(request.user, request.params.id),
  );

  app.delete(
    '/api/feedback/:id',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Delete one-shot feedback',
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (request, reply) => {
      grading.deleteStandalone(request.user, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
