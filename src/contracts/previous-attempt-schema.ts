import { z } from 'zod';
import { ScoreSchema } from './rubric-schema.js';

/**
 * A retake's reference point: the same user's previous graded attempt at the same question with the same
 * rubric, and how each dimension moved since (this attempt's score minus that one's).
 */
export const PreviousAttemptSchema = z.object({
  feedbackId: z.string(),
  overall: z.number(),
  /** When the previous attempt was graded (ISO 8601). */
  createdAt: z.string(),
  deltas: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      previous: ScoreSchema,
      delta: z.number().int(),
    }),
  ),
});
export type PreviousAttempt = z.infer<typeof PreviousAttemptSchema>;
