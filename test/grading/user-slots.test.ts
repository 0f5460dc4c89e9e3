import { describe, expect, it } from 'vitest';
import { createUserSlots } from '../../src/grading/user-slots.js';

/** A task that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let started = false;
  return {
    task: async () => {
      started = true;
      await opened;
      return 'done';
    },
    open,
    get started() {
      return started;
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('per-user grading slots', () => {
  it("runs at most N of one user's gradings at once while another user's start at once", async () => {
    const slots = createUserSlots(2);
    const flood = Array.from({ length: 5 }, () => gate());
    const running = flood.map((entry) => slots.run('flooder', entry.task));
    await tick();
    expect(flood.map((entry) => entry.started)).toEqual([true, true, false, false, false]);
    const other = gate();
    const otherRun = slots.run('other', other.task);
    await tick();
    expect(other.started).toBe(true);
    other.open();
    expect(await otherRun).toBe('done');
    flood[0]?.open();
    await tick();
    expect(flood.map((entry) => entry.started)).toEqual([true, true, true, false, false]);
    for (const entry of flood) entry.open();
    await Promise.all(running);
    expect(slots.users).toBe(0);
  });

  it('refuses a request with 429 when the user already has the maximum waiting, and drops an aborted waiter', async () => {
    const slots = createUserSlots(1);
    const first = gate();
    const running = slots.run('u', first.task, { maxWaiting: 1 });
    const controller = new AbortController();
    const waiting = slots.run('u', gate().task, { maxWaiting: 1, signal: controller.signal });
    await expect(slots.run('u', gate().task, { maxWaiting: 1 })).rejects.toMatchObject({ statusCode: 429, code: 'too_many_gradings' });
    controller.abort(new Error('client left'));
    await expect(waiting).rejects.toThrow('client left');
    const next = gate();
    const accepted = slots.run('u', next.task, { maxWaiting: 1 });
    first.open();
    await running;
    await tick();
    expect(next.started).toBe(true);
    next.open();
    expect(await accepted).toBe('done');
  });
});
