import { z } from 'zod';
import type { QuestionType } from './question-type.js';

export const RubricIdSchema = z.enum([
  'star',
  'technical',
  'self-presentation',
  'motivation',
  'opinion',
  'approach',
  'compensation',
  'explanation',
  'questions-for-us',
  'logistics',
]);
export type RubricId = z.infer<typeof RubricIdSchema>;

/** Short display names, for labels where the full rubric title is too long. */
export const RUBRIC_LABELS: Readonly<Record<RubricId, string>> = {
  star: 'STAR',
  technical: 'Technical',
  'self-presentation': 'Self-presentation',
  motivation: 'Motivation',
  opinion: 'Opinion',
  approach: 'Approach',
  compensation: 'Compensation',
  explanation: 'Explanation',
  'questions-for-us': 'Questions for the interviewer',
  logistics: 'Logistics',
};

export const ScoreSchema = z.number().int().min(1).max(5);

export const RubricDimensionSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** Relative weight in the overall score; weights of a rubric need not sum to 1. */
  weight: z.number().positive(),
  description: z.string(),
  /** Behaviourally anchored description of each level, index 0 = score 1 … index 4 = score 5. */
  levels: z.tuple([z.string(), z.string(), z.string(), z.string(), z.string()]),
});
export type RubricDimension = z.infer<typeof RubricDimensionSchema>;

export const RubricSchema = z.object({
  id: RubricIdSchema,
  version: z.string(),
  title: z.string(),
  /** What a strong answer looks like, in a sentence or two. */
  summary: z.string().optional(),
  /** Where the criteria and anchors come from: interview-coaching practice, the corpus guide's sections. */
  basis: z.array(z.string()).optional(),
  dimensions: z.array(RubricDimensionSchema).min(1),
});
export type Rubric = z.infer<typeof RubricSchema>;

/** The rubric each question type is graded with: stories keep STAR. */
export const RUBRIC_FOR_TYPE: Readonly<Record<QuestionType, RubricId>> = {
  story: 'star',
  'self-presentation': 'self-presentation',
  motivation: 'motivation',
  opinion: 'opinion',
  approach: 'approach',
  compensation: 'compensation',
  explanation: 'explanation',
  'questions-for-us': 'questions-for-us',
  logistics: 'logistics',
  technical: 'technical',
};
