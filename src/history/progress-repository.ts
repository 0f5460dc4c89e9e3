import { z } from 'zod';
import { RubricIdSchema } from '../contracts/rubric-schema.js';
import type { Db } from '../store/db.js';
import type { ProgressSource } from '../contracts/history-schemas.js';

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
 * The `quick` values a source covers: quick feedback is the feedback that belongs to no session. Bound as two
 * parameters (`quick IN (?, ?)`), so one statement serves every source.
 */
const quickValues = (source: ProgressSource): [number, number] => (source === 'all' ? [0, 1] : source === 'quick' ? [1, 1] : [0, 0]);

/**
 * Progress read in SQL: counts and averages from the running totals the feedback triggers keep per answer
 * source (migration 010), and only the latest answers of each trend line (a covering index per topic), so the
 * cost grows with the number of topics and rubric dimensions, not with the number of graded answers, for every
 * source.
 */
export function createProgressRepository(db: Db) {
  const bySource = db.prepare<[string], { interviews: number | null; quick: number | null }>(
    'SELECT sum(count * (quick = 0)) AS interviews, sum(count * quick) AS quick FROM topic_source_totals WHERE user_id = ?',
  );
  const totals = db.prepare<[string, number, number]>(
    `SELECT rubric, dimension, max(label) AS label, sum(total) AS total, sum(count) AS count FROM dimension_source_totals
     WHERE user_id = ? AND quick IN (?, ?) GROUP BY rubric, dimension ORDER BY rubric, dimension`,
  );
  const topics = db.prepare<[string, number, number, number], { topic: string | null; total: number; count: number }>(
    `SELECT nullif(topic, '') AS topic, sum(total) AS total, sum(count) AS count FROM topic_source_totals
     WHERE user_id = ? AND quick IN (?, ?) GROUP BY topic ORDER BY count DESC, topic LIMIT ?`,
  );
  // Ordered by time alone, so the covering index serves it (a rowid tie-break would not be in index order).
  const topicPoints = db.prepare<[string, string | null, number, number, number], PointRow>(
    `SELECT created_at, session_id, overall AS score FROM feedback WHERE user_id = ? AND topic IS ? AND (session_id IS NULL) IN (?, ?)
     ORDER BY created_at DESC LIMIT ?`,
  );
  const rubricPoints = db.prepare<[string, string, number, number, number]>(
    `SELECT f.created_at, f.session_id, json_extract(d.value, '$.key') AS dimension, json_extract(d.value, '$.score') AS score
     FROM (SELECT created_at, session_id, result FROM feedback WHERE user_id = ? AND rubric = ? AND (session_id IS NULL) IN (?, ?)
           ORDER BY created_at DESC, rowid DESC LIMIT ?) AS f, json_each(f.result, '$.dimensions') AS d`,
  );

  return {
    /** Graded answers of interviews and of quick feedback. */
    bySource: (userId: string) => {
      const row = bySource.get(userId);
      return { interviews: row?.interviews ?? 0, quick: row?.quick ?? 0 };
    },
    /** Sum and count of the scores of every dimension the user was graded on. */
    dimensionTotals: (userId: string, source: ProgressSource) => z.array(TotalRowSchema).parse(totals.all(userId, ...quickValues(source))),
    /** Sum and count of the overall scores per topic (null: the user's own questions), most practised first. */
    topicTotals: (userId: string, source: ProgressSource, limit: number) => topics.all(userId, ...quickValues(source), limit),
    /** The latest `limit` overall scores of a topic, newest first. */
    topicPoints: (userId: string, source: ProgressSource, topic: string | null, limit: number) =>
      topicPoints.all(userId, topic, ...quickValues(source), limit),
    /** The dimension scores of the latest `limit` answers graded with a rubric, newest first. */
    rubricPoints: (userId: string, source: ProgressSource, rubric: string, limit: number) =>
      z.array(DimensionPointRowSchema).parse(rubricPoints.all(userId, rubric, ...quickValues(source), limit)),
  };
}
export type ProgressRepository = ReturnType<typeof createProgressRepository>;
