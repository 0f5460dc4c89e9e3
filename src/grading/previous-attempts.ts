import type { Db } from '../store/db.js';
import type { GradeResult } from '../contracts/feedback-schema.js';
import type { PreviousAttempt } from '../contracts/previous-attempt-schema.js';
import { gradeResultCodec } from './feedback-repository.js';

interface AttemptRow {
  id: string;
  overall: number;
  result: string;
  result_format: number;
  created_at: number;
}

/** The attempt being compared: a stored feedback of the user. */
export interface Attempt {
  id: string;
  questionId: string | null;
  question: string;
  result: Pick<GradeResult, 'rubric' | 'dimensions'>;
}

/**
 * Finds a user's previous attempt at a question, for a retake's deltas. A corpus question is matched by id
 * (interview and one-shot attempts alike); a pasted question by its text, among one-shot attempts only,
 * because an interview's follow-ups share their probe wording across unrelated questions. Only an attempt
 * graded with the same rubric compares dimension for dimension. "Previous" is by grading time, ties broken
 * by insertion order, so the answer does not depend on when it is asked. Only an attempt graded against the same
 * reference compares either: one graded against the user's own reference answer and one against the corpus's
 * (or none) are two different measures, and their difference says nothing about the answers.
 */
export function createPreviousAttempts(db: Db) {
  const byQuestionId = db.prepare<[string, string, string, string, string], AttemptRow>(
    `SELECT f.id, f.overall, f.result, f.result_format, f.created_at FROM feedback f, (SELECT created_at, rowid AS n, reference_answer FROM feedback WHERE id = ?) AS this
     WHERE f.user_id = ? AND f.question_id = ? AND f.rubric = ? AND f.id <> ? AND f.reference_answer IS this.reference_answer
       AND (f.created_at < this.created_at OR (f.created_at = this.created_at AND f.rowid < this.n))
     ORDER BY f.created_at DESC, f.rowid DESC LIMIT 1`,
  );
  const byQuestionText = db.prepare<[string, string, string, string, string], AttemptRow>(
    `SELECT f.id, f.overall, f.result, f.result_format, f.created_at FROM feedback f, (SELECT created_at, rowid AS n, reference_answer FROM feedback WHERE id = ?) AS this
     WHERE f.user_id = ? AND f.question_id IS NULL AND f.session_id IS NULL AND f.question = ? AND f.rubric = ? AND f.id <> ? AND f.reference_answer IS this.reference_answer
       AND (f.created_at < this.created_at OR (f.created_at = this.created_at AND f.rowid < this.n))
     ORDER BY f.created_at DESC, f.rowid DESC LIMIT 1`,
  );

  return {
    /** The attempt graded just before `attempt` (which must be stored), with per-dimension deltas; none for a first attempt. */
    before(userId: string, attempt: Attempt, options: { oneShot: boolean }): PreviousAttempt | undefined {
      const { rubric } = attempt.result;
      let row: AttemptRow | undefined;
      if (attempt.questionId !== null) row = byQuestionId.get(attempt.id, userId, attempt.questionId, rubric, attempt.id);
      else if (options.oneShot) row = byQuestionText.get(attempt.id, userId, attempt.question, rubric, attempt.id);
      if (!row) return undefined;
      const earlier = new Map(gradeResultCodec.decode(row.result, row.result_format).dimensions.map((dimension) => [dimension.key, dimension.score]));
      return {
        feedbackId: row.id,
        overall: row.overall,
        createdAt: new Date(row.created_at).toISOString(),
        deltas: attempt.result.dimensions.flatMap((dimension) => {
          const previous = earlier.get(dimension.key);
          return previous === undefined ? [] : [{ key: dimension.key, label: dimension.label, previous, delta: dimension.score - previous }];
        }),
      };
    },
  };
}
export type PreviousAttempts = ReturnType<typeof createPreviousAttempts>;
