import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input, dimensionOf as dimension } from './fixtures.js';

/*
 * Order errors that passed (issue 10, "order errors pass"): a process said to run the other way ("CART works
 * bottom-up" against "It works top-down"; backpropagation "from the input layer forwards to the output layer"),
 * and a step named by another word for its action ("computing each cluster's centroid as the mean" against
 * "Recalculate centroids as the mean"), which placed no reference step, so the steps moved past the others were
 * never compared.
 */

const grader = createOfflineGrader();

const CART = 'How does the CART algorithm work?';
const CART_REFERENCE =
  'Classification and Regression Trees or CART is the standard algorithm for building decision trees. It works top-down, starting with all data at the root. ' +
  'For each node, it considers all possible splits on all features and chooses the split that best separates classes. ' +
  'The data splits into subsets, creating child nodes. The algorithm recursively repeats this process on each child until stopping criteria are met.';

const BACKPROP = 'What is backpropagation?';
const BACKPROP_REFERENCE =
  'Backpropagation is the algorithm for training neural networks by computing gradients of the loss with respect to every weight. ' +
  'It works backward through the network using the chain rule of calculus. After forward propagation produces a prediction and loss, ' +
  'backpropagation computes how much each weight contributed to that loss. These gradients tell you how to adjust weights to reduce loss.';

const KMEANS = 'How does K-means clustering work?';
const KMEANS_REFERENCE =
  'K-means partitions data into K clusters by minimizing within-cluster variance. Start by randomly initializing K cluster centers called centroids. ' +
  'Assign each point to its nearest centroid. Recalculate centroids as the mean of points assigned to them. ' +
  'Repeat assignment and update steps until centroids stop moving significantly. The algorithm is simple, fast, and widely used.';

const grade = async (question: string, reference: string, answer: string) => {
  const result = await grader.grade(input(question, reference, answer));
  return { result, correctness: dimension(result, 'correctness'), advice: result.improvements.join(' ') };
};

describe('a process said to run the other way', () => {
  it('marks down a tree built bottom-up where the reference builds it top-down, and names both ways', async () => {
    const { result, correctness, advice } = await grade(
      CART,
      CART_REFERENCE,
      'CART builds the tree bottom-up: every example starts in a leaf of its own, and it keeps merging the two most similar leaves into a parent node until one root is left.',
    );
    expect(correctness.score).toBeLessThanOrEqual(2);
    expect(correctness.rationale).toMatch(/different order/);
    expect(advice).toMatch(/bottom-up.*top-down/);
    expect(result.overall).toBeLessThan(3);
  });

  it('marks down backpropagation said to run from the input forwards to the output', async () => {
    const { correctness, advice } = await grade(
      BACKPROP,
      BACKPROP_REFERENCE,
      'Backpropagation takes the error and passes it layer by layer from the input layer forwards to the output layer, using the chain rule to get each weight\'s gradient.',
    );
    expect(correctness.score).toBeLessThanOrEqual(2);
    expect(advice).toMatch(/direction/);
  });

  it('leaves alone an answer that names both ways, or a phase called forward', async () => {
    for (const answer of [
      'The forward pass runs the inputs forward through the network to the loss, and backpropagation goes the other way, applying the chain rule layer by layer to get each weight\'s gradient.',
      'After the forward pass computes the loss, backpropagation sends the error backward from the output layer to the input layer with the chain rule, giving every weight its gradient.',
      'The forward propagation gives a prediction and a loss; then the chain rule is applied from the loss back to the first layer to get each weight\'s gradient.',
    ]) {
      const { correctness, advice } = await grade(BACKPROP, BACKPROP_REFERENCE, answer);
      expect(advice, answer).not.toMatch(/direction|order of the steps/);
      expect(correctness.rationale, answer).not.toMatch(/different order/);
    }
    for (const answer of [
      'CART grows the tree top-down: it starts with all the data at the root and splits each node on the feature and threshold that best separate the classes, recursively, until a stopping rule is met.',
      'CART grows the tree from the root down to the leaves, splitting each node on the feature and threshold that best separate the classes until a stopping rule is met.',
    ]) {
      const { advice } = await grade(CART, CART_REFERENCE, answer);
      expect(advice, answer).not.toMatch(/direction/);
    }
    const { advice } = await grade(CART, CART_REFERENCE, 'CART grows the tree from the leaves up to the root, merging the most similar nodes until one is left.');
    expect(advice).toMatch(/direction/);
  });
});

