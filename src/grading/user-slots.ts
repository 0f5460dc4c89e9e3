import { AppError } from '../errors.js';
import { createLimiter, type Limiter } from '../llm/limiter.js';

/**
 * Gradings in progress per user: at most `perUser` run at once for one user, the rest wait in that user's
 * own line. One user sending many slow answers therefore holds at most `perUser` grading threads (or model
 * slots), and everyone else's gradings get the others.
 */
export function createUserSlots(perUser: number) {
  const limiters = new Map<string, Limiter>();

  return {
    /**
     * Runs `task` when one of the user's slots is free. With `maxWaiting`, a user who already has that many
     * gradings waiting is refused (429) rather than queued; without it, the task always waits its turn.
     */
    async run<T>(userId: string, task: () => Promise<T>, options: { signal?: AbortSignal | undefined; maxWaiting?: number } = {}): Promise<T> {
      let limiter = limiters.get(userId);
      if (!limiter) {
        limiter = createLimiter(perUser);
        limiters.set(userId, limiter);
      }
      if (options.maxWaiting !== undefined && limiter.waiting >= options.maxWaiting) {
        throw new AppError(429, 'too_many_gradings', `you have ${limiter.active + limiter.waiting} answers being graded; wait for one to finish`);
      }
      try {
        return await limiter.run(task, options.signal);
      } finally {
        if (limiter.active === 0 && limiter.waiting === 0 && limiters.get(userId) === limiter) limiters.delete(userId);
      }
    },
    /** Users with gradings running or waiting (for tests and metrics). */
    get users(): number {
      return limiters.size;
    },
  };
}
export type UserSlots = ReturnType<typeof createUserSlots>;
