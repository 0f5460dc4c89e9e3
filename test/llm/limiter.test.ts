import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../src/llm/limiter.js';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('concurrency limiter', () => {
  it('runs at most the cap at once and starts waiters in arrival order', async () => {
    const limiter = createLimiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      limiter.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );

    await tick();
    expect(started).toEqual([0, 1]);
    expect({ active: limiter.active, waiting: limiter.waiting }).toEqual({ active: 2, waiting: 2 });

    gates[1]?.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.active).toBe(2);

    for (const gate of gates) gate.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect({ active: limiter.active, waiting: limiter.waiting }).toEqual({ active: 0, waiting: 0 });
  });

  it('releases the slot when the task throws', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(() => Promise.resolve('next'))).resolves.toBe('next');
    expect(limiter.active).toBe(0);
  });

  it('drops a waiter whose signal aborts, without it ever taking a slot', async () => {
    const limiter = createLimiter(1);
    const gate = deferred();
    const holder = limiter.run(() => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const waiter = limiter.run(async () => {
      ran = true;
    }, controller.signal);
    await tick();
    expect(limiter.waiting).toBe(1);

    controller.abort();
    await expect(waiter).rejects.toMatchObject({ name: 'AbortError' });
    expect(limiter.waiting).toBe(0);

    gate.resolve();
    await holder;
    expect(ran).toBe(false);
    expect(limiter.active).toBe(0);
  });

  it('rejects a call whose signal is already aborted', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.resolve(1), AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(limiter.active).toBe(0);
  });

  it('refuses a cap below one', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
