/**
 * Offline grading throughput and latency, in this process: the fixed answer set graded through the
 * `Grader` interface, first once per answer with cold caches, then a warm-up, then timed passes. Then the
 * corpus sweep twice: in this process with each question's profile built at its first grading, and on a
 * grading thread built as the server builds it, after its idle warm-up of the corpus questions' profiles.
 */
import { loadConfig } from '../src/config.js';
import { RETRY_TIMEOUT_FACTOR } from '../src/grading/create-grader.js';
import { boundedGrader } from '../src/grading/offline/bounded-grader.js';
import { createOfflineGrader } from '../src/grading/offline/offline-grader.js';
import type { WarmUpItem } from '../src/grading/offline/profile-warm-up.js';
import { createThreadedOfflineGrader } from '../src/grading/offline/threaded-grader.js';
import type { BenchAnswer } from './answers.js';
import { ANSWER_LENGTHS } from './answers.js';
import { summarize, type Summary } from './stats.js';

export interface GradingBenchOptions {
  /** Untimed passes over the set after the cold pass. */
  warmupPasses: number;
  /** Timed passes; stops earlier when `maxMs` is used up. */
  passes: number;
  maxMs: number;
  /** What the server's grading threads warm up on (`corpusWarmUp` of the stored corpus). */
  warmUp: readonly WarmUpItem[];
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
   * Every answered corpus question once, ~300 words, after the timed passes, in this process: the first
   * grading of each question (but the few of the answer set) builds its reference profile.
   */
  coldSweep: { questions: number; all: Summary };
  /**
   * The same answers on one grading thread of the server's threaded grader, once its idle warm-up has built
   * the corpus questions' profiles: what a server grades once it has been up for a few seconds. Includes
   * the round trip to the thread.
   */
  sweep: { questions: number; all: Summary; warmUpMs: number; partial: number };
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

  const coldSweep: number[] = [];
  for (const answer of sweepSet) {
    const start = performance.now();
    await grader.grade(answer.input);
    coldSweep.push(performance.now() - start);
  }

  // As createGraders composes it: past the time limit the thread grades the answer's beginning instead.
  const { GRADER_TIMEOUT_MS } = loadConfig({});
  const threaded = createThreadedOfflineGrader(1, { timeoutMs: GRADER_TIMEOUT_MS, warmUp: options.warmUp });
  const server = boundedGrader(threaded, GRADER_TIMEOUT_MS * RETRY_TIMEOUT_FACTOR);
  const sweep: number[] = [];
  let warmUpMs: number;
  let partial = 0;
  try {
    const warmUpStarted = performance.now();
    await threaded.whenWarm();
    warmUpMs = performance.now() - warmUpStarted;
    for (const answer of sweepSet) {
      const start = performance.now();
      const result = await server.grade(answer.input);
      sweep.push(performance.now() - start);
      if (result.grader.partialReason !== undefined) partial += 1;
    }
  } finally {
    await threaded.close();
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
    coldSweep: { questions: sweepSet.length, all: summarize(coldSweep) },
    sweep: { questions: sweepSet.length, all: summarize(sweep), warmUpMs, partial },
  };
}
