import type { Db } from '../store/db.js';

/** Tokens spent on LLM grading per user and UTC day. */
export function createUsageRepository(db: Db) {
  const add = db.prepare<[string, string, number]>(
    `INSERT INTO llm_usage (user_id, day, tokens) VALUES (?, ?, ?)
     ON CONFLICT (user_id, day) DO UPDATE SET tokens = tokens + excluded.tokens`,
  );
  const get = db.prepare<[string, string], { tokens: number }>('SELECT tokens FROM llm_usage WHERE user_id = ? AND day = ?');
  return {
    add: (userId: string, day: string, tokens: number) => void add.run(userId, day, tokens),
    spent: (userId: string, day: string) => get.get(userId, day)?.tokens ?? 0,
  };
}
export type UsageRepository = ReturnType<typeof createUsageRepository>;
