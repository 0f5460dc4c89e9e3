import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input, dimensionOf as dimension } from './fixtures.js';

/*
 * The order rule read step by step. Counted over terms, a step moved past two others stayed under the
 * threshold: the pairs inside each step, and those of the steps said in place, outvoted it (a reviewer's
 * probe, 4.8 like the right order).
 */

const grader = createOfflineGrader();

const QUESTION = 'How does training a neural network with backpropagation work?';
const REFERENCE =
  'Training starts with the forward pass, which computes predictions, then the loss is computed from the predictions and the labels, ' +
  'then gradients are propagated backward through the layers, then the optimizer updates the weights. ' +
  'This repeats for many epochs until the validation loss stops improving.';
const LOGGED = `${REFERENCE} Finally, the weights and gradients are logged, and the loss is checked for divergence.`;
const LOADED = `Before training, the data is loaded, then shuffled, then split into mini-batches. ${REFERENCE}`;

const RIGHT =
  'Training starts with the forward pass to get predictions, then the loss is computed against the labels, ' +
  'then gradients are propagated backward through the layers, then the optimizer updates the weights, repeated for many epochs.';
const UPDATE_SECOND =
  'Training starts with the forward pass to get predictions, then the optimizer updates the weights, ' +
  'then gradients are propagated backward through the layers, then the loss is computed against the labels, repeated for many epochs.';

const reordered = async (reference: string, answer: string): Promise<boolean> =>
  /different order/.test(dimension(await grader.grade(input(QUESTION, reference, answer)), 'correctness').rationale);

describe('steps stated in another order', () => {
  it('marks down an answer that moves one step past two others, though half the step pairs stay in order', async () => {
    const result = await grader.grade(input(QUESTION, REFERENCE, UPDATE_SECOND));
    expect(dimension(result, 'correctness').score).toBeLessThanOrEqual(2);
    expect(dimension(result, 'correctness').rationale).toMatch(/different order/);
    expect(result.overall).toBeLessThan(3);
  });

  it('does so when another sentence of the reference names the same steps together, in one step of its own', async () => {
    expect(await reordered(LOGGED, UPDATE_SECOND)).toBe(true);
  });

  it('leaves the steps in the reference order alone', async () => {
    expect(await reordered(REFERENCE, RIGHT)).toBe(false);
    expect(await reordered(LOGGED, RIGHT)).toBe(false);
    expect((await grader.grade(input(QUESTION, REFERENCE, RIGHT))).overall).toBeGreaterThanOrEqual(4);
  });

  it('leaves alone a correct answer whose first step names a later step\'s terms in passing', async () => {
    const answer =
      'Training starts with the forward pass, which runs the inputs through the weights that the optimizer will tune, ' +
      'then the loss is computed against the labels, then gradients are propagated backward through the layers, then the update is applied.';
    expect(await reordered(REFERENCE, answer)).toBe(false);
    expect((await grader.grade(input(QUESTION, REFERENCE, answer))).overall).toBeGreaterThanOrEqual(4);
  });

  it('leaves alone a correct answer whose last step names an earlier step\'s terms in passing ("then the validation loss is checked")', async () => {
    const answer =
      'Training starts with the forward pass, which computes predictions and the loss from the labels, then gradients are propagated backward ' +
      'through the layers, then the optimizer updates the weights, then the validation loss is checked after each epoch.';
    expect(await reordered(REFERENCE, answer)).toBe(false);
  });

  it('still marks down the update said with the forward pass, before the loss and the gradients', async () => {
    const answer =
      'Training starts with the forward pass, and the optimizer updates the weights, ' +
      'then the loss is computed against the labels, then gradients are propagated backward through the layers.';
    expect(await reordered(REFERENCE, answer)).toBe(true);
  });

  it('leaves alone a correct answer that names the steps in another order without stating a sequence', async () => {
    const answer =
      'The optimizer updates the weights with gradients that are propagated backward through the layers from the loss, ' +
      'which is computed from the labels and the predictions of the forward pass.';
    expect(await reordered(REFERENCE, answer)).toBe(false);
  });

  it('reads a sequence that goes on over sentences ("… Then …")', async () => {
    const answer =
      'Training starts with the forward pass to get predictions. Then the optimizer updates the weights. ' +
      'Then gradients are propagated backward through the layers. Finally the loss is computed against the labels.';
    expect(await reordered(REFERENCE, answer)).toBe(true);
    const right =
      'Training starts with the forward pass to get predictions. Then the loss is computed against the labels. ' +
      'Then gradients are propagated backward through the layers. Finally the optimizer updates the weights.';
    expect(await reordered(REFERENCE, right)).toBe(false);
  });

  it('names the steps the answer put out of place, and quotes the reference sentence it reversed', async () => {
    const result = await grader.grade(input(QUESTION, LOADED, UPDATE_SECOND));
    const [advice, ...more] = result.improvements.filter((text) => text.includes('order of the steps'));
    expect(more).toEqual([]);
    expect(advice).toMatch(/you put "the loss is computed against the labels, repeated for many epochs" after "the optimizer updates the weights" and "gradients are propagated backward through the layers"/);
    expect(advice).toContain('the model answer has them the other way round: "Training starts with the forward pass');
    // Not the reference's first sentence stating an order, which the answer does not touch.
    expect(advice).not.toContain('shuffled');
  });

  it('quotes a step without the label that opens its sentence ("In short: …")', async () => {
    const answer =
      'In short: the optimizer updates the weights, then gradients are propagated backward through the layers, ' +
      'then the loss is computed against the labels, then the forward pass computes predictions.';
    const [advice] = (await grader.grade(input(QUESTION, REFERENCE, answer))).improvements.filter((text) => text.includes('order of the steps'));
    expect(advice).toContain('"the optimizer updates the weights"');
    expect(advice).not.toContain('In short');
  });

  it('gives no order advice to the steps in the reference order', async () => {
    const result = await grader.grade(input(QUESTION, LOADED, RIGHT));
    expect(result.improvements.filter((text) => text.includes('order of the steps'))).toEqual([]);
  });

  it('reads a sequence the reference states over sentences ("First, … Second, … Third, …")', async () => {
    const question = 'How do you prepare a dataset for training?';
    const reference =
      'First, collect the raw records from the source systems. Second, clean them by removing duplicates and fixing missing values. ' +
      'Third, split the data into training, validation and test sets. Finally, fit the scaler on the training set only and apply it to all three.';
    const wrong =
      'You start by fitting the scaler on all the records, then you split them into training, validation and test sets, ' +
      'after that you clean out duplicates and missing values, and finally you collect the raw records.';
    const right =
      'First collect the raw records, then clean out duplicates and missing values, then split them into training, validation and test sets, ' +
      'and finally fit the scaler on the training set only.';
    const flagged = async (answer: string) => /different order/.test(dimension(await grader.grade(input(question, reference, answer)), 'correctness').rationale);
    expect(await flagged(wrong)).toBe(true);
    expect(await flagged(right)).toBe(false);
  });
});
