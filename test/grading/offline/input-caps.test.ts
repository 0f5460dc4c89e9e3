import { describe, expect, it } from 'vitest';
import { analyzeText, MAX_STEMMED_CHARS } from '../../../src/grading/offline/nlp.js';
import { MAX_RUN_CHARS } from '../../../src/grading/offline/run-cap.js';
import { gradeOffline } from '../../../src/grading/offline/offline-grader.js';

/*
 * Grading time must not depend on how long one "word" is: wink's tokenizer and Porter stemmer cost the
 * square of a token's length. How fast grading is gets measured by `npm run bench`; these tests pin the
 * caps that make it so.
 */
describe('offline grading input caps', () => {
  it('never gives the tokenizer a run of characters longer than the cap, yet quotes sentences verbatim', () => {
    const run = 'x'.repeat(5_000);
    const text = `I profiled the job ${run} and cut its run time by half.`;
    const [sentence] = analyzeText(text);
    expect(sentence?.text).toBe(text);
    expect(Math.max(...(sentence?.tokens ?? []).map((token) => token.text.length))).toBeLessThanOrEqual(MAX_RUN_CHARS);
    expect(sentence?.tokens.map((token) => token.text)).toContain('profiled');
  });

  it('cuts an over-long run at a character boundary, never inside a surrogate pair', () => {
    const [sentence] = analyzeText(`Great ${'😀'.repeat(500)} result.`);
    for (const token of sentence?.tokens ?? []) expect(token.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('matches an over-long word by its own form instead of stemming it', () => {
    const word = 'regularization'.repeat(4);
    expect(word.length).toBeGreaterThan(MAX_STEMMED_CHARS);
    const [sentence] = analyzeText(`We applied ${word} to the model.`);
    expect(sentence?.tokens.find((token) => token.text === word)?.term).toBe(word);
    const [short] = analyzeText('We applied regularization to the model.');
    expect(short?.tokens.find((token) => token.text === 'regularization')?.term).not.toBe('regularization');
  });

  it('grades answers made of one huge word, with the same result every time', () => {
    const input = {
      rubric: 'technical' as const,
      question: { id: null, text: 'Explain the bias-variance trade-off.', kind: 'technical' as const, topic: null },
      answer: 'a'.repeat(12_000),
      reference: { answers: ['Bias is error from wrong assumptions; variance is error from sensitivity to the training data.'], notes: [], fromRelated: false },
    };
    const result = gradeOffline(input);
    expect(result.overall).toBeGreaterThanOrEqual(1);
    expect(gradeOffline(input)).toEqual(result);
  });
});
