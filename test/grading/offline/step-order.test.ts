import { describe, expect, it } from 'vitest';
import { createOfflineGrader, measureOffline } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input, dimensionOf as dimension } from './fixtures.js';

/*
 * The order rule read step by step. Counted over terms, a step moved past two others stayed under the
 * threshold: the pairs inside each step, and those of the steps said in place, outvoted it (a reviewer's
 * probe, 4.8 like the right order).
 */

const grader = createOfflineGrader();
const grade = (question: string, reference: string, answer: string) => grader.grade(input(question, reference, answer));
/** Whether the correctness rationale says the answer states the steps in a different order. */
const flagsOrder = async (question: string, reference: string, answer: string): Promise<boolean> =>
  /different order/.test(dimension(await grade(question, reference, answer), 'correctness').rationale);

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

const reordered = (reference: string, answer: string): Promise<boolean> => flagsOrder(QUESTION, reference, answer);

describe('steps stated in another order', () => {
  it('marks down an answer that moves one step past two others, though half the step pairs stay in order', async () => {
    const result = await grade(QUESTION, REFERENCE, UPDATE_SECOND);
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
    expect((await grade(QUESTION, REFERENCE, RIGHT)).overall).toBeGreaterThanOrEqual(4);
  });

  it('leaves alone a correct answer whose first step names a later step\'s terms in passing', async () => {
    const answer =
      'Training starts with the forward pass, which runs the inputs through the weights that the optimizer will tune, ' +
      'then the loss is computed against the labels, then gradients are propagated backward through the layers, then the update is applied.';
    expect(await reordered(REFERENCE, answer)).toBe(false);
    expect((await grade(QUESTION, REFERENCE, answer)).overall).toBeGreaterThanOrEqual(4);
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
    const result = await grade(QUESTION, LOADED, UPDATE_SECOND);
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
    const [advice] = (await grade(QUESTION, REFERENCE, answer)).improvements.filter((text) => text.includes('order of the steps'));
    expect(advice).toContain('"the optimizer updates the weights"');
    expect(advice).not.toContain('In short');
  });

  it('gives no order advice to the steps in the reference order', async () => {
    const result = await grade(QUESTION, LOADED, RIGHT);
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
    const flagged = (answer: string): Promise<boolean> => flagsOrder(question, reference, answer);
    expect(await flagged(wrong)).toBe(true);
    expect(await flagged(right)).toBe(false);
  });
});

/*
 * Sequences a reference states by its layout: a numbered list of clauses, items or blocks labelled as steps or
 * passes, a list under a label naming a procedure. Before, only a sentence with a sequence cue stated an order,
 * so an answer reversing the phases of such a reference passed (4.4, like the right order).
 */
