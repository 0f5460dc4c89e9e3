import type { QuestionKind } from '../contracts/question-schema.js';
import type { GradeResult } from '../contracts/feedback-schema.js';
import type { RubricId } from '../contracts/rubric-schema.js';

/** Everything a grader needs; built by the grading service from the corpus. */
export interface GradeInput {
  rubric: RubricId;
  question: { id: string | null; text: string; kind: QuestionKind | null; topic: string | null };
  answer: string;
  /**
   * Reference material: the question's own model answers, or (for questions without one) the most
   * related corpus answers found by full-text search. May be empty for free-text questions.
   */
  reference: { answers: string[]; notes: string[]; fromRelated: boolean };
}

export interface GradeOptions {
  signal?: AbortSignal;
  /** Called with feedback text as it streams from the model (LLM grader only). */
  onDelta?: (text: string) => void;
  /** Called with the tokens each upstream model call used (LLM grader only), for the daily budget. */
  onUsage?: (tokens: number) => void;
  /** Wall-clock limit of one grading on a grading thread, overriding the grader's own (threaded offline grader only). */
  timeoutMs?: number;
}

export interface Grader {
  readonly kind: 'offline' | 'llm';
  /**
   * What decides this grader's result besides its input (kind, model, prompt and scoring versions,
   * fitted weights): part of the key under which an identical re-submission reuses stored feedback.
   */
  identity(rubric: RubricId): string;
  grade(input: GradeInput, options?: GradeOptions): Promise<GradeResult>;
}
