import { z } from 'zod';
import { prepareRoles } from './features.js';
import { referenceProfile } from './reference-profile.js';

/** A question as the grading service will send it: its text and the reference it is graded against. */
export const WarmUpItemSchema = z.object({
  question: z.string(),
  reference: z.object({ answers: z.array(z.string()), notes: z.array(z.string()), fromRelated: z.boolean() }),
});
export type WarmUpItem = z.infer<typeof WarmUpItemSchema>;

/** Runs `task` once the thread has nothing else to do; returns what cancels it. */
export type IdleScheduler = (task: () => void) => () => void;

/*
 * `setImmediate` runs after the poll phase, where a grading thread's messages arrive: a grading posted
 * while a slice runs is handled before the next slice starts.
 */
export const afterPendingMessages: IdleScheduler = (task) => {
  const handle = setImmediate(task);
  return () => clearImmediate(handle);
};

export interface ProfileWarmUp {
  /** Profiles built (or found already built) so far. */
  readonly done: number;
  readonly finished: boolean;
  /** Stops before the next slice; a slice already running completes. */
  stop(): void;
}

export interface ProfileWarmUpOptions {
  schedule: IdleScheduler;
  /** Builds one question's profile; default: the reference-profile cache the grader reads, with its role-swap reading. */
  build?: (item: WarmUpItem) => void;
  /** Called once, after the last profile. */
  onFinished?: (built: number) => void;
}

/**
 * Builds the reference profiles of `items` one per idle slice, so the first grading of a corpus question
 * finds its profile ready (a long notebook answer's takes tens of milliseconds to build) while a grading
 * that arrives meanwhile waits for at most one profile. A question graded before its turn builds its own
 * profile as always, and its turn then finds it in the cache.
 */
export function warmReferenceProfiles(items: readonly WarmUpItem[], options: ProfileWarmUpOptions): ProfileWarmUp {
  const build = options.build ?? ((item: WarmUpItem) => prepareRoles(referenceProfile(item.question, item.reference)));
  let next = 0;
  let stopped = false;
  let cancel: (() => void) | null = null;

  const slice = (): void => {
    cancel = null;
    if (stopped) return;
    const item = items[next];
    if (item) {
      try {
        build(item);
      } catch {
        // Left to the grading of that question, which builds it again and reports why it fails.
      }
      next += 1;
    }
    if (next < items.length) cancel = options.schedule(slice);
    else options.onFinished?.(next);
  };
  if (items.length === 0) options.onFinished?.(0);
  else cancel = options.schedule(slice);

  return {
    get done() {
      return next;
    },
    get finished() {
      return next >= items.length;
    },
    stop() {
      stopped = true;
      cancel?.();
      cancel = null;
    },
  };
}