describe('a step matched by its action, whatever word names it', () => {
  it('reads "computing each centroid as the mean" as the recalculation step, and marks the steps given backwards', async () => {
    const { correctness, advice } = await grade(
      KMEANS,
      KMEANS_REFERENCE,
      'K-means begins by computing every centroid as the mean of the points in its cluster. Then each point is assigned to the nearest centroid. After that you pick K and place the initial centroids at random.',
    );
    expect(correctness.rationale).toMatch(/different order/);
    expect(advice).toMatch(/order of the steps/);
  });

  it('marks on the coverage map the points made in the steps said out of order', async () => {
    const { result } = await grade(
      KMEANS,
      KMEANS_REFERENCE,
      'Each centroid is recalculated as the mean of the points assigned to it. Then each point is assigned to its nearest centroid. Then the K cluster centers are randomly initialized.',
    );
    const noted = (result.coverage ?? []).filter((point) => point.note === 'said in the wrong order');
    expect(noted.length).toBeGreaterThan(0);
    expect(noted.every((point) => point.status !== 'missed')).toBe(true);
  });

  it('leaves alone a loop told from its update ("repeat: recompute…, then reassign…")', async () => {
    const { correctness } = await grade(
      KMEANS,
      KMEANS_REFERENCE,
      'Pick K random points as the initial centroids. Then repeat: recompute each centroid as the mean of the points assigned to it, then reassign each point to its nearest centroid, until no point changes cluster.',
    );
    expect(correctness.rationale).not.toMatch(/different order/);
  });

  it('leaves the right order alone when the answer computes rather than recalculates', async () => {
    const { correctness } = await grade(
      KMEANS,
      KMEANS_REFERENCE,
      'K-means starts by placing K initial centroids at random. Then it assigns each point to the nearest centroid. After that it computes each centroid as the mean of its points, and it repeats until the centroids stop moving.',
    );
    expect(correctness.rationale).not.toMatch(/different order/);
  });
});

const TRAINING = 'How does training a neural network with backpropagation work?';
const TRAINING_REFERENCE =
  'Training starts with the forward pass, which computes predictions, then the loss is computed from the predictions and the labels, ' +
  'then gradients are propagated backward through the layers, then the optimizer updates the weights. ' +
  'This repeats for many epochs until the validation loss stops improving.';

describe('an order told by "before", "after" and "once"', () => {
  it('reads a clause opening with "after" or "before" as a step done at the time it says', async () => {
    const { correctness, advice } = await grade(
      TRAINING,
      TRAINING_REFERENCE,
      'The forward pass computes the predictions after the optimizer updates the weights and the gradients are propagated backward through the layers, before the loss is computed from the predictions and the labels.',
    );
    expect(correctness.rationale).toMatch(/different order/);
    expect(advice).toMatch(/order of the steps/);
  });

  it('leaves alone the right order told backwards ("Before the optimizer updates the weights, …")', async () => {
    for (const answer of [
      'Before the optimizer updates the weights, the gradients are propagated backward through the layers, once the loss is computed from the predictions of the forward pass and the labels.',
      'The optimizer updates the weights after the gradients are propagated backward through the layers, and that happens once the forward pass has computed the predictions and the loss is computed from them and the labels.',
    ]) {
      const { correctness, advice } = await grade(TRAINING, TRAINING_REFERENCE, answer);
      expect(correctness.rationale, answer).not.toMatch(/different order/);
      expect(advice, answer).not.toMatch(/order of the steps/);
    }
  });
});

const GROUPBY = 'What is the groupby operation?';
const GROUPBY_REFERENCE =
  'The groupby operation splits data into groups based on column values, applies a function to each group, and combines results. ' +
  'It follows the split-apply-combine pattern. After grouping with df.groupby, you call aggregation functions like sum, mean, or count.';

const PIPELINE = 'What does the nightly ETL job do?';
const PIPELINE_REFERENCE =
  'The job loads the raw files from the bucket, then it drops duplicate rows, then it rescales the numeric columns, then it writes the table to the warehouse.';

describe('a step put before the one it depends on', () => {
  it('reads a procedure told in one breath ("splits…, applies…, and combines…") and marks a step put before the one whose product it uses', async () => {
    const { result, correctness, advice } = await grade(
      GROUPBY,
      GROUPBY_REFERENCE,
      'It has three steps. First it applies your aggregation, say a sum, to the column; then it splits those sums by the values of the key column; and finally it combines them into one table with a row per group.',
    );
    expect(correctness.score).toBeLessThanOrEqual(2);
    expect(advice).toMatch(/order of the steps/);
    expect(result.overall).toBeLessThan(3);
  });

  it('leaves the right order alone, told forwards or with "after"', async () => {
    for (const answer of [
      'First it splits the rows into groups by the values of the key column, then it applies the function, say a mean, to each group, and finally it combines the results into one table.',
      'It applies your function to each group after splitting the rows by the values of the key column, and then it combines the results into one table.',
    ]) {
      const { correctness, advice } = await grade(GROUPBY, GROUPBY_REFERENCE, answer);
      expect(correctness.rationale, answer).not.toMatch(/different order/);
      expect(advice, answer).not.toMatch(/order of the steps/);
    }
  });

  it('leaves two independent neighbouring steps said in another order alone', async () => {
    const { correctness } = await grade(
      PIPELINE,
      PIPELINE_REFERENCE,
      'It loads the raw files from the bucket, then it rescales the numeric columns, then it drops duplicate rows, and then it writes the table to the warehouse.',
    );
    expect(correctness.rationale).not.toMatch(/different order/);
  });
});
