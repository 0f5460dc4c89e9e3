import { z } from 'zod';
import { RubricIdSchema, ScoreSchema } from './rubric-schema.js';

/** Longest reference answer a feedback request may bring (`referenceAnswer`). */
export const MAX_REFERENCE_CHARS = 8_000;

export const DimensionScoreSchema = z.object({
  key: z.string(),
  label: z.string(),
  score: ScoreSchema,
  rationale: z.string(),
  /** Sentences quoted verbatim from the answer that support the score. */
  evidence: z.array(z.string()).optional(),
});
export type DimensionScore = z.infer<typeof DimensionScoreSchema>;

export const GraderInfoSchema = z.object({
  kind: z.enum(['offline', 'llm']),
  model: z.string().optional(),
  rubricVersion: z.string(),
  promptVersion: z.string(),
  /** Set when the LLM grader was configured but the offline grader answered instead. */
  fallbackReason: z.string().optional(),
  /** Version of the fitted weights the offline technical grader used (data/grader/technical-model.json). */
  weightsVersion: z.string().optional(),
  /** Set when the whole answer could not be graded (the grading timed out or failed) and only its beginning was: why. */
  partialReason: z.string().optional(),
});
export type GraderInfo = z.infer<typeof GraderInfoSchema>;

/** How one key point of the reference answer fared in the answer. */
export const KeyPointCoverageSchema = z.object({
  point: z.string(),
  status: z.enum(['covered', 'partial', 'missed']),
  /** The answer's sentence that covers the point (partly), verbatim. */
  quote: z.string().optional(),
});
export type KeyPointCoverage = z.infer<typeof KeyPointCoverageSchema>;

/** What a grader produces; the stored Feedback adds an id. */
export const GradeResultSchema = z.object({
  rubric: RubricIdSchema,
  overall: z.number().min(1).max(5),
  dimensions: z.array(DimensionScoreSchema),
  strengths: z.array(z.string()),
  improvements: z.array(z.string()),
  missingPoints: z.array(z.string()),
  /**
   * The reference answer's key points, each covered, partly covered or missed, with the answer's quote
   * (offline technical grader, when the question has its own reference).
   */
  coverage: z.array(KeyPointCoverageSchema).optional(),
  /** A question probing the weakest part of the answer (LLM grader), offered as the interview's follow-up. */
  followUpQuestion: z.string().optional(),
  grader: GraderInfoSchema,
});
export type GradeResult = z.infer<typeof GradeResultSchema>;

export const FeedbackSchema = GradeResultSchema.extend({
  id: z.string(),
  questionId: z.string().nullable(),
  question: z.string(),
  createdAt: z.string(),
});
export type Feedback = z.infer<typeof FeedbackSchema>;