describe('steps a reference lays out as a list or under labels', () => {
  const question = 'How is a neural network trained with backpropagation?';
  const headings =
    'Training a neural network repeats three phases for every mini-batch.\n' +
    'Forward pass: the inputs go through the layers to produce predictions, and the loss is computed against the labels.\n' +
    'Backward pass: backpropagation applies the chain rule to compute the gradient of the loss with respect to every weight.\n' +
    'Update: the optimizer moves each weight against its gradient, scaled by the learning rate.';
  const stepLabels =
    'Training a neural network repeats three steps for every mini-batch.\n\n' +
    '**Step 1** Run the forward pass: the inputs go through the layers to produce predictions, and the loss is computed against the labels.\n\n' +
    '**Step 2** Run the backward pass: backpropagation applies the chain rule to compute the gradient of the loss with respect to every weight.\n\n' +
    '**Step 3** Update the weights: the optimizer moves each weight against its gradient, scaled by the learning rate.';
  const numbered =
    'Training a neural network repeats these steps for every mini-batch:\n' +
    '1. Run the inputs through the layers to produce predictions (the forward pass).\n' +
    '2. Compute the loss against the labels.\n' +
    '3. Backpropagate: apply the chain rule to compute the gradient of the loss with respect to every weight.\n' +
    '4. The optimizer moves each weight against its gradient, scaled by the learning rate.';
  const right =
    'For each mini-batch the forward pass runs the inputs through the layers to get predictions and the loss against the labels, ' +
    'then backpropagation uses the chain rule to get the gradient of the loss for every weight, and finally the optimizer updates each weight with the learning rate.';
  const reversed =
    'First the optimizer updates each weight with the learning rate, then backpropagation uses the chain rule to get the gradient of the loss for every weight, ' +
    'and finally the forward pass runs the inputs through the layers to get predictions and the loss against the labels.';
  const flagged = (reference: string, answer: string): Promise<boolean> => flagsOrder(question, reference, answer);

  it('marks down phases reversed against a reference that labels them ("Forward pass: … Backward pass: … Update: …")', async () => {
    expect(await flagged(headings, reversed)).toBe(true);
    expect(await flagged(headings, right)).toBe(false);
  });

  it('marks down phases reversed against a reference that numbers its steps ("**Step 1** …") or lists them "1. … 2. …"', async () => {
    expect(await flagged(stepLabels, reversed)).toBe(true);
    expect(await flagged(numbered, reversed)).toBe(true);
    expect(await flagged(stepLabels, right)).toBe(false);
    expect(await flagged(numbered, right)).toBe(false);
  });

  it('reads an answer that numbers its steps one a line, and names the misplaced one without its number', async () => {
    const answer = (steps: readonly string[]): string => steps.map((step, index) => `${index + 1}. ${step}`).join('\n');
    const forward = 'The forward pass runs the inputs through the layers to get predictions.';
    const loss = 'The loss is computed against the labels.';
    const backward = 'Backpropagation uses the chain rule to get the gradient of the loss for every weight.';
    const update = 'The optimizer updates each weight with the learning rate.';
    expect(await flagged(REFERENCE, answer([forward, loss, backward, update]))).toBe(false);
    expect(await flagged(numbered, answer([forward, loss, backward, update]))).toBe(false);
    const result = await grade(question, REFERENCE, answer([update, backward, loss, forward]));
    expect(dimension(result, 'correctness').rationale).toMatch(/different order/);
    const [advice] = result.improvements.filter((text) => text.includes('order of the steps'));
    expect(advice).toMatch(/you put "The forward pass runs the inputs through the layers to get predictions" after "The optimizer updates each weight/);
    expect(advice).not.toMatch(/"\d\. /);
  });

  it('names the misplaced phase against a labelled reference, without the "and" that joins the next step', async () => {
    const [advice] = (await grade(question, headings, reversed)).improvements.filter((text) => text.includes('order of the steps'));
    expect(advice).toMatch(/you put "the forward pass runs the inputs through the layers/);
    expect(advice).toMatch(/after "the optimizer updates each weight with the learning rate" and "backpropagation uses the chain rule to get the gradient of the loss for every weight"/);
    expect(advice).toContain('"Forward pass: the inputs go through the layers');
  });

  it('takes a numbered list of statements or properties for an enumeration, not an order (review)', async () => {
    const assumptions =
      '1. The relationship between the features and the target is linear.\n2. The residuals are independent of each other.\n' +
      '3. The residuals have constant variance.\n4. The residuals are normally distributed.';
    const reordered = '1. The residuals are normally distributed.\n2. They have constant variance.\n3. They are independent.\n4. The relationship between features and target is linear.';
    const result = await grade('What are the assumptions of linear regression?', assumptions, reordered);
    expect(dimension(result, 'correctness').rationale).not.toMatch(/different order/);
    const advantages = '1. Handles high-dimensional data well.\n2. Reduces overfitting by averaging many trees.\n3. Gives feature importances.\n4. Needs little tuning.';
    const other = '1. Needs little tuning.\n2. Gives feature importances.\n3. Averaging many trees reduces overfitting.\n4. Handles high-dimensional data well.';
    const forest = await grade('What are the advantages of random forests?', advantages, other);
    expect(dimension(forest, 'correctness').rationale).not.toMatch(/different order/);
  });

  it('takes a numbered list of named things for an enumeration, not an order ("1. **Bias:** … 2. **Variance:** …")', async () => {
    const reference =
      'The expected error of a model splits into three parts.\n\n' +
      '1. **Bias:**\n   - Error from wrong assumptions; high bias underfits.\n' +
      '2. **Variance:**\n   - Error from sensitivity to the training sample; high variance overfits.\n' +
      '3. **Irreducible Error:**\n   - Noise in the data that no model can remove.';
    const answer =
      'The expected error splits into three parts. First, irreducible error, the noise in the data that no model can remove. ' +
      'Second, variance: sensitivity to the training sample, which makes a model overfit. Third, bias: error from wrong assumptions, which makes it underfit.';
    expect(await flagged(reference, answer)).toBe(false);
  });

  it('takes the bullets under "How it works" for facts, not steps, unless they are numbered or instructions', async () => {
    const dropout = 'How does dropout work?';
    const howItWorks = (marker: (index: number) => string): string =>
      'Dropout sets random units to zero during training.\n\n**How it works:**\n' +
      [
        'At every training step a fresh random mask drops a fraction p of the activations.',
        'With inverted dropout, the surviving activations are scaled by 1/(1 - p) during training.',
        'At inference dropout is switched off and every unit is used.',
      ]
        .map((line, index) => `${marker(index)} ${line}`)
        .join('\n');
    const answer =
      'At inference dropout is switched off and every unit is used; during training, first a random mask zeroes a fraction p of the activations at every step, ' +
      'then the surviving activations are scaled by 1/(1-p) so nothing needs rescaling at inference.';
    const reordered = (reference: string): Promise<boolean> => flagsOrder(dropout, reference, answer);
    expect(await reordered(howItWorks(() => '-'))).toBe(false);
    expect(await reordered(howItWorks((index) => `${index + 1}.`))).toBe(true);
  });
});

/*
 * A correct answer closing with a recap that goes round the loop again from another step ("In short: the
 * optimizer updates the weights, then the next batch…") was called reversed (2.7): the recap is a rotation of
 * the cycle. A cycle stated only from the wrong start is still reversed.
 */
describe('a recap going round the cycle again', () => {
  it('leaves alone a correct answer that ends by restarting the cycle from the update', async () => {
    const recaps = [
      `${RIGHT} In short: the optimizer updates the weights, then the next batch goes through the forward pass, then the loss, then gradients again.`,
      `${RIGHT} So it is a loop: update the weights, then the forward pass on the next batch, then the loss, then the gradients, and again.`,
    ];
    for (const answer of recaps) {
      expect(await reordered(REFERENCE, answer)).toBe(false);
      expect((await grade(QUESTION, REFERENCE, answer)).overall).toBeGreaterThanOrEqual(4);
    }
  });

  it('leaves it alone when the answer said two of the steps in one before the recap', async () => {
    const answer =
      'For each mini-batch the forward pass runs the inputs through the layers to get predictions and the loss against the labels, ' +
      'then backpropagation uses the chain rule to get the gradient of the loss for every weight, and finally the optimizer updates each weight. ' +
      'In short: the optimizer updates the weights, then the next batch goes through the forward pass, then the loss and the gradients are computed again.';
    expect(await reordered(REFERENCE, answer)).toBe(false);
  });

  it('still marks down the cycle stated from the wrong start, and a recap after steps in the wrong order', async () => {
    const wrongStart =
      'Training starts when the optimizer updates the weights, then the next batch goes through the forward pass, then the loss is computed against the labels, ' +
      'then gradients are propagated backward through the layers.';
    expect(await reordered(REFERENCE, wrongStart)).toBe(true);
    expect(await reordered(REFERENCE, `${UPDATE_SECOND} In short: the optimizer updates the weights, then the forward pass, then the gradients, then the loss again.`)).toBe(true);
  });
});

/*
 * Bullets order nothing by their markers, but under a lead-in that calls them a procedure ("How it works:",
 * "The algorithm:", "…these steps:") a list of instructions is done in its order: PCA's "How it works" bullets
 * ("Centre the data… Compute the covariance matrix… Project…") let a reversed answer pass (3.6, like the right
 * order). Bullets of facts, properties or advantages, or instructions under another label, stay unordered.
 */
describe('bullets of instructions under a lead-in naming a procedure', () => {
  const question = 'How does PCA reduce the dimensionality of a dataset?';
  const bullets = (label: string): string =>
    'PCA finds the orthogonal directions along which the data varies most.\n\n' +
    `${label}\n` +
    '- Centre the data, and standardise features measured in different units.\n' +
    '- For a stable result, compute the singular value decomposition of the centred data matrix rather than the covariance matrix.\n' +
    '- Sort the principal components by their eigenvalues, the variance each explains.\n' +
    '- Project the data onto the top k components.\n\n' +
    '**Trade-offs:** fast and removes redundancy, but the components are hard to interpret.';
  const right =
    'First centre and standardise the data, then compute the singular value decomposition of the centred matrix, ' +
    'then sort the principal components by their eigenvalues, and finally project the data onto the top k of them.';
  const reversed =
    'First project the data onto the top k components, then sort the principal components by their eigenvalues, ' +
    'then compute the singular value decomposition of the matrix, and finally centre and standardise the data.';
  const flagged = (reference: string, answer: string): Promise<boolean> => flagsOrder(question, reference, answer);

  it('marks down steps reversed against instructions under "How it works:" or a lead-in naming steps', async () => {
    expect(await flagged(bullets('**How it works:**'), reversed)).toBe(true);
    expect(await flagged(bullets('PCA runs these steps:'), reversed)).toBe(true);
    expect(await flagged(bullets('**How it works:**'), right)).toBe(false);
    expect((await grade(question, bullets('**How it works:**'), right)).overall).toBeGreaterThanOrEqual(3.5);
  });

  it('leaves alone instructions under a label that names no procedure ("Tips:"), and bullets that are facts', async () => {
    expect(await flagged(bullets('**Tips:**'), reversed)).toBe(false);
    const facts =
      'PCA finds the directions along which the data varies most.\n\n**How it works:**\n' +
      '- The principal components are the eigenvectors of the covariance matrix.\n' +
      '- Each eigenvalue is the variance of the data along its component.\n' +
      '- The components are orthogonal, so the projected features are uncorrelated.';
    const otherWay =
      'First, the components are orthogonal, so projected features are uncorrelated, then each eigenvalue is the variance along its component, ' +
      'and finally the principal components are the eigenvectors of the covariance matrix.';
    expect(await flagged(facts, otherWay)).toBe(false);
  });

  it('leaves alone advantages said in another order than the reference lists them', async () => {
    const reference =
      'Random forests average many decorrelated trees.\n\n**Advantages:**\n- Resist overfitting better than a single deep tree.\n' +
      '- Handle numeric and categorical features with little preprocessing.\n- Give feature importances for free.\n- Train in parallel, one tree per core.';
    const answer =
      'They train in parallel, one tree per core, then they give feature importances for free, and finally they resist overfitting ' +
      'better than one deep tree and handle numeric and categorical features with little preprocessing.';
    const result = await grade('What are the advantages of random forests?', reference, answer);
    expect(dimension(result, 'correctness').rationale).not.toMatch(/different order/);
  });

  it('reads bullets that open with step cues ("- First, …", "- Then, …") as steps whatever labels them', async () => {
    const reference =
      'PCA finds the directions along which the data varies most.\n\n**Details:**\n' +
      '- First, the data is centred and standardised.\n- Then the singular value decomposition of the centred matrix is computed.\n' +
      '- Next, the principal components are sorted by their eigenvalues.\n- Finally, the data is projected onto the top k components.';
    expect(await flagged(reference, reversed)).toBe(true);
    expect(await flagged(reference, right)).toBe(false);
  });
});

/*
 * A goal said before the steps is no step done before them. "To minimise the loss, we start from random
 * parameters, …, then step against the gradient…" was called reversed (2.7): the loss of its purpose clause came
 * before the parameters, against the reference's "starts with random parameters, …, then adjusts parameters in
 * the direction that decreases loss".
 */
describe('a goal stated before the steps', () => {
  const question = 'What is gradient descent?';
  const reference =
    'Gradient descent is an optimization algorithm that finds model parameters minimizing the loss function. It starts with random parameters, ' +
    'calculates how the loss changes with each parameter using derivatives, then adjusts parameters in the direction that decreases loss. ' +
    'This process repeats iteratively until the loss stops improving significantly.';
  const flagged = (answer: string): Promise<boolean> => flagsOrder(question, reference, answer);

  it('leaves alone a purpose clause before the steps ("To …", "In order to …", "so that …")', async () => {
    const goalFirst =
      'To minimise the loss, we start from random parameters, compute the gradient of the loss with respect to each parameter, then step against it, ' +
      'scaled by the learning rate, and repeat until the loss stops improving.';
    expect(await flagged(goalFirst)).toBe(false);
    expect((await grade(question, reference, goalFirst)).overall).toBeGreaterThanOrEqual(3.5);
    expect(
      await flagged(
        'In order to reach the minimum of the loss, gradient descent starts with random parameters, computes the derivatives of the loss for each parameter, ' +
          'and then adjusts the parameters in the direction that decreases the loss, until it stops improving.',
      ),
    ).toBe(false);
  });

  it('leaves alone a goal stated before a colon that the steps follow', async () => {
    const answer =
      'Gradient descent minimises the loss: it starts with random parameters, calculates how the loss changes with each parameter, ' +
      'then adjusts the parameters in the direction that decreases the loss, and repeats until the loss stops improving.';
    expect(await flagged(answer)).toBe(false);
  });

  it('still marks down the steps themselves reversed after a purpose clause', async () => {
    const answer =
      'To minimise the loss, gradient descent first adjusts the parameters in the direction that decreases the loss, then calculates how the loss changes ' +
      'with each parameter using derivatives, and finally starts with random parameters.';
    expect(await flagged(answer)).toBe(true);
  });

  it('takes a purpose clause out of the reference\'s sequence too', async () => {
    const goalReference =
      'To compare models fairly, first split the data into training, validation and test sets, then fit each model on the training set, ' +
      'then pick the best by its validation score, and finally report its score on the test set.';
    const answer =
      'You split the data into training, validation and test sets, then fit each model on the training set, then pick the best one by validation score, ' +
      'and finally report the test score, so that the comparison between models is fair.';
    const result = await grade('How do you compare models fairly?', goalReference, answer);
    expect(dimension(result, 'correctness').rationale).not.toMatch(/different order/);
  });
});

/*
 * The fitted regression's orderError input read every sentence term by term, with or without a sequence cue, and
 * no sequence the reference lays out: it lowered correct answers naming the goal first ("It minimises a loss by
 * … until the loss stops improving") and missed steps reversed against a list. It now reads what the rule reads.
 */
describe('the regression\'s order input', () => {
  const orderError = (question: string, reference: string, answer: string): number => measureOffline(input(question, reference, answer)).features.orderError;

  it('is zero for steps named in another order without a sequence, and for a goal named first', () => {
    const answer =
      'The optimizer updates the weights with gradients that are propagated backward through the layers from the loss, ' +
      'which is computed from the labels and the predictions of the forward pass.';
    expect(orderError(QUESTION, REFERENCE, answer)).toBe(0);
    expect(orderError(QUESTION, REFERENCE, RIGHT)).toBe(0);
  });

  it('reads steps reversed against a sequence the reference lays out as a list', () => {
    const reference =
      'Training a neural network repeats these steps for every mini-batch:\n' +
      '1. Run the inputs through the layers to produce predictions (the forward pass).\n2. Compute the loss against the labels.\n' +
      '3. Backpropagate: apply the chain rule to compute the gradient of the loss with respect to every weight.\n' +
      '4. Update each weight against its gradient, scaled by the learning rate.';
    const reversed =
      'First each weight is updated with the learning rate, then backpropagation uses the chain rule to get the gradient of the loss for every weight, ' +
      'then the loss is computed against the labels, and finally the forward pass runs the inputs through the layers to get predictions.';
    expect(orderError(QUESTION, reference, reversed)).toBeGreaterThan(0.5);
  });
});
