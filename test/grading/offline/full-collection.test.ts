import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { collectWhenIdle, fullCollection } from '../../../src/grading/offline/full-collection.js';
import { FakeClock } from '../../helpers/fake-clock.js';

const oldSpace = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');

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

  // A third of every page survives, as after the warm-up: a plain collection leaves such pages where they are.
  it('compacts old space that the survivors of a collection left two-thirds empty', () => {
    const rows: { index: number; text: string }[][] = [];
    for (let row = 0; row < 300; row += 1) rows.push(Array.from({ length: 2_000 }, (_, index) => ({ index, text: `row ${row}:${index}` })));
    fullCollection();
    for (let row = 0; row < rows.length; row += 1) rows[row] = (rows[row] ?? []).filter((_, index) => index % 3 === 0);
    fullCollection();
    const space = oldSpace();
    expect(space).toBeDefined();
    expect((space?.space_size ?? 0) - (space?.space_used_size ?? 0)).toBeLessThan(8 * 1024 * 1024);
    expect(rows.length).toBe(300);
  });

  it('collects once a thread has been idle for the delay after its last grading, not before, and once', () => {
    const clock = new FakeClock();
    let collections = 0;
    const idle = collectWhenIdle(clock, () => void (collections += 1), 30_000);
    clock.advance(60_000);
    expect(collections).toBe(0);
    idle.graded();
    clock.advance(20_000);
    idle.graded();
    clock.advance(20_000);
    expect(collections).toBe(0);
    clock.advance(10_000);
    expect(collections).toBe(1);
    clock.advance(120_000);
    expect(collections).toBe(1);
  });
});
