import { describe, expect, it } from 'vitest';
import { readsAsSymbolDump, readCodeAsWords, spellsAcronym } from '../../../src/grading/offline/code-words.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader, SHIPPED_MODELS } from '../../../src/grading/offline/offline-grader.js';
import { termCounts } from '../../../src/grading/offline/terms.js';
import { SHIPPED_TECHNICAL_MODEL } from '../../../src/grading/offline/technical-model.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * Round 19 read a formula's symbols as the words they stand for, and an answer's conventional symbols and acronyms as
 * evidence it is about the question. A row of every symbol ("Σ ∂ ∇ · √ ‖‖² e^ P(y|x) σ η γ μ θ") then met a few of any
 * reference's words, and code for another task met one by an acronym in a comment, so both passed as partly right
 * (2.2–2.9 instead of 1.2). A grader whose fit reads every estimate as low shows what the off-topic rule decides.
 * Questions, references and answers are written for these tests.
 */

const everyEstimateLow = createOfflineGrader({
  ...SHIPPED_MODELS,
  technical: { ...SHIPPED_TECHNICAL_MODEL, regressions: SHIPPED_TECHNICAL_MODEL.regressions.map((regression) => ({ ...regression, lowEstimate: 1 })) },
});
const OFF_TOPIC = /does not address the question/;
const offTopic = async (question: string, reference: string, answer: string): Promise<boolean> =>
  OFF_TOPIC.test((await everyEstimateLow.grade(input(question, reference, answer))).improvements.join(' '));

const KERNEL_QUESTION = 'How does a kernel SVM separate classes that are not linearly separable?';
const KERNEL_REFERENCE =
  'A kernel SVM replaces every dot product xᵢ · xⱼ in its dual problem with a kernel k(xᵢ, xⱼ) = φ(xᵢ) · φ(xⱼ), the inner product in a feature space ' +
  'where a hyperplane separates the classes. The RBF kernel exp(−γ‖x − z‖²) stands for an infinite-dimensional space, yet costs only a distance ' +
  'to compute. The margin is maximised in that space, so the boundary is linear there and curved in the input space.';
const SYMBOL_DUMP = 'g = Σᵢ ∂L/∂θ · √(‖∇f‖²) · e^{−λt} · P(y|x), with σ, η, γ, μ and θ.';

const LSTM_QUESTION = 'How does an LSTM decide what to keep in its cell state?';
const LSTM_REFERENCE =
  'An LSTM carries a cell state from step to step, and three gates decide what happens to it. The forget gate scales down what the cell keeps, ' +
  'the input gate decides how much of the new candidate values is written, and the output gate decides how much of the cell is exposed as the hidden state.';
const METRICS_QUESTION = 'Which metrics would you use to evaluate a regression model?';
const METRICS_REFERENCE =
  'Mean squared error averages the squared residuals and punishes large errors; mean absolute error averages their size and is robust to outliers; ' +
  'R squared is the share of the variance the model explains.';

describe('a dump of symbols is read by what it says in words', () => {
  it('holds a row of every symbol off-topic though some of them are the reference\'s notation', async () => {
    expect(await offTopic(KERNEL_QUESTION, KERNEL_REFERENCE, SYMBOL_DUMP)).toBe(true);
  });

  it("keeps a formula written in the reference's own symbols on topic", async () => {
    expect(await offTopic(KERNEL_QUESTION, KERNEL_REFERENCE, 'k(x, z) = φ(x) · φ(z) = exp(−γ‖x − z‖²)')).toBe(false);
  });

  it('tells a dump from a formula by the share of its operations the reference writes', () => {
    const reference = termCounts(analyzeText(KERNEL_REFERENCE));
    const read = (answer: string) => readCodeAsWords(analyzeText(answer), reference);
    expect(readsAsSymbolDump(read(SYMBOL_DUMP), reference)).toBe(true);
    expect(readsAsSymbolDump(read('k(x, z) = φ(x) · φ(z) = exp(−γ‖x − z‖²)'), reference)).toBe(false);
  });
});

const LOGISTIC_QUESTION = 'What is the logistic function?';
const LOGISTIC_REFERENCE =
  'The logistic function, also called sigmoid, is defined as one divided by one plus e to the power of negative x. It has an S-shaped curve ' +
  'that smoothly transitions from zero to one, and turns linear combinations of features into probabilities. Its derivative has a simple ' +
  'form, convenient for optimization algorithms computing gradients.';
const F1_QUESTION = 'How do you compute metrics from a confusion matrix?';
const F1_REFERENCE =
  'All classification metrics derive from the four counts of the confusion matrix. Precision = TP / (TP + FP) is the share of positive ' +
  'predictions that are right. Recall = TP / (TP + FN) is the share of actual positives found. Specificity = TN / (TN + FP) is the recall ' +
  'of the negative class. F1 = 2 * precision * recall / (precision + recall) is their harmonic mean.';

