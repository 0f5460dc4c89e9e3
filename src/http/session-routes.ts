import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProgressSchema, ProgressSourceSchema, TranscriptSchema } from '../contracts/history-schemas.js';
import type { HistoryService } from '../history/history-service.js';
import type { InterviewService } from '../interview/interview-service.js';
import { authErrors, IdParamsSchema, SessionListSchema } from '../contracts/http-schemas.js';

export const sessionRoutes: FastifyPluginAsyncZod<{ history: HistoryService; interviews: InterviewService }> = async (
  app,
  { history, interviews },
) => {
  app.get(
    '/api/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Past and active interviews, newest first',
        security: [{ bearer: [] }],
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: SessionListSchema, ...authErrors },
      },
    },
    async (request) => history.list(request.user, request.query.limit, request.query.offset),
  );

  app.get(
    '/api/sessions/:id',
    {
      schema: {
        tags: ['sessions'],
        summary: 'The full transcript: every message with its time, answers, drafts, feedback and follow-ups',
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        response: { 200: TranscriptSchema, ...authErrors },
      },
    },
    async (request) => history.transcript(request.user, request.params.id),
  );

  app.get(
    '/api/sessions/:id/export',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Download the session as Markdown or JSON',
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        querystring: z.object({ format: z.enum(['md', 'json']).default('md') }),
        response: { 200: z.union([z.string(), TranscriptSchema]), ...authErrors },
      },
    },
    async (request, reply) => {
      const userId = request.user;
      const { id } = request.params;
      const body = request.query.format === 'json' ? history.transcript(userId, id) : history.exportMarkdown(userId, id);
      // Only after the lookup: the file name echoes the id.
      void reply.header('content-disposition', `attachment; filename="interview-${id}.${request.query.format}"`);
      if (typeof body === 'string') void reply.type('text/markdown; charset=utf-8');
      return body;
    },
  );

  app.delete(
    '/api/sessions/:id',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Delete a session with its transcript and feedback',
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (request, reply) => {
      const userId = request.user;
      interviews.discard(userId, request.params.id);
      history.delete(userId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/progress',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Scores per rubric dimension and per topic over time, and the weakest topics',
        security: [{ bearer: [] }],
        querystring: z.object({
          source: ProgressSourceSchema.default('all').describe('interviews, quick feedback (graded outside an interview), or all'),
        }),
        response: { 200: ProgressSchema, ...authErrors },
      },
    },
    async (request) => history.progress(request.user, request.query.source),
  );
};
