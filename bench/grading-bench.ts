/**
 * Offline grading throughput and latency, in this process: the fixed answer set graded through the
 * `Grader` interface, first once per answer with cold caches, then a warm-up, then timed passes.
 */
import { createOfflineGrader } from '../src/grading/offline/offline-grader.js';
import type { BenchAnswer } from './answers.js';
import { ANSWER_LENGTHS } from './answers.js';
import { summarize, type Summary } from './stats.js';

export interface GradingBenchOptions {
  /** Untimed passes over the set after the cold pass. */
  warmupPasses: number;
  /** Timed passes; stops earlier when `maxMs` is used up. */
  passes: number;
  maxMs: number;
}

export interface GradingBenchResult {
  answers: number;
  gradings: number;
  passes: number;
  /** First grade of each answer: reference profiles and NLP model not yet warm. */
  cold: Summary;
  all: Summary;
  answersPerSec: number;
  /** Behavioural answers are graded with the rubric of their question's type (STAR for stories). */
  byLength: Array<{ words: number; behavioural: Summary; technical: Summary; all: Summary }>;
  /**
   * Every answered corpus question once, ~300 words, after the timed passes: the questions an interview
   * draws are mostly not the ones graded just before, so per-question caches are mostly cold here.
   */
  sweep: { questions: number; all: Summary };
}

export async function runGradingBench(
  set: readonly BenchAnswer[],
  sweepSet: readonly BenchAnswer[],
  options: GradingBenchOptions,
): Promise<GradingBenchResult> {
  const grader = createOfflineGrader();
  const cold: number[] = [];
  for (const answer of set) {
    const start = performance.now();
    await grader.grade(answer.input);
    cold.push(performance.now() - start);
  }
  for (let pass = 0; pass < options.warmupPasses; pass += 1) {
    for (const answer of set) await grader.grade(answer.input);
  }

  const times: number[][] = set.map(() => []);
  const started = performance.now();
  let passes = 0;
  let gradings = 0;
  while (passes < options.passes && performance.now() - started < options.maxMs) {
    // Visit the answers in a different order each pass so no answer always follows the same one.
    const offset = (passes * 7) % set.length;
    for (let step = 0; step < set.length; step += 1) {
      const index = (offset + step) % set.length;
      const answer = set[index];
      if (!answer) continue;
      const start = performance.now();
      await grader.grade(answer.input);
      times[index]?.push(performance.now() - start);
      gradings += 1;
    }
    passes += 1;
  }
  const elapsed = performance.now() - started;

  const sweep: number[] = [];
  for (const answer of sweepSet) {
    const start = performance.now();
    await grader.grade(answer.input);
    sweep.push(performance.now() - start);
  }

  const pick = (filter: (answer: BenchAnswer) => boolean) =>
    set.flatMap((answer, index) => (filter(answer) ? (times[index] ?? []) : []));
  return {
    answers: set.length,
    gradings,
    passes,
    cold: summarize(cold),
    all: summarize(pick(() => true)),
    answersPerSec: (gradings / elapsed) * 1000,
    byLength: ANSWER_LENGTHS.map((words) => ({
      words,
      behavioural: summarize(pick((answer) => answer.bucket === words && answer.kind === 'behavioural')),
      technical: summarize(pick((answer) => answer.bucket === words && answer.kind === 'technical')),
      all: summarize(pick((answer) => answer.bucket === words)),
    })),
    sweep: { questions: sweepSet.length, all: summarize(sweep) },
  };
}
