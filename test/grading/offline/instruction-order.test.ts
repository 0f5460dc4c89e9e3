import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { singleSteps, type Step } from '../../../src/grading/offline/sequence-steps.js';
import { technicalQuestionInput as input, dimensionOf as dimension } from './fixtures.js';

/*
 * A procedure stated as a row of instructions, with no "first" or "then" between them. A reference written so
 * ("Start by… Assign… Recalculate… Repeat…") stated no order, and an answer written so was read as no sequence:
 * "Update each centroid to the mean of its points. Assign each point to its nearest centroid. Pick k initial
 * centroids." scored like the right order.
 */

const grader = createOfflineGrader();

const KMEANS = 'How does K-means clustering work?';
const KMEANS_REFERENCE =
  'K-means partitions data into K clusters by minimizing within-cluster variance. Start by randomly initializing K cluster centers called centroids. ' +
  'Assign each point to its nearest centroid. Recalculate centroids as the mean of points assigned to them. ' +
  'Repeat assignment and update steps until centroids stop moving significantly. The algorithm is simple, fast, and widely used. ' +
  'However, you must specify K upfront and initialization affects results.';

const STACKING = 'How do you implement stacking?';
const STACKING_REFERENCE =
  'Split data into training and validation sets. Train diverse base models on the training set. Use these models to make predictions on the validation set. ' +
  'These predictions become features for the meta-model. Train the meta-model on validation predictions to predict actual targets. ' +
  'For test data, base models make predictions which the meta-model combines.';

const TRAINING = 'How does training a neural network with backpropagation work?';
const TRAINING_REFERENCE =
  'Training starts with the forward pass, which computes predictions, then the loss is computed from the predictions and the labels, ' +
  'then gradients are propagated backward through the layers, then the optimizer updates the weights. ' +
  'This repeats for many epochs until the validation loss stops improving.';

const GRADIENTS = 'How do you diagnose gradient flow problems?';
const GRADIENTS_REFERENCE =
  'Monitor gradient magnitudes during training. If gradients are consistently near zero for early layers, you have vanishing gradients. ' +
  'Plot gradient distributions to visualize flow. Check whether loss decreases; if not, gradients might not flow properly. ' +
  'Use gradient checking during development to verify backpropagation implementation is correct.';

const reordered = async (question: string, reference: string, answer: string): Promise<boolean> =>
  /different order/.test(dimension(await grader.grade(input(question, reference, answer)), 'correctness').rationale);

