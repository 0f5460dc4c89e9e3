import { z } from 'zod';
import { RubricIdSchema } from '../grading/rubric-schema.js';
import type { Db } from '../store/db.js';

// Rows whose values come out of feedback JSON (the triggers' totals, json_each) are checked; the others are
// plain columns of STRICT tables.
const TotalRowSchema = z.object({ rubric: RubricIdSchema, dimension: z.string(), label: z.string(), total: z.number(), count: z.number().int() });
const DimensionPointRowSchema = z.object({ created_at: z.number(), session_id: z.string().nullable(), score: z.number(), dimension: z.string() });

export interface PointRow {
  created_at: number;
  session_id: string | null;
  score: number;
}

/**
 * Progress read in SQL: counts and averages from the totals the feedback triggers keep (migration 005), and
 * only the latest answers of each trend line (a covering index per topic). Its cost grows with the number of
 * topics and rubric dimensions, not with the number of graded answers.
 */
export function createProgressRepository(db: Db) {
  const graded = db.prepare<[string], { n: number | null }>('SELECT sum(count) AS n FROM topic_totals WHERE user_id = ?');
  const totals = db.prepare<[string], unknown>(
    'SELECT rubric, dimension, label, total, count FROM dimension_totals WHERE user_id = ? ORDER BY rubric, dimension',
  );
  const topics = db.prepare<[string, number], { topic: string | null; total: number; count: number }>(
    "SELECT nullif(topic, '') AS topic, total, count FROM topic_totals WHERE user_id = ? ORDER BY count DESC, topic LIMIT ?",
  );
  // Ordered by time alone, so the covering index serves it (a rowid tie-break would not be in index order).
  const topicPoints = db.prepare<[string, string | null, number], PointRow>(
    'SELECT created_at, session_id, overall AS score FROM feedback WHERE user_id = ? AND topic IS ? ORDER BY created_at DESC LIMIT ?',
  );
  const rubricPoints = db.prepare<[string, string, number], unknown>(
    `SELECT f.created_at, f.session_id, json_extract(d.value, '$.key') AS dimension, json_extract(d.value, '$.score') AS score
     FROM (SELECT created_at, session_id, result FROM feedback WHERE user_id = ? AND rubric = ?
           ORDER BY created_at DESC, rowid DESC LIMIT ?) AS f, json_each(f.result, '$.dimensions') AS d`,
  );

  return {
    graded: (userId: string) => graded.get(userId)?.n ?? 0,
    /** Sum and count of the scores of every dimension the user was graded on. */
    dimensionTotals: (userId: string) => z.array(TotalRowSchema).parse(totals.all(userId)),
    /** Sum and count of the overall scores per topic (null: the user's own questions), most practised first. */
    topicTotals: (userId: string, limit: number) => topics.all(userId, limit),
    /** The latest `limit` overall scores of a topic, newest first. */
    topicPoints: (userId: string, topic: string | null, limit: number) => topicPoints.all(userId, topic, limit),
    /** The dimension scores of the latest `limit` answers graded with a rubric, newest first. */
    rubricPoints: (userId: string, rubric: string, limit: number) =>
      z.array(DimensionPointRowSchema).parse(rubricPoints.all(userId, rubric, limit)),
  };
}
export type ProgressRepository = ReturnType<typeof createProgressRepository>;
