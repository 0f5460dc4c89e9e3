import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { fullCollection } from '../../../src/grading/offline/full-collection.js';

const usedMB = (): number => {
  fullCollection();
  return v8.getHeapStatistics().used_heap_size / 1024 / 1024;
};

describe("wink's model in a thread's heap", () => {
  // The package's own loader kept its core model's JSON module (5 MB) beside the copy wink reads, and wink built a
  // sentiment automaton (1.5 MB) that no pipe stage here runs: 18.7 MB with them, 14.6 MB without (the instance, its
  // cue automaton and the modules' code).
  it('holds the model once, without the core JSON module or a sentiment automaton', async () => {
    const before = usedMB();
    const { nlp } = await import('../../../src/grading/offline/wink.js');
    const added = usedMB() - before;
    expect(nlp.readDoc('The model was loaded once.').tokens().length()).toBe(6);
    expect(added).toBeLessThan(16.5);
  });
});