describe('a procedure stated as a row of instructions', () => {
  it('marks down the steps given in reverse as instructions without a cue', async () => {
    const answer = 'Update each centroid to the mean of its points. Assign each point to its nearest centroid. Pick k initial centroids.';
    const result = await grader.grade(input(KMEANS, KMEANS_REFERENCE, answer));
    expect(dimension(result, 'correctness').score).toBeLessThanOrEqual(2);
    expect(dimension(result, 'correctness').rationale).toMatch(/different order/);
    expect(result.overall).toBeLessThan(3);
  });

  it('reads "You …" sentences as instructions too', async () => {
    const answer =
      'You update each centroid to the mean of the points assigned to it. You assign each point to its nearest centroid. You pick K initial centroids at random.';
    expect(await reordered(KMEANS, KMEANS_REFERENCE, answer)).toBe(true);
  });

  it('reads the reference\'s row of instructions against an answer that orders its steps with "then"', async () => {
    const answer = 'Recalculate each centroid as the mean of its points, then assign each point to its nearest centroid, then randomly initialize K centroids.';
    expect(await reordered(KMEANS, KMEANS_REFERENCE, answer)).toBe(true);
  });

  it('reads a row the reference links by what one step makes ("Use these models…")', async () => {
    const answer =
      'Train the meta-model on the validation predictions to predict the targets. Use the base models to make predictions on the validation set. ' +
      'Train diverse base models on the training set. Split the data into training and validation sets.';
    expect(await reordered(STACKING, STACKING_REFERENCE, answer)).toBe(true);
  });

  it('reads an answer\'s row of instructions against a reference that orders its steps with "then"', async () => {
    const answer =
      'Update the weights with the optimizer. Propagate the gradients backward through the layers. ' +
      'Compute the loss from the predictions and the labels. Run the forward pass to compute predictions.';
    expect(await reordered(TRAINING, TRAINING_REFERENCE, answer)).toBe(true);
  });

  it('leaves the steps in the reference order alone', async () => {
    const kmeans =
      'Pick k initial centroids at random. Assign each point to its nearest centroid. Update each centroid to the mean of its points. Repeat until the centroids stop moving.';
    const stacking =
      'Split the data into training and validation sets. Train diverse base models on the training set. Use them to make predictions on the validation set. ' +
      'Train the meta-model on those predictions to predict the actual targets.';
    const training =
      'Run the forward pass to compute predictions. Compute the loss from the predictions and the labels. ' +
      'Propagate the gradients backward through the layers. Update the weights with the optimizer.';
    expect(await reordered(KMEANS, KMEANS_REFERENCE, kmeans)).toBe(false);
    expect(await reordered(STACKING, STACKING_REFERENCE, stacking)).toBe(false);
    expect(await reordered(TRAINING, TRAINING_REFERENCE, training)).toBe(false);
  });

  it('leaves alone a correct answer that states the goal first, recaps at the end, or names a step twice', async () => {
    const goalFirst =
      'K-means minimises within-cluster variance by alternating between assigning points and recalculating centroids. Pick k initial centroids at random. ' +
      'Assign each point to its nearest centroid. Recalculate each centroid as the mean of its points. Repeat until nothing moves.';
    const recap =
      'Pick k initial centroids at random. Assign each point to its nearest centroid. Recalculate each centroid as the mean of its points. ' +
      'Repeat until the centroids stop moving. In short: assign each point to the nearest centroid, recalculate the means, and repeat.';
    const twice =
      'Pick k initial centroids at random. Assign each point to its nearest centroid. Recalculate each centroid as the mean of its points. ' +
      'Assign each point using the Euclidean distance to the centroids.';
    for (const answer of [goalFirst, recap, twice]) expect(await reordered(KMEANS, KMEANS_REFERENCE, answer)).toBe(false);
  });

  it('leaves alone advice given as instructions after the steps are explained', async () => {
    const answer =
      'The forward pass computes predictions and the loss compares them with the labels; backpropagation sends gradients backward through the layers ' +
      'and the optimizer updates the weights. Pick a good optimizer for the weights. Clip gradients that explode in deep layers. Choose a loss that fits the labels.';
    expect(await reordered(TRAINING, TRAINING_REFERENCE, answer)).toBe(false);
  });

  it('leaves alone a warning or a condition said before the steps', async () => {
    const steps = 'Pick k initial centroids at random. Assign each point to its nearest centroid. Recalculate each centroid as the mean of its points.';
    expect(await reordered(KMEANS, KMEANS_REFERENCE, `Don't forget to scale the features. ${steps}`)).toBe(false);
    expect(await reordered(KMEANS, KMEANS_REFERENCE, `If the centroids stop moving, stop. ${steps}`)).toBe(false);
  });

  it('leaves alone an answer that places a step in words ("… beforehand")', async () => {
    const answer =
      'Assign each point to its nearest centroid. Recalculate each centroid as the mean of its points. Initialize the K centroids at random beforehand.';
    expect(await reordered(KMEANS, KMEANS_REFERENCE, answer)).toBe(false);
  });

  it('leaves alone steps explained from the last back, each naming what it uses', async () => {
    const stacking =
      "Train the meta-model on the base models' predictions for the validation set. Train diverse base models on the training set. " +
      'Split the data into training and validation sets.';
    const training =
      'The optimizer updates the weights using gradients. Those gradients are propagated backward from the loss through the layers. ' +
      'The loss compares the predictions of the forward pass with the labels.';
    expect(await reordered(STACKING, STACKING_REFERENCE, stacking)).toBe(false);
    expect(await reordered(TRAINING, TRAINING_REFERENCE, training)).toBe(false);
  });

  it('reads no order into a reference\'s row of checks that does not say it is a procedure', async () => {
    const answer =
      'Use gradient checking to verify the backpropagation implementation. Check whether the loss decreases. ' +
      'Plot gradient distributions to visualize flow. Monitor gradient magnitudes during training.';
    expect(await reordered(GRADIENTS, GRADIENTS_REFERENCE, answer)).toBe(false);
  });
});

describe('which sentences of such an answer place a step', () => {
  const step = (text: string, ...terms: string[]): Step => ({ text, terms: new Set(terms) });
  const reference = [step('forward pass', 'forward', 'pass', 'model'), step('loss', 'loss', 'label', 'model'), step('update', 'optimizer', 'weight')];

  it('leaves out a sentence naming two steps of the reference (a goal, a recap, a dependency), not one naming a term they share', () => {
    const goal = step('Make the optimizer tune the weights of the forward pass', 'optimizer', 'weight', 'forward');
    const loss = step('Compute the loss of the model', 'loss', 'model');
    const update = step('Update the weights', 'update', 'weight');
    expect(singleSteps(reference, [goal, loss, update])).toEqual([loss, update]);
  });
});
