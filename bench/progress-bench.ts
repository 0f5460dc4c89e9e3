/**
 * GET /api/progress cost for a user with many graded answers: a fresh database (real migrations and
 * triggers) gets `rows` feedback rows for one user, spread over 40 topics and both rubrics with results from
 * the offline grader, plus 2,000 rows of another user; then the progress of the first user is read `calls`
 * times through the same service the route uses.
 */
import path from 'node:path';
import { createFeedbackRepository } from '../src/grading/feedback-repository.js';
import { gradeOffline } from '../src/grading/offline/offline-grader.js';
import { createHistoryService } from '../src/history/history-service.js';
import { createProgressRepository } from '../src/history/progress-repository.js';
import { createSessionRepository } from '../src/interview/session-repository.js';
import { openDb } from '../src/store/db.js';
import { createUserRepository } from '../src/users/user-repository.js';
import { createUserService } from '../src/users/user-service.js';
import type { BenchAnswer } from './answers.js';
import { summarize, type Summary } from './stats.js';

export interface ProgressBenchResult {
  rows: number;
  calls: number;
  latency: Summary;
  /** Size of the JSON response. */
  responseBytes: number;
  points: number;
}

export function runProgressBench(dir: string, answers: readonly BenchAnswer[], rows = 20_000, calls = 30): ProgressBenchResult {
  const db = openDb(path.join(dir, 'progress.db'));
  try {
    const users = createUserService(createUserRepository(db), () => Date.now());
    const user = users.create('many answers').id;
    const other = users.create('someone else').id;
    const feedback = createFeedbackRepository(db);
    const results = answers.slice(0, 40).map((answer) => ({ answer, result: gradeOffline(answer.input) }));
    const topics = Array.from({ length: 40 }, (_, index) => `Topic ${index}`);
    const start = Date.parse('2025-01-01T00:00:00Z');
    db.transaction(() => {
      for (let index = 0; index < rows + 2_000; index += 1) {
        const pick = results[index % results.length];
        if (!pick) continue;
        feedback.insert({
          id: `f_${index}`,
          userId: index < rows ? user : other,
          sessionId: null,
          turnId: null,
          questionId: pick.answer.input.question.id,
          question: pick.answer.input.question.text,
          topic: index % 41 === 0 ? null : (topics[index % topics.length] ?? null),
          answer: pick.answer.input.answer,
          inputHash: `h_${index}`,
          result: pick.result,
          createdAt: start + index * 60_000,
        });
      }
    })();
    const history = createHistoryService({ sessions: createSessionRepository(db), feedback, progress: createProgressRepository(db) });
    const times: number[] = [];
    let responseBytes = 0;
    let points = 0;
    for (let call = 0; call < calls; call += 1) {
      const started = performance.now();
      const progress = history.progress(user);
      const body = JSON.stringify(progress);
      times.push(performance.now() - started);
      responseBytes = body.length;
      points = progress.dimensions.reduce((sum, d) => sum + d.points.length, 0) + progress.topics.reduce((sum, t) => sum + t.points.length, 0);
      if (progress.graded !== rows) throw new Error(`progress counted ${progress.graded} answers, expected ${rows}`);
    }
    return { rows, calls, latency: summarize(times), responseBytes, points };
  } finally {
    db.close();
  }
}
