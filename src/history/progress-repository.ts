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

/** Quick feedback is the feedback that belongs to no session. */
const quickFlag = (source: Exclude<ProgressSource, 'all'>) => (source === 'quick' ? 1 : 0);

/**
 * Progress read in SQL. Over all answers: counts and averages from the totals the feedback triggers keep
 * (migration 007), and only the latest answers of each trend line (a covering index per topic), so the cost
 * grows with the number of topics and rubric dimensions, not with the number of graded answers. Restricted
 * to interviews or to quick feedback, the totals are summed from the user's feedback rows instead (the
 * triggers keep no per-source totals): linear in that user's graded answers, a few ms per thousand.
 */
export function createProgressRepository(db: Db) {
  const graded = db.prepare<[string], { n: number | null }>('SELECT sum(count) AS n FROM topic_totals WHERE user_id = ?');
  const bySource = db.prepare<[string], { interviews: number | null; quick: number | null }>(
    'SELECT sum(session_id IS NOT NULL) AS interviews, sum(session_id IS NULL) AS quick FROM feedback WHERE user_id = ?',
  );
  const totals = db.prepare<[string]>(
    'SELECT rubric, dimension, label, total, count FROM dimension_totals WHERE user_id = ? ORDER BY rubric, dimension',
  );
  const totalsOf = db.prepare<[string, number]>(
    `SELECT f.rubric, json_extract(d.value, '$.key') AS dimension, max(json_extract(d.value, '$.label')) AS label,
            sum(json_extract(d.value, '$.score')) AS total, count(*) AS count
     FROM feedback f, json_each(f.result, '$.dimensions') d
     WHERE f.user_id = ? AND (f.session_id IS NULL) = ?
     GROUP BY f.rubric, json_extract(d.value, '$.key') ORDER BY f.rubric, dimension`,
  );
  const topics = db.prepare<[string, number], { topic: string | null; total: number; count: number }>(
    "SELECT nullif(topic, '') AS topic, total, count FROM topic_totals WHERE user_id = ? ORDER BY count DESC, topic LIMIT ?",
  );
  const topicsOf = db.prepare<[string, number, number], { topic: string | null; total: number; count: number }>(
    `SELECT nullif(topic, '') AS topic, sum(overall) AS total, count(*) AS count FROM feedback WHERE user_id = ? AND (session_id IS NULL) = ?
     GROUP BY coalesce(topic, '') ORDER BY count DESC, topic LIMIT ?`,
  );
  // Ordered by time alone, so the covering index serves it (a rowid tie-break would not be in index order).
  const topicPoints = db.prepare<[string, string | null, number], PointRow>(
    'SELECT created_at, session_id, overall AS score FROM feedback WHERE user_id = ? AND topic IS ? ORDER BY created_at DESC LIMIT ?',
  );
  const topicPointsOf = db.prepare<[string, string | null, number, number], PointRow>(
    `SELECT created_at, session_id, overall AS score FROM feedback WHERE user_id = ? AND topic IS ? AND (session_id IS NULL) = ?
     ORDER BY created_at DESC LIMIT ?`,
  );
  const rubricPoints = db.prepare<[string, string, number, number, number]>(
    `SELECT f.created_at, f.session_id, json_extract(d.value, '$.key') AS dimension, json_extract(d.value, '$.score') AS score
     FROM (SELECT created_at, session_id, result FROM feedback WHERE user_id = ? AND rubric = ? AND (? OR (session_id IS NULL) = ?)
           ORDER BY created_at DESC, rowid DESC LIMIT ?) AS f, json_each(f.result, '$.dimensions') AS d`,
  );

  return {
    graded: (userId: string) => graded.get(userId)?.n ?? 0,
    /** Graded answers of interviews and of quick feedback. */
    bySource: (userId: string) => {
      const row = bySource.get(userId);
      return { interviews: row?.interviews ?? 0, quick: row?.quick ?? 0 };
    },
    /** Sum and count of the scores of every dimension the user was graded on. */
    dimensionTotals: (userId: string, source: ProgressSource) =>
      z.array(TotalRowSchema).parse(source === 'all' ? totals.all(userId) : totalsOf.all(userId, quickFlag(source))),
    /** Sum and count of the overall scores per topic (null: the user's own questions), most practised first. */
    topicTotals: (userId: string, source: ProgressSource, limit: number) =>
      source === 'all' ? topics.all(userId, limit) : topicsOf.all(userId, quickFlag(source), limit),
    /** The latest `limit` overall scores of a topic, newest first. */
    topicPoints: (userId: string, source: ProgressSource, topic: string | null, limit: number) =>
      source === 'all' ? topicPoints.all(userId, topic, limit) : topicPointsOf.all(userId, topic, quickFlag(source), limit),
    /** The dimension scores of the latest `limit` answers graded with a rubric, newest first. */
    rubricPoints: (userId: string, source: ProgressSource, rubric: string, limit: number) =>
      z
        .array(DimensionPointRowSchema)
        .parse(rubricPoints.all(userId, rubric, source === 'all' ? 1 : 0, source === 'all' ? 0 : quickFlag(source), limit)),
  };
}
export type ProgressRepository = ReturnType<typeof createProgressRepository>;
