import v8 from 'node:v8';
import vm from 'node:vm';
import type { Clock, TimerHandle } from '../../clock.js';

/**
 * A full garbage collection of the calling thread's heap, for a grading thread whose warm-up has just ended.
 *
 * Why: the warm-up (every corpus question's profile, then one grading per question) leaves 40–50 MB of
 * garbage in old space, and V8's memory reducer never runs in a thread that then sits idle waiting for
 * messages, so that garbage stayed resident for the life of the server (data/grader/history/round-19-memory.md).
 *
 * How: Node 20 offers no collection on request without `--expose-gc`, a V8 flag that a worker cannot be given.
 * The flag only decides whether a context created while it is set gets a `gc` function: it is set, one
 * throwaway context is made here (its `gc` collects the heap of the isolate that made it, this thread's), and
 * the flag is put back at once, so no other context of the process gets the function. A process started
 * with `--expose-gc` already has it on this thread's global, and its flag is left alone.
 */
let collect: (() => void) | undefined;

export function fullCollection(): void {
  collect ??= exposedGc();
  // The first collection finds the garbage; the second moves what survived onto as few pages as it fills.
  collect();
  compacting(collect);
}

/** Set by the process's own command line: then every full collection compacts, and the flag is not put back. */
const COMPACTS_ALWAYS = process.execArgv.some((arg) => /^--compact[-_]on[-_]every[-_]full[-_]gc$/.test(arg));

/*
 * A plain collection evacuates only the pages it finds emptiest, and after the warm-up old space kept 78 MB of pages
 * for 56 MB of live objects (two more collections took it to 68 MB); one under `--compact-on-every-full-gc` took it to
 * 57 MB. The flag is the process's and is read when a collection starts: a collection of another thread in that window
 * compacts too, which costs it time and changes nothing else; two grading threads collecting at once may leave one of
 * them a plain collection.
 */
function compacting(run: () => void): void {
  if (COMPACTS_ALWAYS) {
    run();
    return;
  }
  v8.setFlagsFromString('--compact-on-every-full-gc');
  try {
    run();
  } finally {
    v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

function exposedGc(): () => void {
  const own: unknown = Reflect.get(globalThis, 'gc');
  if (typeof own === 'function') return () => void Reflect.apply(own, undefined, []);
  // The flag is the process's: a context another thread made in this same instant would get `gc` too, which is
  // harmless (it can only collect). A V8 that no longer gives the context `gc` leaves the heap as it is: a thread
  // that threw here after its warm-up would be replaced and warm up again, for ever.
  v8.setFlagsFromString('--expose-gc');
  try {
    const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof gc === 'function' ? () => void Reflect.apply(gc, undefined, []) : () => undefined;
  } catch {
    return () => undefined;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}

/**
 * How long a grading thread waits after its last grading before it collects what its gradings left. Gradings grow a
 * warmed thread's heap again by 20–27 MB a corpus sweep (data/grader/history/round-20-memory.md), which an idle thread
 * would hold for good, as after the warm-up. A grading that arrives during the collection waits for it (0.1–1.1 s, by load):
 * half a minute without one makes that rare in an interview, where an answer takes minutes.
 */
export const IDLE_COLLECTION_MS = 30_000;

export interface IdleCollection {
  /** A grading has just finished: the collection waits for `idleMs` more without one. */
  graded(): void;
}

/** `collect` once the thread has graded and then had no grading for `idleMs`; once per such pause. */
export function collectWhenIdle(clock: Clock, collect: () => void = fullCollection, idleMs = IDLE_COLLECTION_MS): IdleCollection {
  let timer: TimerHandle | null = null;
  return {
    graded() {
      if (timer) clock.clearTimeout(timer);
      timer = clock.setTimeout(() => {
        timer = null;
        collect();
      }, idleMs);
    },
  };
}
