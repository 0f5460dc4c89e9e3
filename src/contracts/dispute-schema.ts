import { z } from 'zod';
import { ScoreSchema } from './rubric-schema.js';

/*
 * Contracts of the disputes capability, shared by the routes, the browser client and the tests. Imports
 * nothing from `src` but the rubric's score type, so the feedback schema can carry disputes.
 */

export const MAX_DISPUTE_NOTE_CHARS = 1_000;

/** A candidate contesting one score of a feedback. */
export const DisputeSchema = z.object({
  id: z.string(),
  /** The contested rubric dimension's key; null when the overall score is contested. */
  dimension: z.string().nullable(),
  /** The score the candidate expected. */
  expected: ScoreSchema,
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Dispute = z.infer<typeof DisputeSchema>;

export const NewDisputeSchema = z.object({
  dimension: z
    .string()
    .min(1)
    .max(60)
    .optional()
    .describe("a dimension key of the feedback (e.g. `result`); omit it to contest the overall score"),
  expected: z.number().int().min(1).max(5).describe('the score you expected, 1–5'),
  note: z.string().max(MAX_DISPUTE_NOTE_CHARS).optional().describe('why, in your words'),
});
export type NewDispute = z.infer<typeof NewDisputeSchema>;

/**
 * One question of a labelled answer set, in the format of the project's benchmark sets
 * (`data/eval/*.json`): the human score of each answer is `gold` on `scale`. `rubric` and, per answer,
 * `feedbackId` and `gradedOverall` are extras of an export that readers of the format may ignore.
 */
export const DisputeExportItemSchema = z.object({
  id: z.string(),
  /** The corpus question: an evaluation grades the answer through its record, as the feedback was. */
  questionId: z.string().optional(),
  question: z.string(),
  reference: z.string(),
  scale: z.tuple([z.number(), z.number()]),
  rubric: z.string(),
  answers: z.array(
    z.object({
      text: z.string(),
      /** The overall the candidate expects: their contested scores in place of the grader's, weighted by the rubric. */
      gold: z.number(),
      feedbackId: z.string(),
      /** The overall the grader gave. */
      gradedOverall: z.number(),
    }),
  ),
});
export const DisputeExportSchema = z.array(DisputeExportItemSchema);
export type DisputeExport = z.infer<typeof DisputeExportSchema>;
