import { describe, expect, it } from 'vitest';
import type { GradeInput } from '../../../src/grading/grader.js';
import { createMisconceptionWatch, MAX_WATCHED, quoteStates } from '../../../src/grading/llm/watched-misconceptions.js';

const input = (answer: string, rubric: GradeInput['rubric'] = 'technical'): GradeInput => ({
  rubric,
  question: { id: null, text: 'What are vanishing and exploding gradients?', kind: 'technical', topic: null },
  answer,
  reference: { answers: ['With a vanishing gradient the gradients shrink as they are multiplied back through many layers.'], notes: [], fromRelated: false },
});

describe('misconceptions watched for by the LLM grader (shipped bank)', () => {
  const watchFor = createMisconceptionWatch();

  it("lists the topic's claims that share words with the answer, most shared first, and no others", () => {
    const answer = 'The gradient gets smaller on its way back, and this mostly affects the last layers, the ones closest to the output.';
    const ids = watchFor(input(answer), []).map((claim) => claim.id);
    expect(ids[0]).toBe('nn-vanishing-hits-output-layers');
    expect(ids.length).toBeLessThanOrEqual(MAX_WATCHED);
    // The answer says nothing of clipping or learning rates.
    expect(ids).not.toContain('nn-clipping-fixes-vanishing');
    expect(ids).not.toContain('nn-vanishing-from-small-learning-rate');
  });

  it('leaves out a claim the offline grader already found', () => {
    const answer = 'It mostly affects the last layers, the ones closest to the output.';
    const [first] = watchFor(input(answer), []);
    expect(first?.id).toBe('nn-vanishing-hits-output-layers');
    const found = [{ quote: answer, claim: first?.claim ?? '', correction: first?.correction ?? '' }];
    expect(watchFor(input(answer), found).map((claim) => claim.id)).not.toContain('nn-vanishing-hits-output-layers');
  });

  it('leaves out the same error in other words, found or already picked', () => {
    const learningRate: GradeInput = {
      rubric: 'technical',
      question: { id: null, text: 'How does the learning rate affect gradient descent?', kind: 'technical', topic: null },
      answer: 'A higher learning rate always makes gradient descent converge faster, and a tiny one is slow.',
      reference: { answers: ['The learning rate scales each gradient descent step: too large overshoots, too small converges slowly.'], notes: [], fromRelated: false },
    };
    const sameError = (claim: { claim: string }) => /higher learning rate/i.test(claim.claim);
    const before = watchFor(learningRate, []);
    expect(before.map((claim) => claim.claim)).toContain('A higher learning rate always makes training converge faster.');
    // The bank words this error in three areas; one found leaves none of them to look for again, while a different
    // error about the same words (what a tiny rate does) may still be watched for.
    const found = [{ quote: learningRate.answer, claim: 'A higher learning rate always makes gradient descent converge faster.', correction: 'It can overshoot.' }];
    const after = watchFor(learningRate, found);
    expect(after.filter(sameError)).toEqual([]);
    expect(after.length).toBeLessThan(before.length);
  });

  it('takes a quote as stating a claim only when it is a stretch of one sentence, a few words long, saying something of the claim', () => {
    const claim = { claim: 'With vanishing gradients, it is the layers closest to the output that stop learning.' };
    const question = 'What are vanishing and exploding gradients?';
    expect(quoteStates('this mostly affects the last layers', claim, question)).toBe(true);
    expect(quoteStates('layers', claim, question)).toBe(false);
    expect(quoteStates('the gradients vanish', claim, question)).toBe(false);
    expect(quoteStates('the last layers … stop', claim, question)).toBe(false);
    expect(quoteStates('The gradient shrinks. The last layers stop learning', claim, question)).toBe(false);
  });

  it('watches for nothing in a behavioural answer or an answer that shares no word with a claim', () => {
    expect(watchFor(input('The last layers closest to the output stop learning.', 'star'), [])).toEqual([]);
    expect(watchFor(input('I am not sure.'), [])).toEqual([]);
  });
});
