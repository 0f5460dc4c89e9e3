import type { Db } from '../store/db.js';
import type { Dispute } from '../contracts/dispute-schema.js';

export interface DisputeRow {
  id: string;
  feedback_id: string;
  dimension: string | null;
  expected: number;
  note: string | null;
  created_at: number;
}

export function toDispute(row: DisputeRow): Dispute {
  return {
    id: row.id,
    dimension: row.dimension,
    expected: row.expected,
    note: row.note,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export interface DisputedFeedbackRow {
  id: string;
  question_id: string | null;
  question: string;
  answer: string;
  /** The reference the request brought, if it was graded against one of its own. */
  reference_answer: string | null;
  result: string;
  result_format: number;
}

const DISPUTE_COLUMNS = 'id, feedback_id, dimension, expected, note, created_at';

/** Disputes are always reached through a feedback the caller has already found for its owner. */
export function createDisputeRepository(db: Db) {
  // One dispute per feedback and dimension (the unique index): a second one replaces the first.
  const upsert = db.prepare<[{ id: string; feedbackId: string; userId: string; dimension: string | null; expected: number; note: string | null; createdAt: number }], DisputeRow>(
    `INSERT INTO disputes (id, feedback_id, user_id, dimension, expected, note, created_at)
     VALUES (@id, @feedbackId, @userId, @dimension, @expected, @note, @createdAt)
     ON CONFLICT (feedback_id, coalesce(dimension, '')) DO UPDATE
       SET expected = excluded.expected, note = excluded.note, created_at = excluded.created_at
     RETURNING ${DISPUTE_COLUMNS}`,
  );
  const existing = db.prepare<[string, string], { id: string }>(
    "SELECT id FROM disputes WHERE feedback_id = ? AND coalesce(dimension, '') = ?",
  );
  const forFeedback = db.prepare<[string], DisputeRow>(
    `SELECT ${DISPUTE_COLUMNS} FROM disputes WHERE feedback_id = ? ORDER BY created_at, rowid`,
  );
  const remove = db.prepare<[string, string, string]>('DELETE FROM disputes WHERE id = ? AND feedback_id = ? AND user_id = ?');
  const disputedFeedback = db.prepare<[string], DisputedFeedbackRow>(
    `SELECT f.id, f.question_id, f.question, f.answer, f.reference_answer, f.result, f.result_format FROM feedback f
     WHERE f.user_id = ? AND EXISTS (SELECT 1 FROM disputes d WHERE d.feedback_id = f.id)
     ORDER BY f.created_at, f.rowid`,
  );

  return {
    /** Records or replaces the dispute of one score; `created` is false when it replaced an earlier one. */
    save: db.transaction(
      (dispute: { id: string; feedbackId: string; userId: string; dimension: string | null; expected: number; note: string | null; createdAt: number }) => {
        const created = existing.get(dispute.feedbackId, dispute.dimension ?? '') === undefined;
        const row = upsert.get(dispute);
        if (!row) throw new Error('dispute upsert returned no row');
        return { dispute: toDispute(row), created };
      },
    ),
    forFeedback: (feedbackId: string): Dispute[] => forFeedback.all(feedbackId).map(toDispute),
    remove: (userId: string, feedbackId: string, disputeId: string): boolean => remove.run(disputeId, feedbackId, userId).changes > 0,
    /** The user's feedback with at least one dispute, oldest first. */
    disputedFeedback: (userId: string): DisputedFeedbackRow[] => disputedFeedback.all(userId),
  };
}
export type DisputeRepository = ReturnType<typeof createDisputeRepository>;
