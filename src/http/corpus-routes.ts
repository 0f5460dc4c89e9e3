import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CoachingTipSchema, QuestionKindSchema, QuestionRecordSchema } from '../contracts/question-schema.js';
import type { CorpusService } from '../corpus/corpus-service.js';
import { QuestionTypeSchema } from '../contracts/question-type.js';
import { ErrorBodySchema, IdParamsSchema, QuestionListSchema, TopicSchema } from '../contracts/http-schemas.js';

const QuestionQuerySchema = z.object({
  kind: QuestionKindSchema.optional(),
  type: QuestionTypeSchema.optional().describe('what kind of answer the question asks for (see GET /api/rubrics)'),
  topic: z.string().max(200).optional(),
  q: z.string().max(500).optional().describe('full-text search over questions and answers, ranked'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const corpusRoutes: FastifyPluginAsyncZod<{ corpus: CorpusService }> = async (app, { corpus }) => {
  app.get(
    '/api/questions',
    {
      schema: {
        tags: ['corpus'],
        summary: 'List or search corpus questions',
        querystring: QuestionQuerySchema,
        response: { 200: QuestionListSchema, 400: ErrorBodySchema },
      },
    },
    async (request) => corpus.search(request.query),
  );

  app.get(
    '/api/questions/:id',
    {
      schema: {
        tags: ['corpus'],
        summary: 'One corpus question with its model answers, follow-ups and source',
        params: IdParamsSchema,
        response: { 200: QuestionRecordSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => corpus.get(request.params.id),
  );

  app.get(
    '/api/topics',
    {
      schema: {
        tags: ['corpus'],
        summary: 'Topics with their question counts',
        response: { 200: z.array(TopicSchema) },
      },
    },
    async () => corpus.topics(),
  );

  app.get(
    '/api/tips',
    {
      schema: {
        tags: ['corpus'],
        summary: 'Coaching tips: the preparation strategy, self-study prompts, behavioural and career advice',
        querystring: z.object({ category: z.string().max(100).optional() }),
        response: { 200: z.array(CoachingTipSchema), 400: ErrorBodySchema },
      },
    },
    async (request) => corpus.tips(request.query.category),
  );
};
