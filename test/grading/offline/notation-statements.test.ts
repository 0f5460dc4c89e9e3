import { describe, expect, it } from 'vitest';
import { readCodeAsWords } from '../../../src/grading/offline/code-words.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { isTermList } from '../../../src/grading/offline/terms.js';
import { dimensionOf as dimension, technicalQuestionInput as input } from './fixtures.js';

/*
 * Correct answers in compact mathematical notation were read as keyword lists (round 16's testers: "IG = H(S) − Σ
 * |S_v|/|S| H(S_v)", "K(x, z) = exp(−γ||x − z||²): …; large γ → very local boundary", "TP=50, FP=5: precision=50/55≈0.91")
 * and scored 1.0 where the same content in words scored 2.6–3.9. Beside each, the dumps the same rules must still
 * catch. Questions, references and answers are written for these tests.
 */

const grader = createOfflineGrader();

const ENTROPY_QUESTION = 'How does a decision tree use entropy and information gain to choose a split?';
const ENTROPY_REFERENCE =
  'Entropy measures the impurity of a node from its class proportions: H(S) = −Σ p log2 p, zero for a pure node and highest for an even mix. ' +
  'Information gain is the parent entropy minus the weighted entropy of the children after a split. ' +
  'The tree tries every candidate split and keeps the one with the largest information gain, so each split makes the children purer.';
const BACKPROP_QUESTION = 'How does backpropagation compute the gradients of a multi-layer network?';
const BACKPROP_REFERENCE =
  'Backpropagation applies the chain rule from the loss back through every layer. The forward pass stores each layer pre-activation z and activation a. ' +
  'The backward pass computes each layer error signal from the one above, multiplied by the derivative of the activation. ' +
  'The weight gradient of a layer is its error signal times the transposed activations of the layer below, and the bias gradient is the error signal itself.';
const METRICS_QUESTION = 'How are precision and recall computed from the confusion matrix?';
const METRICS_REFERENCE =
  'Precision = TP / (TP + FP) is the share of positive predictions that are right. Recall = TP / (TP + FN) is the share of actual positives found. ' +
  'Raising the threshold usually raises precision and lowers recall; F1 is their harmonic mean.';
const REGULARISATION_QUESTION = 'What do L1 and L2 regularisation do to a model?';
const REGULARISATION_REFERENCE =
  'Regularisation adds a penalty on the weights to the loss so the model fits the signal rather than the noise. ' +
  'L1 (lasso) adds the sum of absolute weights and drives some weights to exactly zero, which selects features. ' +
  'L2 (ridge) adds the sum of squared weights and shrinks all weights smoothly towards zero. A larger penalty gives a simpler model.';

const GRADIENT_QUESTION = 'How does gradient descent work?';
const GRADIENT_REFERENCE =
  'Gradient descent minimises a loss by repeatedly moving the parameters a small step against the gradient of the loss. ' +
  'The learning rate sets the step size: too large and it diverges, too small and it is slow. It stops when the loss or the gradient stops changing.';
const LOC_QUESTION = 'What is the difference between loc and iloc in pandas?';
const LOC_REFERENCE =
  'loc selects rows and columns by label, and its slices include the end label. iloc selects by integer position, and its slices exclude the end, like Python slicing. ' +
  'Use loc with index labels or boolean masks and iloc with positions.';

/** The sentence as the technical grader reads it, an operator in code with the word it stands for (code-words.ts). */
const firstSentence = (text: string) => {
  const [sentence] = readCodeAsWords(analyzeText(text));
  if (!sentence) throw new Error(`no sentence in ${text}`);
  return sentence;
};

const grade = async (question: string, reference: string, answer: string) => grader.grade(input(question, reference, answer));

