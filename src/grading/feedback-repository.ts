import { createDisputeRepository, type DisputeRepository } from '../disputes/dispute-repository.js';
import type { Db } from '../store/db.js';
import { createStoredCodec } from '../store/stored-codec.js';
import { FeedbackSchema, GradeResultSchema, type Feedback, type GradeResult } from '../contracts/feedback-schema.js';

/** The stored format of a feedback's `result` column (see src/store/stored-codec.ts). */
export const gradeResultCodec = createStoredCodec('feedback result', GradeResultSchema);

interface FeedbackRow {
  id: string;
  question_id: string | null;
  question: string;
  result: string;
  result_format: number;
  created_at: number;
}

export interface NewFeedback {
  id: string;
  userId: string;
  sessionId: string | null;
  turnId: string | null;
  questionId: string | null;
  question: string;
  topic: string | null;
  answer: string;
  /** The reference answer the request brought, if any (graded against instead of the corpus). */
  referenceAnswer: string | null;
  inputHash: string;
  result: GradeResult;
  createdAt: number;
}

/** `disputes` lists the candidate's contested scores, which every read of a feedback carries. */
export function createFeedbackRepository(db: Db, disputes: Pick<DisputeRepository, 'forFeedback'> = createDisputeRepository(db)) {
  const toFeedback = (row: FeedbackRow): Feedback =>
    FeedbackSchema.parse({
      ...gradeResultCodec.decode(row.result, row.result_format),
      id: row.id,
      questionId: row.question_id,
      question: row.question,
      createdAt: new Date(row.created_at).toISOString(),
      disputes: disputes.forFeedback(row.id),
    });

  const insert = db.prepare(
    `INSERT INTO feedback (id, user_id, session_id, turn_id, question_id, question, topic, answer, reference_answer,
       input_hash, rubric, overall, result, result_format, grader_kind, created_at)
     VALUES (@id, @userId, @sessionId, @turnId, @questionId, @question, @topic, @answer, @referenceAnswer,
       @inputHash, @rubric, @overall, @result, @resultFormat, @graderKind, @createdAt)`,
  );
  const byId = db.prepare<[string, string], FeedbackRow>(
    'SELECT id, question_id, question, result, result_format, created_at FROM feedback WHERE id = ? AND user_id = ?',
  );
  const byInput = db.prepare<[string, string], FeedbackRow>(
    `SELECT id, question_id, question, result, result_format, created_at FROM feedback WHERE user_id = ? AND input_hash = ?
     ORDER BY created_at DESC LIMIT 1`,
  );
  const standalone = db.prepare<[string, number, number], FeedbackRow & { answer: string; reference_answer: string | null }>(
    `SELECT id, question_id, question, result, result_format, created_at, answer, reference_answer FROM feedback
     WHERE user_id = ? AND session_id IS NULL ORDER BY created_at DESC LIMIT ? OFFSET ?`,
  );
  const remove = db.prepare<[string, string]>('DELETE FROM feedback WHERE id = ? AND user_id = ? AND session_id IS NULL');

  return {
    insert(feedback: NewFeedback): void {
      insert.run({
        ...feedback,
        rubric: feedback.result.rubric,
        overall: feedback.result.overall,
        result: gradeResultCodec.encode(feedback.result),
        resultFormat: gradeResultCodec.version,
        graderKind: feedback.result.grader.kind,
      });
    },
    /** Scoped by user: someone else's id reads as not found. */
    get(userId: string, id: string): Feedback | undefined {
      const row = byId.get(id, userId);
      return row ? toFeedback(row) : undefined;
    },
    findByInput(userId: string, inputHash: string): Feedback | undefined {
      const row = byInput.get(userId, inputHash);
      return row ? toFeedback(row) : undefined;
    },
    listStandalone(userId: string, limit: number, offset: number) {
      return standalone.all(userId, limit, offset).map((row) => ({
        ...toFeedback(row),
        answer: row.answer,
        ...(row.reference_answer === null ? {} : { referenceAnswer: row.reference_answer }),
      }));
    },
    deleteStandalone: (userId: string, id: string) => remove.run(id, userId).changes > 0,
  };
}
export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;
