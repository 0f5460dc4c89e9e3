import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { readMisconceptionBank } from '../../../src/grading/offline/misconception-bank.js';
import { OFFLINE_GRADER_IDENTITY } from '../../../src/grading/offline/version.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * What the grade and the card say when an answer asserts a misconception of the shipped bank (here: that the forward
 * pass updates the weights). The reference is the guide's answer to "What is forward propagation?"; the answers are
 * written for these tests.
 */

const grader = createOfflineGrader();

const QUESTION = 'What is forward propagation?';
const REFERENCE =
  'Forward propagation is the process of computing predictions by passing data through the network layer by layer. Input data enters the network, ' +
  'each layer computes weighted sums and applies activation functions, producing outputs that become inputs for the next layer. This continues until ' +
  'reaching the output layer which produces final predictions. Forward propagation is straightforward computation flowing in one direction. ' +
  'Understanding it is essential since it defines what the network computes. Training involves repeatedly performing forward propagation to get ' +
  'predictions, computing loss, then backpropagation to update weights.';

const OPENING =
  'Forward propagation passes the input through the network layer by layer: each layer computes a weighted sum of its inputs plus a bias and applies ' +
  'an activation function, and its output becomes the next layer\'s input, until the output layer produces the prediction.';
const WRONG = 'During forward propagation the weights are updated based on the error, which is how the network learns.';
const RIGHT = 'The loss is computed from that prediction, and backpropagation then gives the gradients the optimiser uses to update the weights.';

const correctionOf = (result: GradeResult) => result.improvements.find((text) => text.includes('Correct "'));
const score = (result: GradeResult, key: string) => result.dimensions.find((dimension) => dimension.key === key)?.score;

describe('an answer that asserts a known misconception', () => {
  it('is held at 2 for correctness and 2.5 overall, told the correction, and neither praised nor credited for the sentence', async () => {
    const wrong = await grader.grade(input(QUESTION, REFERENCE, `${OPENING} ${WRONG}`));
    const right = await grader.grade(input(QUESTION, REFERENCE, `${OPENING} ${RIGHT}`));
    expect(score(wrong, 'correctness')).toBeLessThanOrEqual(2);
    expect(wrong.overall).toBeLessThanOrEqual(2.5);
    expect(right.overall).toBeGreaterThan(wrong.overall);
    expect(correctionOf(wrong)).toMatch(/^(?:Next step: )?Correct "During forward propagation the weights are updated.*": The forward pass only computes/);
    expect(correctionOf(right)).toBeUndefined();
    expect(wrong.corrections).toEqual([
      { quote: WRONG, claim: 'Forward propagation is the step that updates the weights.', correction: expect.stringMatching(/^The forward pass only computes/) as unknown },
    ]);
    expect(right.corrections).toBeUndefined();
    expect(wrong.dimensions.find((dimension) => dimension.key === 'correctness')?.rationale).toContain('states a known misconception');
    expect(wrong.strengths.join(' ')).not.toContain('weights are updated');
  });

  it('contradicts only the points the misconception is about, not the others its sentence makes', async () => {
    const result = await grader.grade(
      input(
        QUESTION,
        REFERENCE,
        'Forward propagation passes input data through the network layer by layer, each layer computes weighted sums and applies activation functions to ' +
          'produce the outputs for the next layer until the output layer gives the final predictions, and in forward propagation the weights are updated based on the error.',
      ),
    );
    const status = (start: string) => result.coverage?.find((entry) => entry.point.startsWith(start))?.status;
    expect(status('Training involves repeatedly performing forward propagation')).toBe('contradicted');
    expect(status('Input data enters the network')).toBe('covered');
    expect(status('This continues until reaching the output layer')).toBe('covered');
  });

  it('is corrected without a reference too: the question names the topic', async () => {
    const result = await grader.grade(
      input('In a transformer language model, what happens during the forward pass of one training step?', '', `${OPENING} ${WRONG}`),
    );
    expect(correctionOf(result)).toContain('The forward pass only computes');
    expect(result.overall).toBeLessThanOrEqual(2.5);
    expect(result.corrections?.map((entry) => entry.quote)).toEqual([WRONG]);
  });

  it('is not read into an answer that names the misconception to reject it', async () => {
    const result = await grader.grade(
      input(QUESTION, REFERENCE, `${OPENING} A common mistake is to think the weights are updated during forward propagation; they are updated after backpropagation.`),
    );
    expect(correctionOf(result)).toBeUndefined();
  });
});

describe('the grader\'s identity', () => {
  it('names the bank\'s version, so an edited entry never reuses a cached grade', () => {
    expect(OFFLINE_GRADER_IDENTITY).toContain(readMisconceptionBank().version);
    expect(grader.identity('technical')).toBe(OFFLINE_GRADER_IDENTITY);
  });
});

describe('a sentence that swaps a comparison and states a misconception', () => {
  it('still lists the misconception among the known errors when the swap is named first', async () => {
    const question = 'Compare bagging, boosting and stacking: how does each reduce error, and when would you use each?';
    const reference =
      'Bagging trains high-variance models independently on bootstrap samples and averages them: it mainly reduces variance. ' +
      'Boosting trains weak learners one after another, each correcting the errors so far: it mainly reduces bias. ' +
      'Stacking trains a meta-model on out-of-fold predictions of diverse base models.';
    const result = await grader.grade(
      input(question, reference, 'Bagging reduces bias and boosting reduces variance, which is why stacking combines them.'),
    );
    expect(result.corrections?.map((entry) => entry.claim).join(' ')).toMatch(/bagging/i);
    expect(result.improvements.join(' ')).toMatch(/swaps "bagging" and "boosting"|It says of each/i);
    expect(result.overall).toBeLessThanOrEqual(2.5);
  });
});
