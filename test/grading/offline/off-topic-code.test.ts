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

const GRADIENT_DESCENT_QUESTION = 'What is gradient descent?';
const GRADIENT_DESCENT_REFERENCE =
  'Gradient descent is an optimization algorithm that finds the parameters minimizing a loss function. It starts from initial parameters, ' +
  'computes how the loss changes with each parameter, and moves them a small step against that slope. It repeats until the loss stops improving.';
const BATCH_NORM_QUESTION = 'What does batch normalization do during training?';
const BATCH_NORM_REFERENCE =
  'Batch normalization normalises each feature over the mini-batch, then rescales it with learned parameters, a scale γ and a shift β, with a small ε ' +
  'added for numerical stability. This makes deep networks faster and more stable to train and allows higher learning rates. At inference, running ' +
  'averages replace the batch statistics, so a prediction does not depend on the other examples in the batch.';
const offTopic = async (question: string, reference: string, answer: string): Promise<boolean> =>
  OFF_TOPIC.test((await everyEstimateLow.grade(input(question, reference, answer))).improvements.join(' '));

describe('an answer given wholly in notation is read as notation, whatever its number of lines', () => {
  it('keeps a one-line update rule on topic by what its symbols stand for (∇ a gradient, ← an update)', async () => {
    expect(await offTopic(GRADIENT_DESCENT_QUESTION, GRADIENT_DESCENT_REFERENCE, 'θ ← θ − η ∇L(θ)')).toBe(false);
  });

  it('keeps a one-line formula on topic when its symbols name the question (P(A|B) a conditional probability)', async () => {
    expect(
      await offTopic(
        'Explain conditional probability.',
        'Conditional probability measures the chance of one event happening given that another has occurred.',
        'P(A|B) = P(A ∩ B) / P(B)',
      ),
    ).toBe(false);
  });

  it('still calls a one-line formula for another concept off-topic', async () => {
    expect(await offTopic(GRADIENT_DESCENT_QUESTION, GRADIENT_DESCENT_REFERENCE, 'P(A|B) = P(A ∩ B) / P(B)')).toBe(true);
    expect(await offTopic(BATCH_NORM_QUESTION, BATCH_NORM_REFERENCE, 'G = 1 − Σₖ pₖ²')).toBe(true);
  });
});

describe('symbols read as the words and symbols a reference writes', () => {
  it('does not read argmin as the "minimum" of a reference about something else', async () => {
    const reference =
      'A decision tree is grown top-down: each node takes the split with the lowest impurity, and the tree stops growing at a maximum depth or a minimum number of samples per leaf.';
    const code = 'labels = np.argmin(((X[:, None] - C) ** 2).sum(-1), axis=1)\nC = np.array([X[labels == j].mean(0) for j in range(k)])';
    expect(await offTopic('How is a decision tree grown?', reference, code)).toBe(true);
  });

  it('reads gamma, beta and eps in code as the reference\'s γ, β and ε', async () => {
    const code = 'z = (x - m) / np.sqrt(s2 + eps)\ny = gamma * z + beta';
    expect(await offTopic(BATCH_NORM_QUESTION, BATCH_NORM_REFERENCE, code)).toBe(false);
  });

  it('reads α in notation as the "alpha" a reference spells', async () => {
    const reference =
      'Ridge regression adds an L2 penalty to the least-squares loss, which shrinks every coefficient toward zero but never exactly to zero. ' +
      'Its strength is a parameter alpha: larger values give stronger regularization. It handles multicollinearity by spreading weight among ' +
      'correlated features, and it has a closed-form solution.';
    expect(await offTopic('What is Ridge regression?', reference, 'J(w) = ‖y − Xw‖² + α‖w‖²\nw = (XᵀX + αI)⁻¹Xᵀy')).toBe(false);
  });

  it('reads an acronym as the words of the reference it spells out (MSE for mean squared error)', async () => {
    const reference =
      'A loss function measures how wrong the predictions are. For regression, mean squared error averages the squared differences; for classification, cross-entropy compares predicted probabilities with the classes.';
    expect(await offTopic('What is a loss function?', reference, 'MSE = (1/n) Σᵢ (yᵢ − ŷᵢ)²')).toBe(false);
  });

  it('reads σ as a standard deviation and N(μ, σ²) as a normal distribution', async () => {
    const normal = 'A bell curve is completely described by its mean and its standard deviation: most values lie within a few deviations of the mean.';
    expect(await offTopic('What is a bell curve?', normal, 'p(x) = exp(−(x − μ)²/(2σ²)) / (σ√(2π))')).toBe(false);
    expect(await offTopic('What is a normal distribution?', 'It is a bell-shaped curve, symmetric around its centre.', 'X ~ N(μ, s²)')).toBe(false);
  });

  it('reads np.maximum as the "max" a reference writes', async () => {
    const reference =
      'ReLU stands for rectified linear unit: mathematically it is the max of zero and x. It is cheap to compute and does not saturate for positive inputs, so deep networks train faster.';
    expect(await offTopic('What is the ReLU activation?', reference, 'out = np.maximum(0, x)\ngrad = (x > 0) * upstream')).toBe(false);
  });

  it('reads η as a learning rate', async () => {
    const reference = 'The learning rate sets how big a step each update takes: too large and training diverges, too small and it crawls.';
    expect(await offTopic('What is the learning rate?', reference, 'w_next = w − η g\nη ≈ 0.001')).toBe(false);
  });

  it('reads f′ and dL/dw as derivatives', async () => {
    const derivative = 'A derivative measures how fast a function changes as its input changes: the slope of the function at a point.';
    expect(await offTopic('What is a derivative and why does it matter?', derivative, 'f′(x) = lim_{h→0} (f(x + h) − f(x)) / h')).toBe(false);
    expect(await offTopic('What is a derivative and why does it matter?', derivative, 'w ← w − η dL/dw')).toBe(false);
  });

  it('reads a name no corpus text uses that opens a question term as that term (X_boot for bootstrap)', async () => {
    const reference = 'Bootstrap sampling draws a new dataset as large as the original with replacement, so some rows repeat and others are left out.';
    const code = 'picks = np.random.randint(0, n, n)\nX_boot, y_boot = X[picks], y[picks]';
    expect(await offTopic('What is bootstrap sampling?', reference, code)).toBe(false);
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
