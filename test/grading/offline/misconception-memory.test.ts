import { describe, expect, it } from 'vitest';
import { fullCollection } from '../../../src/grading/offline/full-collection.js';
import { asserted, compileMisconception, shippedMisconceptions } from '../../../src/grading/offline/misconceptions.js';

/*
 * What a grading thread holds of the bank's compiled patterns (misconceptions.ts, `Wordings`): a few thousand slots
 * spelling out some 180,000 wordings, compiled for every corpus question by the thread's warm-up and kept.
 */

/** The heap in use and the typed arrays' contents, which live outside it, after a full collection (MB). */
function liveMB(): number {
  fullCollection();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1024 / 1024;
}

describe("the bank's compiled wordings", () => {
  it('take under 6 MB once every entry is compiled', () => {
    const entries = shippedMisconceptions();
    const before = liveMB();
    const compiled = entries.map((entry) => entry.patterns());
    const after = liveMB();
    expect(compiled.length).toBe(entries.length);
    // 11.2 MB as an array per wording's words and a map per slot; 3 MB as word ids in one typed array per entry.
    expect(after - before).toBeLessThan(6);
  });

  it('still match when their words outnumber what two bytes can number', () => {
    const wordings = Array.from({ length: 70_000 }, (_, index) => `w${index} v${index}`).join('|');
    const entry = compileMisconception({
      id: 'test-many-wordings',
      topic: ['auc'],
      claim: 'An AUC of 0.5 means a perfect classifier.',
      correction: 'An AUC of 0.5 is chance level.',
      says: [['auc', wordings, 'perfect']],
      wrong: [],
      right: [],
    });
    expect(asserted('An AUC of w69999 v69999 is perfect.', entry)).toBe(true);
    expect(asserted('An AUC of w69999 v3 is perfect.', entry)).toBe(false);
  });
});
