import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { GradeResultSchema, type GradeResult } from '../feedback-schema.js';
import type { GradeInput, Grader } from '../grader.js';
import { OFFLINE_GRADER_IDENTITY } from './version.js';

const ReplySchema = z.union([
  z.object({ id: z.number(), result: GradeResultSchema }),
  z.object({ id: z.number(), error: z.string() }),
]);

const RESPAWN_DELAY_MS = 1_000;

interface Pending {
  resolve: (result: GradeResult) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  alive: boolean;
}

/*
 * From the bundle (`npm start`) the worker is dist/offline-worker.mjs, built beside dist/server.mjs. From
 * the sources (tests, `npm run dev`) it is TypeScript: a tiny bootstrap registers tsx in the thread first.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./offline-worker.mjs', import.meta.url));
  const source = JSON.stringify(new URL('./offline-worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${source}); });`, {
    eval: true,
  });
}

/**
 * The offline grader on worker threads, so grading (a few milliseconds of CPU per answer) never delays
 * the event loop that accepts answers and sends frames. Each call goes to the thread with the fewest
 * answers in flight; a thread that dies fails its in-flight calls and is replaced.
 */
export function createThreadedOfflineGrader(threads: number): Grader & { close(): Promise<void> } {
  if (threads < 1) throw new Error('a threaded grader needs at least one thread');
  let nextId = 1;
  let closing = false;
  const pool: Thread[] = [];

  function spawn(index: number): Thread {
    const thread: Thread = { worker: startWorker(), pending: new Map(), alive: true };
    const failAll = (error: Error) => {
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
    };
    thread.worker.on('message', (message: unknown) => {
      const reply = ReplySchema.safeParse(message);
      if (!reply.success) return;
      const pending = thread.pending.get(reply.data.id);
      if (!pending) return;
      thread.pending.delete(reply.data.id);
      if ('result' in reply.data) pending.resolve(reply.data.result);
      else pending.reject(new Error(`offline grading failed: ${reply.data.error}`));
    });
    thread.worker.on('error', (error) => failAll(error));
    const startedAt = Date.now();
    thread.worker.on('exit', () => {
      thread.alive = false;
      failAll(new Error('offline grading thread exited'));
      if (closing) return;
      // A thread that dies at once (say, a missing bundle) is restarted once a second, not in a tight loop.
      const replace = () => {
        if (!closing) pool[index] = spawn(index);
      };
      if (Date.now() - startedAt >= RESPAWN_DELAY_MS) replace();
      else setTimeout(replace, RESPAWN_DELAY_MS).unref();
    });
    // An idle pool must not keep the process alive.
    thread.worker.unref();
    return thread;
  }

  for (let index = 0; index < threads; index += 1) pool.push(spawn(index));

  return {
    kind: 'offline',
    identity: () => OFFLINE_GRADER_IDENTITY,
    grade(input: GradeInput): Promise<GradeResult> {
      const thread = pool
        .filter((candidate) => candidate.alive)
        .reduce<Thread | undefined>((best, candidate) => (best && best.pending.size <= candidate.pending.size ? best : candidate), undefined);
      if (!thread) return Promise.reject(new Error('no offline grading thread is running'));
      const id = nextId++;
      return new Promise<GradeResult>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.postMessage({ id, input });
      });
    },
    async close(): Promise<void> {
      closing = true;
      await Promise.all(pool.map((thread) => thread.worker.terminate()));
    },
  };
}
