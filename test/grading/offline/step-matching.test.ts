import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { layoutSequences } from '../../../src/grading/offline/markdown.js';
import { matchSteps, type Step } from '../../../src/grading/offline/sequence-steps.js';
import { technicalQuestionInput as input, dimensionOf as dimension } from './fixtures.js';

/*
 * Steps whose terms the procedure names throughout. Each reference step was placed by the terms it alone names, and
 * "the base models" or "predictions" named in every answer step placed none: a stacking answer reversed from the
 * meta-model back to the base models scored 3.8, as the right order did (a candidate's case). Read from the answer's
 * side, each answer step goes to the reference step it says most specifically.
 */

const grader = createOfflineGrader();

/** Copied from data/corpus ("How do you implement stacking?"). */
const STACKING = 'How do you implement stacking?';
const STACKING_REFERENCE =
  'Split data into training and validation sets. Train diverse base models on the training set. Use these models to make predictions on the validation set. ' +
  'These predictions become features for the meta-model. Train the meta-model on validation predictions to predict actual targets. ' +
  'For test data, base models make predictions which the meta-model combines. Use cross-validation to generate out-of-fold predictions for the entire ' +
  'training set, avoiding information leakage. The meta-model learns which base models to trust for different scenarios.';

/** Copied from data/corpus (the walk-through of backpropagation), its forward and backward passes each a list. */
const BACKPROP = 'Walk me through backpropagation step by step: what does the forward pass compute, and how does the backward pass get the gradient of every weight?';
const BACKPROP_REFERENCE = `Backpropagation computes the gradient of the loss with respect to every parameter in one backward sweep, by applying the chain rule layer by layer and reusing intermediate results.

**Forward pass:**
- Each layer multiplies its input by a weight matrix, adds a bias and applies a non-linearity; the pre-activations and activations are cached for the backward pass.
- The output is compared with the label to compute the loss, for example cross-entropy.

**Backward pass:**
- Start with the gradient of the loss with respect to the output layer's pre-activations; for softmax with cross-entropy it is simply the predicted probabilities minus the one-hot label.
- A layer's weight gradient is its error signal times the transposed activations of the layer below; its bias gradient is the error signal itself.
- The error signal moves one layer down by multiplying with the transposed weight matrix and, element-wise, with the derivative of that layer's activation function.
- Repeat down to the first layer; then the optimiser updates every weight, for example w ← w − η · ∂L/∂w.

**Cost and trade-offs:** the backward pass costs about as much as the forward pass (roughly twice its operations), instead of one extra forward pass per weight as finite differences would need; the price is the memory for the cached activations.`;

const flags = async (question: string, reference: string, answer: string): Promise<boolean> =>
  /different order/.test(dimension(await grader.grade(input(question, reference, answer)), 'correctness').rationale);
const reordered = (answer: string): Promise<boolean> => flags(STACKING, STACKING_REFERENCE, answer);

const step = (text: string, terms: string): Step => ({ text, terms: new Set(terms.split(' ')) });
const never = (): boolean => false;

