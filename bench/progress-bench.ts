/**
 * GET /api/progress for a user with many graded answers, through the real app (routing, authentication,
 * the service, response validation and serialisation) with `app.inject`: a fresh database (the real
 * migrations and triggers) gets `rows` feedback rows for one user, spread over 40 topics and both rubrics
 * with results from the offline grader, plus 2,000 rows of another user; then the first user's progress is
 * requested `calls` times for `all` and for one source (`quick`, which holds all of this user's rows here):
 * both read the totals the triggers keep per source (migration 010).
 */
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { createSystemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createFeedbackRepository } from '../src/grading/feedback-repository.js';
import { gradeOffline } from '../src/grading/offline/offline-grader.js';
import { openDb } from '../src/store/db.js';
import type { ProgressSource } from '../src/contracts/history-schemas.js';
import type { BenchAnswer } from './answers.js';
import { summarize, type Summary } from './stats.js';

export interface ProgressBenchResult {
  rows: number;
  calls: number;
  /** Per answer source (`all`, `quick`): latency and the size of the JSON response. */
  bySource: Array<{ source: ProgressSource; latency: Summary; responseBytes: number }>;
}

const SOURCES: readonly ProgressSource[] = ['all', 'quick'];

export async function runProgressBench(dir: string, answers: readonly BenchAnswer[], rows = 20_000, calls = 30): Promise<ProgressBenchResult> {
  const dbPath = path.join(dir, 'progress.db');
  const db = openDb(dbPath);
  const app = await buildApp(loadConfig({ DATABASE_PATH: dbPath, GRADER: 'offline', GRADER_THREADS: '0', LOG_LEVEL: 'silent' }), {
    db,
    clock: createSystemClock(),
  });
  try {
    await app.ready();
    const createUser = async () => {
      const response = await app.inject({ method: 'POST', url: '/api/users', payload: { name: 'bench' } });
      return response.json<{ id: string; token: string }>();
    };
    const user = await createUser();
    const other = await createUser();
    const feedback = createFeedbackRepository(db);
    const results = answers.slice(0, 40).map((answer) => ({ answer, result: gradeOffline(answer.input) }));
    const start = Date.parse('2025-01-01T00:00:00Z');
    db.transaction(() => {
      for (let index = 0; index < rows + 2_000; index += 1) {
        const pick = results[index % results.length];
        if (!pick) continue;
        feedback.insert({
          id: `f_${index}`,
          userId: index < rows ? user.id : other.id,
          sessionId: null,
          turnId: null,
          questionId: pick.answer.input.question.id,
          question: pick.answer.input.question.text,
          topic: index % 41 === 0 ? null : `Topic ${index % 40}`,
          answer: pick.answer.input.answer,
          referenceAnswer: null,
          inputHash: `h_${index}`,
          result: pick.result,
          createdAt: start + index * 60_000,
        });
      }
    })();
    const bySource: ProgressBenchResult['bySource'] = [];
    for (const source of SOURCES) {
      // One untimed call first: the first request of a route pays for compiling its code and statements.
      await app.inject({ url: `/api/progress?source=${source}`, headers: { authorization: `Bearer ${user.token}` } });
      const times: number[] = [];
      let responseBytes = 0;
      for (let call = 0; call < calls; call += 1) {
        const started = performance.now();
        const response = await app.inject({ url: `/api/progress?source=${source}`, headers: { authorization: `Bearer ${user.token}` } });
        times.push(performance.now() - started);
        // Checked after the clock stops: parsing the body is the client's work.
        responseBytes = response.body.length;
        const graded = response.json<{ graded: number }>().graded;
        if (response.statusCode !== 200 || graded !== rows) throw new Error(`GET /api/progress?source=${source} → ${response.statusCode}, ${graded} answers`);
      }
      bySource.push({ source, latency: summarize(times), responseBytes });
    }
    return { rows, calls, bySource };
  } finally {
    await app.close();
    db.close();
  }
}
