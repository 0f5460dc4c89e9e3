import { z } from 'zod';
import { gradeResultCodec } from '../grading/feedback-repository.js';
import { DimensionScoreSchema, type GradeResult } from '../contracts/feedback-schema.js';
import { RubricIdSchema } from '../contracts/rubric-schema.js';
import type { Db } from '../store/db.js';
import { StoredFormatError } from '../store/stored-codec.js';
import { MISSED_TURN_STATUSES } from '../contracts/turn-status.js';
import type { Attempt } from './drill-schedule.js';

/** Attempts read per user: far more than a drill needs, bounded so a long history stays cheap. */
const HISTORY_LIMIT = 2_000;

/** The parts of a stored grade the drill reads (validated: stored JSON is never trusted). */
const StoredGradeSchema = z.object({
  dimensions: z.array(DimensionScoreSchema.pick({ key: true, label: true, score: true })),
  missingPoints: z.array(z.string()),
});

/** A stored grade upgraded to today's format, or undefined when this server cannot read it. */
function readGrade(text: string, format: number): GradeResult | undefined {
  try {
    return gradeResultCodec.decode(text, format);
  } catch (error) {
    if (error instanceof StoredFormatError) return undefined;
    throw error;
  }
}

export interface GradedAttempt {
  questionId: string;
  at: number;
  overall: number;
  rubric: z.infer<typeof RubricIdSchema>;
  dimensions: Array<{ key: string; label: string; score: number }>;
  missingPoints: string[];
}

/**
 * A user's interview history as the drill sees it: main questions of interviews only. One-shot feedback is
 * left out on purpose: it is untimed and may be pasted, so it says little about what the candidate can do.
 */
export function createPracticeRepository(db: Db) {
  const graded = db.prepare<[string, number], { question_id: string; overall: number; rubric: string; result: string; result_format: number; created_at: number }>(
    `SELECT t.question_id, f.overall, f.rubric, f.result, f.result_format, f.created_at
     FROM feedback f JOIN turns t ON t.id = f.turn_id
     WHERE f.user_id = ? AND f.session_id IS NOT NULL AND t.parent_turn_id IS NULL AND t.question_id IS NOT NULL
     ORDER BY f.created_at DESC LIMIT ?`,
  );
  const missed = db.prepare<[string, ...typeof MISSED_TURN_STATUSES, number], { question_id: string; at: number }>(
    `SELECT t.question_id, coalesce(t.answered_at, t.asked_at, s.created_at) AS at
     FROM turns t JOIN sessions s ON s.id = t.session_id
     WHERE s.user_id = ? AND t.parent_turn_id IS NULL AND t.question_id IS NOT NULL AND t.status IN (?, ?)
     ORDER BY at DESC LIMIT ?`,
  );

  return {
    /** Graded answers, most recent first. */
    graded(userId: string): GradedAttempt[] {
      return graded.all(userId, HISTORY_LIMIT).flatMap((row) => {
        const rubric = RubricIdSchema.safeParse(row.rubric);
        const stored = StoredGradeSchema.safeParse(readGrade(row.result, row.result_format));
        if (!rubric.success || !stored.success) return [];
        return [{ questionId: row.question_id, at: row.created_at, overall: row.overall, rubric: rubric.data, ...stored.data }];
      });
    },

    /** Every attempt, skipped and unanswered questions included (with no score). */
    attempts(userId: string, gradedAttempts: readonly GradedAttempt[]): Attempt[] {
      return [
        ...gradedAttempts.map(({ questionId, at, overall }) => ({ questionId, at, overall })),
        ...missed.all(userId, ...MISSED_TURN_STATUSES, HISTORY_LIMIT).map((row) => ({ questionId: row.question_id, at: row.at, overall: null })),
      ];
    },
  };
}
export type PracticeRepository = ReturnType<typeof createPracticeRepository>;