describe('steps matched by the terms specific to them', () => {
  it('marks down a procedure reversed in one sentence whose steps all name the same models', async () => {
    const answer =
      "To implement stacking: train the meta-model on the base models' predictions, then generate out-of-fold predictions from the base models " +
      'with cross-validation, then train the base models.';
    const result = await grader.grade(input(STACKING, STACKING_REFERENCE, answer));
    expect(dimension(result, 'correctness').rationale).toMatch(/different order/);
    expect(result.overall).toBeLessThan(3);
  });

  it('marks down the same reversal counted with "first… then… finally"', async () => {
    const answer =
      'First you train the meta-model on the validation predictions, then you use the base models to predict the validation set, ' +
      'then you train diverse base models on the training set, and finally you split the data into training and validation sets.';
    expect(await reordered(answer)).toBe(true);
  });

  it('leaves the same steps in the reference order alone', async () => {
    const short =
      'To implement stacking: train the base models, then generate out-of-fold predictions from the base models with cross-validation, ' +
      "then train the meta-model on the base models' predictions.";
    const counted =
      'First you split the data into training and validation sets, then you train diverse base models on the training set, ' +
      'then you use them to predict the validation set, and finally you train the meta-model on those validation predictions.';
    expect(await reordered(short)).toBe(false);
    expect(await reordered(counted)).toBe(false);
  });

  it('places no step done again: the out-of-fold recipe that refits the base models at the end is in order', async () => {
    // The round-12 review's case: the refit was placed at "Train diverse base models", the first step.
    const answer =
      'You generate out-of-fold predictions from the base models with cross-validation, so no model predicts rows it was trained on. ' +
      'Then you train the meta-model on those predictions. Then you retrain the base models on all the training data, and at inference ' +
      'the meta-model combines their test predictions.';
    expect(await reordered(answer)).toBe(false);
  });

  it('reads blocks called passes, each a list, as one sequence of their items', async () => {
    const reversed =
      'First you update the weights with the gradients, then you compute the gradients backward layer by layer with the chain rule, ' +
      'then you compute the loss against the label, then you do the forward pass and cache the activations.';
    const inOrder =
      'First you do the forward pass and cache the activations, then you compute the loss against the label, ' +
      'then you compute the gradients backward layer by layer with the chain rule, then you update the weights with the gradients.';
    expect(await flags(BACKPROP, BACKPROP_REFERENCE, reversed)).toBe(true);
    expect(await flags(BACKPROP, BACKPROP_REFERENCE, inOrder)).toBe(false);
  });

  it('reads no sequence into lists under labels about the step in general ("By the data used per step", "Improving the step")', () => {
    const variants =
      '**By the data used per step:**\n- Batch gradient descent uses the whole training set.\n- Stochastic gradient descent uses one example.\n\n' +
      '**Improving the step:**\n- Momentum keeps a running average of gradients.\n- Adam adapts the learning rate of each parameter.\n';
    expect(layoutSequences(variants)).toEqual([]);
    expect(layoutSequences(variants.replace('By the data used per step', 'Forward pass').replace('Improving the step', 'Backward pass'))).toHaveLength(1);
  });

  it('places an answer step at the short reference step it names whole, not a long one naming the same words among others', () => {
    const reference = [
      step('Split data', 'split data train valid set'),
      step('Train diverse base models', 'train divers model set'),
      step('Use these models', 'model predict valid set'),
      step('Train the meta-model', 'train meta model valid predict actual target'),
    ];
    const answer = [step('train the meta-model', 'train meta model predict'), step('predict', 'model predict valid'), step('train the base models', 'train model')];
    expect(matchSteps(reference, answer, never)?.reversed).toBe(1);
    expect(matchSteps(reference, [...answer].reverse(), never)?.reversed).toBe(0);
  });

  it('places only answer steps that are the best match of the reference step they match best', () => {
    // Advantages listed after the steps name a step's term here and there ("averaging", "data").
    const reference = [step('sample', 'bootstrap sampl data averag'), step('features', 'featur split random'), step('trees', 'grow tree depth'), step('vote', 'vote major averag')];
    const steps = [step('bootstrap', 'bootstrap sampl'), step('split', 'featur split'), step('grow', 'grow tree'), step('vote', 'vote major')];
    const advantages = [step('averaging', 'averag varianc'), step('less data', 'data'), step('features', 'featur')];
    expect(matchSteps(reference, [...steps, ...advantages], never)?.reversed).toBe(0);
  });

  it('places no answer step by terms that every reference step names', () => {
    const reference = [step('a', 'model first'), step('b', 'model second'), step('c', 'model third')];
    const answer = [step('x', 'model'), step('y', 'model'), step('z', 'model')];
    expect(matchSteps(reference, answer, never)).toBeUndefined();
  });
});
