import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../errors.js';
import { RUBRIC_FOR_TYPE, RubricIdSchema, RubricSchema } from '../contracts/rubric-schema.js';
import { allRubrics, getRubric } from '../grading/rubrics.js';
import { QUESTION_TYPES, QuestionTypeSchema } from '../contracts/question-type.js';
import { ErrorBodySchema, IdParamsSchema, RubricCatalogSchema, type RubricCatalog } from '../contracts/http-schemas.js';

/** The rubrics are public data, like the corpus: anyone may read how answers are scored. */
export const rubricRoutes: FastifyPluginAsyncZod = async (app) => {
  const catalog: RubricCatalog = RubricCatalogSchema.parse({
    types: QuestionTypeSchema.options.map((id) => ({ id, ...QUESTION_TYPES[id], rubric: RUBRIC_FOR_TYPE[id] })),
    rubrics: allRubrics(),
  });

  app.get(
    '/api/rubrics',
    {
      schema: {
        tags: ['rubrics'],
        summary: 'Question types and the rubrics they are graded with, with every anchored level',
        response: { 200: RubricCatalogSchema },
      },
    },
    async () => catalog,
  );

  app.get(
    '/api/rubrics/:id',
    {
      schema: {
        tags: ['rubrics'],
        summary: 'One rubric with its dimensions, weights and anchored levels',
        params: IdParamsSchema,
        response: { 200: RubricSchema, 404: ErrorBodySchema },
      },
    },
    async (request) => {
      const id = RubricIdSchema.safeParse(request.params.id);
      if (!id.success) throw new NotFoundError('rubric');
      return getRubric(id.data);
    },
  );
};
