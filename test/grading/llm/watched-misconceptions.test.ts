import { describe, expect, it } from 'vitest';
import type { GradeInput } from '../../../src/grading/grader.js';
import { createMisconceptionWatch, MAX_WATCHED } from '../../../src/grading/llm/watched-misconceptions.js';

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

  it('watches for nothing in a behavioural answer or an answer that shares no word with a claim', () => {
    expect(watchFor(input('The last layers closest to the output stop learning.', 'star'), [])).toEqual([]);
    expect(watchFor(input('I am not sure.'), [])).toEqual([]);
  });
});
