/**
 * The offline grader's memory, in a process of its own (`npm run bench` spawns it): its RSS before a grading
 * thread exists and once the thread has warmed up on the corpus as the server's thread does (every question's
 * profile, then one ~300-word grading each). Issue 10's budget is the grader's share of the server: at most
 * +100 MB over the same process without it. Prints one JSON line.
 *
 * Run with --expose-gc: this thread's own garbage (the corpus read, the list sent to the thread) is collected
 * before each reading, so that only the grading thread's memory differs between them. The thread collects its own
 * when its warm-up ends; with the flag it finds `gc` on its global rather than through the throwaway context the
 * server's thread makes (full-collection.ts), the same collection either way.
 *
 * GRADER_WORKER names the thread's module: the built dist/offline-worker.mjs, which `npm start` runs (from
 * the sources, tsx would be loaded into the thread too and counted).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.js';
import { corpusWarmUp } from '../src/grading/create-grader.js';
import { createThreadedOfflineGrader } from '../src/grading/offline/threaded-grader.js';
import { storedCorpus } from './answers.js';

const gc: unknown = Reflect.get(globalThis, 'gc');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** After a collection, V8 gives the emptied pages back from background threads, shortly after. */
async function settledRssMB(): Promise<number> {
  if (typeof gc === 'function') {
    Reflect.apply(gc, undefined, []);
    Reflect.apply(gc, undefined, []);
  }
  await sleep(2_000);
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
}

const warmUp = corpusWarmUp(storedCorpus());
const worker = process.env['GRADER_WORKER'];
const before = await settledRssMB();
const grader = createThreadedOfflineGrader(1, {
  timeoutMs: loadConfig({}).GRADER_TIMEOUT_MS,
  warmUp,
  ...(worker ? { workerUrl: pathToFileURL(worker) } : {}),
});
const started = performance.now();
await grader.whenWarm();
const warmMs = performance.now() - started;
const warm = await settledRssMB();
await grader.close();
process.stdout.write(`${JSON.stringify({ beforeMB: before, warmMB: warm, warmMs, bundled: Boolean(worker) })}\n`);