describe('formulas and relations in notation state what they say', () => {
  it.each([
    // Bars, slashes and semicolons inside a formula are its operators and argument separators, not a list's.
    'Gain = H(S) − Σ |S_v|/|S| H(S_v), where H(S) = −Σ p log₂ p.',
    'θ̂ = argmax Π p(y_i | x_i; θ) = argmin −Σ log p(y_i | x_i; θ).',
    // Greek letters, subscripts and superscripts are symbols: the left side of an equation may be an expression.
    'Backward: δ_L = ∂L/∂a_L ⊙ g′(z_L); δ_l = W_{l+1}ᵀ δ_{l+1} ⊙ g′(z_l); ∂L/∂W_l = δ_l a_{l-1}ᵀ; ∂L/∂b_l = δ_l.',
    // A formula's numbers are not a list's words.
    'With 30 TP and 20 FP, precision = 30 / (30 + 20) = 0.6.',
    // Names set to values in code are assignments.
    'TP=30, FP=20, FN=10: precision=30/50=0.6, recall=30/40=0.75.',
    // Comparisons and mappings with a symbol or a value on a side.
    'Regularisation shapes weights (L1 → exact zeros, L2 → small weights) so the model fits signal, not noise.',
    'Gaussian p ⇒ squared error; Bernoulli p ⇒ cross-entropy; Laplace p ⇒ absolute error.',
    'RBF: K(x, z) = exp(−γ‖x − z‖²); large γ → local, wiggly boundary; small γ → smooth boundary.',
    "loc -> labels (df.loc['b']), iloc -> positions (df.iloc[1]).",
    // An arrow between phrases, alone in its piece.
    'softmax([3, 1]) = [e³, e¹]/(e³ + e) ≈ [0.88, 0.12]: positive, sums to 1, larger logit → larger probability.',
  ])('reads a statement in notation as a statement, not a list of terms: %s', (text) => {
    expect(isTermList(firstSentence(text))).toBe(false);
  });

  it('grades a split criterion written as formulas as the explanation it is', async () => {
    const result = await grade(
      ENTROPY_QUESTION,
      ENTROPY_REFERENCE,
      'Gain = H(S) − Σ |S_v|/|S| H(S_v), where H(S) = −Σ p log₂ p. The split with the largest gain wins.',
    );
    expect(dimension(result, 'clarity').rationale).not.toMatch(/list of keywords/);
    expect(result.improvements.join(' ')).not.toMatch(/a list shows recall/);
    expect(result.overall).toBeGreaterThanOrEqual(3);
  });

  it('grades a worked example in numbers as the explanation it is', async () => {
    const result = await grade(
      METRICS_QUESTION,
      METRICS_REFERENCE,
      'TP=30, FP=20, FN=10: precision=30/50=0.6, recall=30/40=0.75.',
    );
    expect(dimension(result, 'clarity').rationale).not.toMatch(/list of keywords/);
    expect(result.overall).toBeGreaterThanOrEqual(3);
  });

  it('grades mappings from symbols to what follows from them as statements', async () => {
    const result = await grade(
      REGULARISATION_QUESTION,
      REGULARISATION_REFERENCE,
      'Regularisation penalises weights (L1 → exact zeros, L2 → small weights) so the model fits signal, not noise.',
    );
    expect(dimension(result, 'clarity').rationale).not.toMatch(/list of keywords/);
    expect(result.overall).toBeGreaterThanOrEqual(3);
  });

  it('does not call an answer written in notation off-topic for having no words of the reference', async () => {
    const result = await grade(
      BACKPROP_QUESTION,
      BACKPROP_REFERENCE,
      "Forward: z_l = W_l a_{l-1} + b_l; a_l = g(z_l). Backward: δ_L = ∂L/∂a_L ⊙ g′(z_L); δ_l = W_{l+1}ᵀ δ_{l+1} ⊙ g′(z_l); ∂L/∂W_l = δ_l a_{l-1}ᵀ; ∂L/∂b_l = δ_l.",
    );
    expect(result.improvements.join(' ')).not.toMatch(/does not address the question/);
    expect(result.overall).toBeGreaterThan(2);
  });
});

describe('keyword dumps in notation stay keyword dumps', () => {
  it('still reads a chain of arrows between phrases that say more than a name as a statement', () => {
    expect(isTermList(firstSentence('Raising the threshold → fewer false positives → higher precision.'))).toBe(false);
    expect(isTermList(firstSentence('backprop → chain rule → learning rate → weight updates → convergence'))).toBe(true);
  });

  it.each([
    // A chain of arrows between bare words relates nothing: a lone name beside a lone word names it.
    ['overfitting → regularisation → dropout → L2 → weight decay', REGULARISATION_QUESTION, REGULARISATION_REFERENCE],
    ['gradient descent -> cost function -> gradient -> learning rate -> weights update -> minimum', GRADIENT_QUESTION, GRADIENT_REFERENCE],
    ['L1 → lasso, L2 → ridge, λ → penalty, w → weights, loss → noise', REGULARISATION_QUESTION, REGULARISATION_REFERENCE],
    // Names set to names, in code or in arrows, are no values.
    ['precision=TP, recall=FN, F1=harmonic, threshold=tradeoff', METRICS_QUESTION, METRICS_REFERENCE],
    ['precision -> TP, recall -> FN, F1 -> harmonic mean, threshold -> tradeoff', METRICS_QUESTION, METRICS_REFERENCE],
    // Greek letters and symbols listed are a list.
    ['entropy, H(S), Σ, p, log₂, information gain, purity, split, children', ENTROPY_QUESTION, ENTROPY_REFERENCE],
    ['δ, ∂L, W, a, z, chain rule, gradients, transposed activations, error signal', BACKPROP_QUESTION, BACKPROP_REFERENCE],
    // Each symbol given a value or compared with one: a case's values, not what the answer is about.
    ['TP > 0, FP > 0, FN > 0, TN > 0.', METRICS_QUESTION, METRICS_REFERENCE],
    ['TP ≠ 0, FP ≠ 0, FN ≠ 0.', METRICS_QUESTION, METRICS_REFERENCE],
    ['TP=40, FP=10, FN=5, TN=45.', METRICS_QUESTION, METRICS_REFERENCE],
  ])('scores a keyword list in notation at most 2: %s', async (answer, question, reference) => {
    expect((await grade(question, reference, answer)).overall).toBeLessThanOrEqual(2);
  });
});

describe('labels that vary the same attribute compare, as a table does', () => {
  it('grades two labels set against each other as a comparison, not a keyword list', async () => {
    const result = await grade(LOC_QUESTION, LOC_REFERENCE, 'loc: by label, end included. iloc: by integer position, end excluded.');
    expect(dimension(result, 'clarity').rationale).not.toMatch(/list of keywords/);
    expect(result.improvements.join(' ')).not.toMatch(/a list shows recall/);
    expect(result.overall).toBeGreaterThanOrEqual(3);
  });

  it.each([
    // Labels heading lone names, or terms that say nothing alike, sort a dump without comparing.
    ['precision: TP, FP; recall: TP, FN; F1: harmonic mean; threshold: tradeoff', METRICS_QUESTION, METRICS_REFERENCE],
    ['loc: labels, masks; iloc: positions, integers', LOC_QUESTION, LOC_REFERENCE],
    ['L1: lasso, zeros, sparsity; L2: ridge, shrinkage; both: penalty, weights', REGULARISATION_QUESTION, REGULARISATION_REFERENCE],
  ])('scores labelled keyword lists at most 2: %s', async (answer, question, reference) => {
    expect((await grade(question, reference, answer)).overall).toBeLessThanOrEqual(2);
  });
});
