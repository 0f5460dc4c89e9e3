import { Worker, type ResourceLimits } from 'node:worker_threads';
import { z } from 'zod';
import { bundleInfo } from '../../bundle-info.js';
import { createSystemClock, type Clock, type TimerHandle } from '../../clock.js';
import { GradeResultSchema, type GradeResult } from '../../contracts/feedback-schema.js';
import type { GradeInput, Grader, GradeOptions } from '../grader.js';
import type { WarmUpItem } from './profile-warm-up.js';
import { OFFLINE_GRADER_IDENTITY } from './version.js';

const ReplySchema = z.union([
  z.object({ ready: z.literal(true) }),
  z.object({ warmed: z.number() }),
  z.object({ id: z.number(), result: GradeResultSchema }),
  z.object({ id: z.number(), error: z.string(), timedOut: z.boolean().optional() }),
]);

const RESPAWN_DELAY_MS = 1_000;
/**
 * A grading stops itself at its next checkpoint past its time limit (see nlp.ts); a thread still busy at
 * five times the limit, and at least a second, is stuck in one long computation and is terminated.
 */
export const stuckAfterMs = (timeoutMs: number): number => Math.max(5 * timeoutMs, 1_000);

/** No grading thread can take the grading: the pool is closed, or every thread died and waits to be restarted. */
export class GradingUnavailableError extends Error {}

/** A grading a thread was given did not produce a result: it ran out of time, its thread died, or the grader threw. */
export class GradingThreadError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'crash' | 'error',
  ) {
    super(message);
  }
}

interface Job {
  readonly id: number;
  readonly input: GradeInput;
  readonly timeoutMs: number;
  readonly resolve: (result: GradeResult) => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | null;
  timer: TimerHandle | null;
  settled: boolean;
}

interface Thread {
  worker: Worker;
  /** Loaded and warmed up: takes gradings. */
  ready: boolean;
  /** Has built the reference profiles of `warmUp` (between gradings, after it was ready). */
  warmed: boolean;
  exited: boolean;
  /** Terminated by the pool for running too long: replaced at once, not after the crash delay. */
  killed: boolean;
  /** The grading it runs; a thread runs one at a time, so a timeout cuts short only that one. */
  job: Job | null;
}

export interface ThreadedGraderOptions {
  /**
   * Wall-clock milliseconds one grading may run: past it the grading stops at its next checkpoint and fails
   * with a timeout; a thread still busy at `stuckAfterMs` of it is terminated and replaced.
   */
  timeoutMs: number;
  /** Timers of the time limit; tests pass a fake clock. */
  clock?: Clock;
  /** The worker module; tests pass one whose grading they control. Default: the offline grading worker. */
  workerUrl?: URL;
  /**
   * Questions whose reference profiles each thread builds once it is ready, one between gradings (see
   * profile-warm-up.ts): the corpus questions, so that no grading of one pays for its profile.
   */
  warmUp?: readonly WarmUpItem[];
}

/**
 * A grading thread's young generation: 24 MB, which V8 splits into two semi-spaces of 8 MB (and as much again
 * for new large objects), where its default gives every thread two of 16 MB. Both semi-spaces stay resident for
 * the thread's life, idle or not: 16 MB of the grader's memory for a few percent of speed at most (the corpus
 * sweep on two threads in turn, CPU per grading ×1.02–1.07 at the median and ×1.00–1.04 in total, where the
 * harness reads ×0.95–0.97 against itself; 12 MB cost ×1.2). See data/grader/history/round-19-memory.md.
 */
export const GRADING_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 24 };

/*
 * From the bundle (`npm start`) the worker is the file the build wrote beside dist/server.mjs, which names it
 * (src/bundle-info.ts). From the sources (tests, `npm run dev`) it is TypeScript: a tiny bootstrap registers
 * tsx in the thread first.
 */
