import { z } from 'zod';
import { DisputeSchema } from './dispute-schema.js';
import { PreviousAttemptSchema } from './previous-attempt-schema.js';
import { QuestionTypeSchema } from './question-type.js';
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
  /**
   * Who scored it when a model was configured: the model, or the offline grader (the model gave no usable
   * score for it, or did not answer at all). Absent on grades made with no model configured.
   */
  source: z.enum(['model', 'offline']).optional(),
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

/**
 * How one key point of the reference answer fared in the answer: `contradicted` when the sentence that uses its
 * words says the opposite of it (a negation, opposite words, a comparison with its sides swapped).
 */
export const KeyPointCoverageSchema = z.object({
  point: z.string(),
  status: z.enum(['covered', 'partial', 'missed', 'contradicted']),
  /** The answer's sentence that covers the point (partly), or contradicts it, verbatim. */
  quote: z.string().optional(),
  /** What else the map says of the point as the answer makes it: "said in the wrong order". */
  note: z.string().optional(),
});
export type KeyPointCoverage = z.infer<typeof KeyPointCoverageSchema>;

/**
 * The offline grader's view of an answer the model graded. Models agree with people on overall scores but
 * compress them and miss specific errors, so a large disagreement asks the candidate to check the score.
 */
/*
 * When the offline grader's view makes a model grade worth checking (`flagged`), and which dimensions the
 * UI marks as apart. Thresholds are on the 1–5 scale: half of the scale's steps would be 2, but overalls
 * are weighted means that move less than any one dimension, so they disagree sooner.
 */
export const OVERALL_GAP = 1.5;
export const DIMENSION_GAP = 2;

export const SecondOpinionSchema = z.object({
  kind: z.literal('offline'),
  overall: z.number().min(1).max(5),
  dimensions: z.array(DimensionScoreSchema.pick({ key: true, label: true, score: true, rationale: true })),
  /** The overalls differ by 1.5 or more, or one dimension by 2 or more. */
  flagged: z.boolean(),
  /** The offline grader's version (its `promptVersion`). */
  version: z.string(),
});
export type SecondOpinion = z.infer<typeof SecondOpinionSchema>;

/** Where the answer states a known misconception (the misconception bank). */
export const CorrectionSchema = z.object({
  /** The answer's sentence, verbatim (offline grader), or the clause a model quoted and the code found in the answer. */
  quote: z.string(),
  /** The wrong claim it states. */
  claim: z.string(),
  /** What is true instead. */
  correction: z.string(),
});
export type Correction = z.infer<typeof CorrectionSchema>;

/** What a grader produces; the stored Feedback adds an id. */
export const GradeResultSchema = z.object({
  rubric: RubricIdSchema,
  /** The question's type, which picked the default rubric; absent on feedback stored before types existed. */
  questionType: QuestionTypeSchema.optional(),
  overall: z.number().min(1).max(5),
  dimensions: z.array(DimensionScoreSchema),
  strengths: z.array(z.string()),
  improvements: z.array(z.string()),
  missingPoints: z.array(z.string()),
  /**
   * The reference answer's key points, each covered, partly covered or missed, with the answer's quote
   * (offline technical grader, when the question has its own reference; the model's judgement of the same
   * points when the model graded).
   */
  coverage: z.array(KeyPointCoverageSchema).optional(),
  /**
   * Where the answer states a known misconception, with the correction (technical answers): found offline, kept when
   * the model grades, plus the bank's claims on the topic that the model quoted the answer stating.
   */
  corrections: z.array(CorrectionSchema).optional(),
  /** A question probing the weakest part of the answer (LLM grader), offered as the interview's follow-up. */
  followUpQuestion: z.string().optional(),
  grader: GraderInfoSchema,
  /** Present on every grade the model made. */
  secondOpinion: SecondOpinionSchema.optional(),
});
export type GradeResult = z.infer<typeof GradeResultSchema>;

export const FeedbackSchema = GradeResultSchema.extend({
  id: z.string(),
  questionId: z.string().nullable(),
  question: z.string(),
  createdAt: z.string(),
  /** The candidate's contested scores, oldest first. */
  disputes: z.array(DisputeSchema),
  /**
   * In the reply to a one-shot grading: the user's attempt at the same question graded just before this one
   * (a corpus question by id, a pasted one by its text), with what moved on each dimension.
   */
  previous: PreviousAttemptSchema.optional(),
});
export type Feedback = z.infer<typeof FeedbackSchema>;
