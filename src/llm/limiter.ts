/**
 * A counting semaphore for upstream model calls. A slow or rate-limited model must not collect an
 * unbounded number of open requests: callers beyond the cap wait in FIFO order, and a waiting caller
 * whose signal aborts leaves the queue without ever taking a slot.
 */
export function createLimiter(maxActive: number) {
  if (!Number.isInteger(maxActive) || maxActive < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${maxActive}`);
  }
  let active = 0;
  const waiting: Array<() => void> = [];

  function acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (active < maxActive) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = waiting.indexOf(grant);
        if (index !== -1) waiting.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(grant);
    });
  }

  function release(): void {
    const next = waiting.shift();
    // The slot passes straight to the next waiter, so `active` never dips below the cap while a queue exists.
    if (next) next();
    else active -= 1;
  }

  return {
    async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      await acquire(signal);
      try {
        return await task();
      } finally {
        release();
      }
    },
    get active(): number {
      return active;
    },
    get waiting(): number {
      return waiting.length;
    },
  };
}

export type Limiter = ReturnType<typeof createLimiter>;
