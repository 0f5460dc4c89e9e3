import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { directionalClaims } from '../../../src/grading/offline/directions.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * A paired directional claim ("raising the threshold increases precision and lowers recall") said the other way
 * shares every word with the reference and scored 4.7. It is read as (what is changed, what moves, whether they move
 * together), so a claim made through the opposite change ("lowering the threshold increases recall") is the same
 * claim. Question, reference and answers written for these tests.
 */

const grader = createOfflineGrader();

const threshold = {
  question: 'How does the decision threshold affect precision and recall?',
  reference:
    'A classifier outputs a score and the decision threshold turns it into a label. Raising the threshold makes the model predict positive less often, so precision increases and recall decreases. ' +
    'Lowering the threshold catches more positives, so recall increases while precision falls. Choose the threshold from the precision-recall curve according to the cost of each error.',
};
const answer = (claim: string): string =>
  `A classifier turns its score into a label with a decision threshold. ${claim} You pick the threshold from the precision-recall curve based on the cost of each error.`;
const correctness = (result: GradeResult): string => result.dimensions.find((entry) => entry.key === 'correctness')?.rationale ?? '';

describe('paired directional claims', () => {
  it('reads what is changed and which way each quantity moves, through either change', () => {
    const [raising] = analyzeText('Raising the threshold increases precision and lowers recall.');
    const [lowering] = analyzeText('Lowering the threshold catches more positives, so recall increases while precision falls.');
    if (raising === undefined || lowering === undefined) throw new Error('no sentence');
    const raised = directionalClaims(raising);
    const lowered = directionalClaims(lowering);
    const recall = [...raised.keys()].find((key) => key.endsWith('|recal'));
    expect(recall).toBeDefined();
    expect(raised.get(recall ?? '')).toBe(-1);
    expect(lowered.get(recall ?? '')).toBe(-1);
  });

  it.each([
    ['a gerund', 'Raising the threshold increases recall and lowers precision.'],
    ['a comparative', 'A higher threshold gives higher recall and lower precision.'],
  ])('reads a threshold swap stated with %s as saying the opposite of the reference', async (_label, claim) => {
    const result = await grader.grade(input(threshold.question, threshold.reference, answer(claim)));
    expect(correctness(result)).toContain(claim.slice(0, 40));
    expect(result.improvements.join(' ')).toContain(`Check "${claim.slice(0, 30)}`);
  });

  it.each([
    ['the same change', 'Raising the threshold increases precision and lowers recall.'],
    ['the opposite change', 'Lowering the threshold increases recall and lowers precision, because more examples are called positive.'],
    ['a comparative', 'A higher threshold gives higher precision and lower recall.'],
  ])('leaves alone the claim made the right way through %s', async (_label, claim) => {
    const result = await grader.grade(input(threshold.question, threshold.reference, answer(claim)));
    expect(correctness(result)).not.toMatch(/negate|says is not so/);
    expect(result.improvements.join(' ')).not.toContain('against the model answer');
  });
});
