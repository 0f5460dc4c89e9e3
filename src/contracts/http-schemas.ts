import { z } from 'zod';
import { ErrorCodeSchema } from './error-codes.js';
import { QuestionKindSchema } from './question-schema.js';
import { RubricIdSchema, RubricSchema } from './rubric-schema.js';
import { QuestionTypeInfoSchema, QuestionTypeSchema } from './question-type.js';
import { FeedbackSchema } from './feedback-schema.js';
import { SessionListItemSchema } from './history-schemas.js';

/*
 * Response shapes of the HTTP API that no capability module owns. Zod only (no Fastify), so the
 * routes and the browser client share them.
 */

export const ErrorBodySchema = z.object({
  error: z.object({ code: ErrorCodeSchema, message: z.string() }),
});

/** The error responses every authenticated route can give, declared once for the OpenAPI document. */
export const authErrors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  404: ErrorBodySchema,
  429: ErrorBodySchema,
} as const;

export const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const UserCreatedSchema = z.object({ id: z.string(), token: z.string(), name: z.string().nullable() });
export const ProfileSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  createdAt: z.string(),
  /** When the profile's current recovery code was made; null when it has none. */
  recoveryCodeCreatedAt: z.string().nullable(),
});
export const RecoveryCodeSchema = z.object({ code: z.string(), createdAt: z.string() });
export type Profile = z.infer<typeof ProfileSchema>;

export const TopicSchema = z.object({ kind: QuestionKindSchema, topic: z.string(), count: z.number() });
export type Topic = z.infer<typeof TopicSchema>;

export const QuestionSummarySchema = z.object({
  id: z.string(),
  kind: QuestionKindSchema,
  type: QuestionTypeSchema,
  topic: z.string(),
  text: z.string(),
  hasModelAnswer: z.boolean(),
});
export type QuestionSummary = z.infer<typeof QuestionSummarySchema>;
export const QuestionListSchema = z.object({ total: z.number(), items: z.array(QuestionSummarySchema) });

/** GET /api/rubrics: every question type with the rubric it is graded with, and every rubric in full. */
export const RubricCatalogSchema = z.object({
  types: z.array(QuestionTypeInfoSchema.extend({ id: QuestionTypeSchema, rubric: RubricIdSchema })),
  rubrics: z.array(RubricSchema),
});
export type RubricCatalog = z.infer<typeof RubricCatalogSchema>;

export const SessionListSchema = z.object({ total: z.number(), items: z.array(SessionListItemSchema) });
export const StoredFeedbackListSchema = z.array(
  FeedbackSchema.extend({ answer: z.string(), referenceAnswer: z.string().optional().describe('the reference answer the request brought') }),
);
