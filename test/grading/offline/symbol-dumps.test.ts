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
