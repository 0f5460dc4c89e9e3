import { describe, expect, it } from 'vitest';
import { readCodeAsWords } from '../../../src/grading/offline/code-words.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader, SHIPPED_MODELS } from '../../../src/grading/offline/offline-grader.js';
import { SHIPPED_TECHNICAL_MODEL } from '../../../src/grading/offline/technical-model.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * Whether an answer given as code or notation is about its question must not hang on the fitted estimate's level, which
 * any refit moves: the hinged fit put a correct backpropagation answer in notation at 0.234 (0.373 before) and correct
 * NumPy answers to PCA under the old fixed line of 0.35. A grader whose fit reads every estimate as low shows what
 * the answer's own symbols and names decide. Questions, references and answers are written for these tests.
 */

const everyEstimateLow = createOfflineGrader({
  ...SHIPPED_MODELS,
  technical: { ...SHIPPED_TECHNICAL_MODEL, regressions: SHIPPED_TECHNICAL_MODEL.regressions.map((regression) => ({ ...regression, lowEstimate: 1 })) },
});
const OFF_TOPIC = /does not address the question/;

const BACKPROP_QUESTION = 'How does backpropagation compute the gradients of a multi-layer network?';
const BACKPROP_REFERENCE =
  'Backpropagation applies the chain rule from the loss back through every layer. The forward pass stores each layer pre-activation z and activation a. ' +
  'The backward pass computes each layer error signal from the one above, multiplied by the derivative of the activation. ' +
  'The weight gradient of a layer is its error signal times the transposed activations of the layer below, and the bias gradient is the error signal itself.';
const PCA_QUESTION = 'How does PCA find its principal components, and how do you decide how many to keep?';
const PCA_REFERENCE =
  'PCA centres the data and computes its covariance matrix. The eigenvectors of the covariance matrix are the principal components and ' +
  'their eigenvalues the variance each explains. Sort the components by eigenvalue and keep enough of them to explain most of the variance, ' +
  'for example 95% of the cumulative explained variance, or look for the elbow in a scree plot.';

describe('an answer given as code or notation is judged on topic by what it says, not by the fit', () => {
  it('keeps an answer in notation on topic by what its symbols stand for (∂ a derivative), however low the fit puts it', async () => {
    const result = await everyEstimateLow.grade(
      input(BACKPROP_QUESTION, BACKPROP_REFERENCE, 'z_l = W_l a_{l-1} + b_l, a_l = g(z_l).\nδ_l = W_{l+1}ᵀ δ_{l+1} ⊙ g′(z_l), ∂L/∂W_l = δ_l a_{l-1}ᵀ.'),
    );
    expect(result.improvements.join(' ')).not.toMatch(OFF_TOPIC);
  });

  it('keeps NumPy code on topic by the words its names are made of (np.cov a covariance, eigh eigenvalues)', async () => {
    const result = await everyEstimateLow.grade(input(PCA_QUESTION, PCA_REFERENCE, 'w, V = np.linalg.eigh(np.cov(Xc.T))\nZ = Xc @ V[:, ::-1][:, :2]'));
    expect(result.improvements.join(' ')).not.toMatch(OFF_TOPIC);
  });

  it('keeps a conditional probability in notation and a softmax in NumPy on topic (P(A|B) is a probability given B, np.exp exponentiates)', async () => {
    const conditional = await everyEstimateLow.grade(
      input(
        'Explain conditional probability.',
        'Conditional probability measures the chance of one event happening given that another has occurred. Written as P of A given B, it is the probability of A when you know B is true.',
        'P(A|B) = P(A ∩ B) / P(B)\nP(A ∩ B) = P(A|B) P(B)',
      ),
    );
    expect(conditional.improvements.join(' ')).not.toMatch(OFF_TOPIC);
    const softmax = await everyEstimateLow.grade(
      input(
        'What is the softmax activation function?',
        'Softmax converts a vector of numbers into probabilities that sum to one. For each class, softmax exponentiates its score then divides by the sum of all exponentiated scores.',
        'e = np.exp(z - z.max(axis=1, keepdims=True))\nprobs = e / e.sum(axis=1, keepdims=True)',
      ),
    );
    expect(softmax.improvements.join(' ')).not.toMatch(OFF_TOPIC);
  });

  it('still calls code for another task off-topic', async () => {
    const result = await everyEstimateLow.grade(input(PCA_QUESTION, PCA_REFERENCE, "df = pd.read_csv('users.csv')\ndf = df.dropna(subset=['email'])"));
    expect(result.improvements.join(' ')).toMatch(OFF_TOPIC);
  });
});

describe('the loop index in code', () => {
  const termOfIndex = analyzeText('index')[0]?.tokens[0]?.term;

  it('reads i and j in a line of code as "index", as "idx" is', () => {
    expect(termOfIndex).toBeTruthy();
    const read = readCodeAsWords(analyzeText('for i, name in enumerate(feature_names):'));
    expect(read[0]?.tokens.find((token) => token.text === 'i')?.term).toBe(termOfIndex);
    const nested = readCodeAsWords(analyzeText('total += grid[i][j]'));
    expect(nested[0]?.tokens.find((token) => token.text === 'j')?.term).toBe(termOfIndex);
  });

  it('does not read "i" in prose as an index', () => {
    const read = readCodeAsWords(analyzeText('Then i set lr = 0.1 and the loss fell.'));
    const pronoun = read[0]?.tokens.find((token) => token.text === 'i');
    expect(pronoun).toBeDefined();
    expect(pronoun?.term).not.toBe(termOfIndex);
  });
});