describe("one formula defining what the reference names is the reference's notation, not a dump", () => {
  const SIGMOID = 'σ(z) = 1 / (1 + e^(−z)) ∈ (0, 1)';

  it("does not read a formula defining the reference's quantity as a dump, whatever words its operations stand for", () => {
    const reference = termCounts(analyzeText(LOGISTIC_REFERENCE));
    const question = new Set(termCounts(analyzeText(LOGISTIC_QUESTION)).keys());
    const read = (answer: string) => readCodeAsWords(analyzeText(answer), reference);
    expect(readsAsSymbolDump(read(SIGMOID), reference, question)).toBe(false);
    // The defining formula is no part of the dump, and the rest of a dump is one still.
    expect(readsAsSymbolDump(read(`${SIGMOID}; ${SYMBOL_DUMP}`), reference, question)).toBe(true);
  });

  it('keeps a right sigmoid formula on topic where the reference calls the logistic function the sigmoid', async () => {
    expect(await offTopic(LOGISTIC_QUESTION, LOGISTIC_REFERENCE, SIGMOID)).toBe(false);
  });

  it("does not hold apart an equation equal to the reference's own in other letters", async () => {
    expect(await offTopic(F1_QUESTION, F1_REFERENCE, 'F1 = 2·P·R/(R + P): low when either is low.')).toBe(false);
  });
});

describe('acronyms in code are read by most of them, not one that falls on the reference by chance', () => {
  const otherTask = 'def fit(X, y):\n    err = X @ w - y  # RMSE, AUC, IG and KL\n    return err';

  it('holds code for another task off-topic when one acronym of its comment happens to spell reference words', async () => {
    expect(spellsAcronym(analyzeText(otherTask), [LSTM_QUESTION, LSTM_REFERENCE])).toBe(false);
    expect(await offTopic(LSTM_QUESTION, LSTM_REFERENCE, otherTask)).toBe(true);
  });

  it('does not read a name code gives its own reading as an acronym (`lam` is lambda, not "low-accuracy models")', () => {
    const boosting = 'Boosting combines many low-accuracy models into one strong model, each new model fitted to the errors of the ones before.';
    expect(spellsAcronym(analyzeText('w = w - lr * (grad + lam * w)'), ['What is boosting?', boosting])).toBe(false);
  });

  it('still reads acronyms that spell the reference, and no short word of code counts against them ("abs", "mean")', () => {
    const code = 'mse = np.mean((y - y_pred) ** 2)\nmae = np.mean(np.abs(y - y_pred))';
    expect(spellsAcronym(analyzeText(code), [METRICS_QUESTION, METRICS_REFERENCE])).toBe(true);
  });
});

describe('two initials count as an acronym only where the reference uses the words as a term', () => {
  const comment = 'def fit(X, y):\n    err = X @ w - y  # MSE with TP, FP and IG\n    return err';
  const backpropagation =
    'Backpropagation applies the chain rule from the loss back through the network after forward propagation, reusing each layer\'s ' +
    'gradient for the layer before it. Without it, training problems with millions of weights would need a separate pass per weight.';

  it('holds code for another task off-topic when two of its four initials fall on words the reference writes once each', async () => {
    expect(spellsAcronym(analyzeText(comment), ['What is backpropagation?', backpropagation])).toBe(false);
    expect(await offTopic('What is backpropagation?', backpropagation, comment)).toBe(true);
  });

  it('reads two initials the reference writes twice as words, or next to the acronym, as the acronym', () => {
    const confusion = 'True positives and false positives fill the first column; precision is true positives over all false positives and true positives.';
    expect(spellsAcronym(analyzeText('precision = TP / (TP + FP)'), ['How do you read a confusion matrix?', confusion])).toBe(true);
    const gates = 'The input gate (IG) decides how much of the candidate is written; the forget gate (FG) how much of the cell is kept.';
    expect(spellsAcronym(analyzeText('c = FG * c + IG * g'), [LSTM_QUESTION, gates])).toBe(true);
  });
});

describe("code's \"@\" is the question's matrix only when the code computes nothing else of its own", () => {
  const TRANSPOSE_QUESTION = 'What is the transpose of a matrix?';
  const TRANSPOSE_REFERENCE =
    'The transpose of a matrix flips it over its main diagonal: rows become columns, so the entry in row i and column j moves to row j and column i. ' +
    'An m by n matrix becomes n by m, and transposing twice gives the original matrix back.';
  const otherTask = 'def step(X, y, w):\n    err = X @ w - y\n    grad = X.T @ err\n    w = w - lr * grad + lam * w\n    return np.exp(err) / np.sum(np.exp(err))';

  it('holds code computing an error, a gradient and a softmax off-topic on a matrix question', async () => {
    expect(await offTopic(TRANSPOSE_QUESTION, TRANSPOSE_REFERENCE, otherTask)).toBe(true);
  });

  it('keeps code that only stores data as a matrix and multiplies it on topic', async () => {
    const question = 'Explain what a matrix is and its role in ML algorithms.';
    const reference =
      'A matrix is a rectangular array of numbers in rows and columns. A dataset is stored as a matrix, one row per example and one column per ' +
      'feature, and a layer of a network multiplies it by a matrix of weights.';
    expect(await offTopic(question, reference, 'X = df.to_numpy()\nprint(X.shape)\nout = X @ W')).toBe(false);
  });
});

describe("an operator's word is arithmetic, not the reference's vocabulary", () => {
  it('holds a formula for another quantity off-topic though its "/" reads as the reference\'s "divides"', async () => {
    const question = 'What is the softmax activation function?';
    const reference =
      'Softmax maps a vector of raw scores to a probability distribution over classes. It exponentiates every score and divides each result by the ' +
      'sum of all the exponentiated scores, so every output is positive and the outputs sum to one. The largest score keeps the largest share. It is ' +
      'the usual output layer of a multi-class classifier, and it is smooth, so gradients flow through it during backpropagation.';
    expect(await offTopic(question, reference, 'RMSE = √((1/n) Σ (yᵢ − ŷᵢ)²)')).toBe(true);
  });
});