function startWorker(workerUrl: URL | undefined): Worker {
  const resourceLimits = GRADING_THREAD_LIMITS;
  if (workerUrl) return new Worker(workerUrl, { resourceLimits });
  if (bundleInfo) return new Worker(new URL(`./${bundleInfo.offlineWorker}`, import.meta.url), { resourceLimits });
  const source = JSON.stringify(new URL('./offline-worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${source}); });`, {
    eval: true,
    resourceLimits,
  });
}

/**
 * The offline grader on worker threads, so grading never delays the event loop that accepts answers and
 * sends frames. Gradings wait in one queue, in order, and each thread runs one at a time. A grading that
 * runs past its time limit stops itself in the thread and fails with a GradingThreadError; one stuck in a
 * single long computation has its thread terminated (nothing else interrupts synchronous code) and
 * replaced. An aborted grading leaves the queue, or, if already running, is answered at once while its
 * thread finishes within the limit. A thread that dies fails its grading and is replaced; while no thread
 * runs at all, gradings fail at once instead of queueing.
 */
export function createThreadedOfflineGrader(
  threads: number,
  options: ThreadedGraderOptions,
): Grader & { close(): Promise<void>; whenWarm(): Promise<void>; readonly available: boolean; readonly restarts: number } {
  if (threads < 1) throw new Error('a threaded grader needs at least one thread');
  const clock = options.clock ?? createSystemClock();
  let nextId = 1;
  let closing = false;
  let restarts = 0;
  const pool: Thread[] = [];
  const queue: Job[] = [];
  const warmUp = options.warmUp ?? [];
  const warmWaiters: Array<() => void> = [];

  function checkWarm(): void {
    if (!closing && !pool.every((thread) => thread.warmed)) return;
    for (const resolve of warmWaiters.splice(0)) resolve();
    holdOpen();
  }

  /**
   * An idle pool must not keep the process alive; one with gradings to run, or that someone waits for to be
   * warm, must (a script awaiting a grading has nothing else that does).
   */
  function holdOpen(): void {
    const busy = queue.length > 0 || warmWaiters.length > 0 || pool.some((thread) => thread.job !== null);
    for (const thread of pool) {
      if (busy) thread.worker.ref();
      else thread.worker.unref();
    }
  }

  /** Answers the caller once. The time limit is the thread's, not the caller's: it keeps running after an abort. */
  function settle(job: Job): boolean {
    if (job.settled) return false;
    job.settled = true;
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    job.onAbort = null;
    return true;
  }

  function fail(job: Job, error: unknown): void {
    if (settle(job)) job.reject(error);
  }

  function failQueued(error: Error): void {
    for (const job of queue.splice(0)) fail(job, error);
  }

  function dispatch(): void {
    for (const thread of pool) {
      if (!thread.ready || thread.exited || thread.job) continue;
      let job = queue.shift();
      while (job?.settled) job = queue.shift();
      if (!job) break;
      const running = job;
      thread.job = running;
      running.timer = clock.setTimeout(() => stuck(thread, running), stuckAfterMs(running.timeoutMs));
      thread.worker.postMessage({ id: running.id, input: running.input, timeoutMs: running.timeoutMs });
    }
    holdOpen();
  }

  /** The thread is done with `job` (it answered, or died). */
  function release(thread: Thread, job: Job): void {
    if (job.timer) clock.clearTimeout(job.timer);
    job.timer = null;
    thread.job = null;
  }

  function stuck(thread: Thread, job: Job): void {
    job.timer = null;
    fail(job, new GradingThreadError(`grading took longer than ${job.timeoutMs} ms`, 'timeout'));
    if (thread.job !== job || thread.exited) return;
    thread.killed = true;
    restarts += 1;
    void thread.worker.terminate();
  }

  function spawn(index: number): Thread {
    const thread: Thread = {
      worker: startWorker(options.workerUrl),
      ready: false,
      warmed: warmUp.length === 0,
      exited: false,
      killed: false,
      job: null,
    };
    thread.worker.on('message', (message: unknown) => {
      const reply = ReplySchema.safeParse(message);
      if (!reply.success) return;
      if ('ready' in reply.data) {
        thread.ready = true;
        dispatch();
        // After the grading it may have been given: the thread builds profiles only between gradings.
        if (warmUp.length > 0) thread.worker.postMessage({ warm: warmUp });
        return;
      }
      if ('warmed' in reply.data) {
        thread.warmed = true;
        checkWarm();
        return;
      }
      const job = thread.job;
      if (!job || job.id !== reply.data.id) return;
      release(thread, job);
      if ('result' in reply.data) {
        const { result } = reply.data;
        if (settle(job)) job.resolve(result);
      } else if (reply.data.timedOut === true) {
        fail(job, new GradingThreadError(`grading took longer than ${job.timeoutMs} ms`, 'timeout'));
      } else {
        fail(job, new GradingThreadError(`offline grading failed: ${reply.data.error}`, 'error'));
      }
      dispatch();
    });
    // An uncaught exception in the thread: 'exit' follows and handles it.
    thread.worker.on('error', () => undefined);
    thread.worker.on('exit', () => {
      thread.exited = true;
      const job = thread.job;
      if (job) {
        release(thread, job);
        fail(job, new GradingThreadError('the grading thread stopped', 'crash'));
        holdOpen();
      }
      if (closing) return;
      const replace = () => {
        if (closing) return;
        pool[index] = spawn(index);
        // Queued gradings or someone waiting for the warm-up keep the process alive through the restart.
        holdOpen();
      };
      // A thread that dies before it is ready (say, a missing bundle) is restarted once a second, not in a
      // tight loop; one that was grading (or was terminated for its time limit) is replaced at once.
      if (thread.killed || thread.ready) {
        replace();
      } else {
        setTimeout(replace, RESPAWN_DELAY_MS).unref();
        if (pool.every((candidate) => candidate.exited)) failQueued(new GradingUnavailableError('no offline grading thread is running'));
      }
    });
    // Until it has work (see holdOpen).
    thread.worker.unref();
    return thread;
  }

  for (let index = 0; index < threads; index += 1) pool.push(spawn(index));

  return {
    kind: 'offline',
    identity: () => OFFLINE_GRADER_IDENTITY,
    grade(input: GradeInput, gradeOptions: GradeOptions = {}): Promise<GradeResult> {
      if (closing) return Promise.reject(new GradingUnavailableError('the offline grading threads are closed'));
      if (pool.every((thread) => thread.exited)) return Promise.reject(new GradingUnavailableError('no offline grading thread is running'));
      const { signal } = gradeOptions;
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<GradeResult>((resolve, reject) => {
        const job: Job = {
          id: nextId++,
          input,
          timeoutMs: gradeOptions.timeoutMs ?? options.timeoutMs,
          resolve,
          reject,
          signal,
          onAbort: null,
          timer: null,
          settled: false,
        };
        if (signal) {
          job.onAbort = () => {
            const index = queue.indexOf(job);
            if (index !== -1) queue.splice(index, 1);
            fail(job, signal.reason);
            holdOpen();
          };
          signal.addEventListener('abort', job.onAbort, { once: true });
        }
        queue.push(job);
        dispatch();
      });
    },
    /** Threads terminated because a grading was stuck past `stuckAfterMs` of its limit. */
    get restarts(): number {
      return restarts;
    },
    /**
     * Resolves once every thread of the pool has built the profiles of `warmUp` (at once without any), or
     * the pool is closed. A thread that replaces a dead one builds them again.
     */
    whenWarm(): Promise<void> {
      return new Promise<void>((resolve) => {
        warmWaiters.push(resolve);
        holdOpen();
        checkWarm();
      });
    },
    /** Some thread runs or is starting: a grading now would be queued rather than refused. */
    get available(): boolean {
      return !closing && pool.some((thread) => !thread.exited);
    },
    async close(): Promise<void> {
      closing = true;
      failQueued(new GradingUnavailableError('the offline grading threads are closed'));
      checkWarm();
      await Promise.all(pool.map((thread) => thread.worker.terminate()));
    },
  };
}
