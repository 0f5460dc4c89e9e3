import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { fullCollection } from '../../../src/grading/offline/full-collection.js';

/** A WeakRef's target is held until the end of the job that made it: the collection must come in a later one. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('fullCollection', () => {
  it('collects garbage on request in a process started without --expose-gc', async () => {
    const garbage = new WeakRef({ rows: Array.from({ length: 1_000 }, (_, index) => ({ index })) });
    await nextTurn();
    fullCollection();
    expect(garbage.deref()).toBeUndefined();
  });

  // A suite run with --expose-gc gives every context `gc` whatever this module does.
  it.skipIf(typeof Reflect.get(globalThis, 'gc') === 'function')('gives no other context a gc function', () => {
    fullCollection();
    expect(vm.runInNewContext('typeof gc')).toBe('undefined');
    expect(Reflect.get(globalThis, 'gc')).toBeUndefined();
  });
});
