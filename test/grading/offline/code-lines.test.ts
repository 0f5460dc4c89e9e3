import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../src/grading/offline/answer-text.js';
import { codeLineOf } from '../../../src/grading/offline/code-lines.js';
import { readCodeAsWords } from '../../../src/grading/offline/code-words.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { dimensionOf, technicalQuestionInput as input } from './fixtures.js';

/* Lines of code as statements (code-lines.ts). Questions, references and answers are written for these tests. */

const readsAsCode = (line: string): boolean => readAnswer(line).sentences.every((sentence) => codeLineOf(sentence)?.kind === 'statement');

const grader = createOfflineGrader();

const GD_QUESTION = 'How would you implement gradient descent for linear regression from scratch?';
const GD_REFERENCE =
  'Start the weights at zero. In each iteration compute the predictions and the errors, average the errors times the inputs to get ' +
  'the gradient of the mean squared error, and move the weights a small step, the learning rate, against the gradient. ' +
  'Stop when the loss improves by less than a tolerance or after a maximum number of iterations, and return the weights.';
const GD_CODE = [
  'def fit(X, y, lr=0.05, epochs=2000, tol=1e-8):',
  '    w, prev = np.zeros(X.shape[1]), np.inf',
  '    for _ in range(epochs):',
  '        err = X @ w - y',
  '        loss = (err ** 2).mean()',
  '        if prev - loss < tol:',
  '            break',
  '        prev = loss',
  '        w -= lr * 2 * X.T @ err / len(y)',
  '    return w',
].join('\n');

describe('lines of code without a bracket, with arithmetic, or several on a line', () => {
  it('reads keyword statements without a bracket as code: return, break, import', () => {
    for (const line of ['return w, b', 'break', 'continue', 'from sklearn.linear_model import RidgeCV', 'import numpy as np, pandas as pd']) {
      expect(readsAsCode(line), line).toBe(true);
    }
  });

  it('reads an assignment whose value is arithmetic between names as code, however many operators it has', () => {
    for (const line of ['err = X @ w + b - y', 'w -= lr * 2 * X.T @ err / len(y)']) expect(readsAsCode(line), line).toBe(true);
  });

  it('reads statements joined by semicolons as code, each a statement', () => {
    for (const line of ['p = np.exp(s - s.max(1, keepdims=True)); p /= p.sum(1, keepdims=True)', 'ds = p.copy(); ds[np.arange(n), y] -= 1; ds /= n']) {
      expect(readsAsCode(line), line).toBe(true);
    }
  });

  it('still reads prose that opens with a keyword of code, or has a semicolon, as prose', () => {
    for (const line of ['return the model to the caller', 'import the data first and check it', 'x = 1; the rest is obvious', 'x = the model that reads all the data well']) {
      expect(readsAsCode(line), line).toBe(false);
    }
  });

  it('grades gradient descent written as a function as code statements, not as a keyword list', async () => {
    const result = await grader.grade(input(GD_QUESTION, GD_REFERENCE, GD_CODE));
    expect(dimensionOf(result, 'clarity').rationale).not.toMatch(/list of keywords/i);
    expect(result.overall).toBeGreaterThanOrEqual(2.5);
  });
});

describe('code inside a sentence', () => {
  const METRICS_QUESTION = 'How do you calculate metrics from a confusion matrix?';
  const METRICS_REFERENCE =
    'Precision equals true positives divided by true positives plus false positives. Recall equals true positives divided by ' +
    'true positives plus false negatives. Accuracy equals true positives plus true negatives divided by all examples.';
  const FIT_QUESTION = 'How do you train a Keras model?';
  const FIT_REFERENCE =
    'Call the fit method with training data, labels, batch size, and number of epochs. Optionally provide validation data to ' +
    'monitor generalization during training. Fit returns a history object containing loss and metric values per epoch.';

  it('reads formulas in code separated by commas as formulas, not as a keyword list (a division is no separator)', async () => {
    const result = await grader.grade(input(METRICS_QUESTION, METRICS_REFERENCE, 'precision = TP/(TP+FP), recall = TP/(TP+FN), accuracy = (TP+TN)/all.'));
    expect(dimensionOf(result, 'clarity').rationale).not.toMatch(/list of keywords/i);
    expect(result.overall).toBeGreaterThanOrEqual(2.5);
  });

  it('reads a call with keyword arguments in backticks as code, not as words in backticks', async () => {
    const result = await grader.grade(input(FIT_QUESTION, FIT_REFERENCE, '`model.fit(X, y, epochs=10, batch_size=32, validation_split=0.2)` after compile.'));
    expect(dimensionOf(result, 'clarity').rationale).not.toMatch(/list of keywords/i);
    expect(result.overall).toBeGreaterThanOrEqual(2.5);
  });

  it('still reads terms between slashes or in backticks as a keyword list', async () => {
    for (const dump of ['precision/recall/accuracy/positives/negatives/matrix', '`precision, recall, accuracy, true positives, false negatives`']) {
      const result = await grader.grade(input(METRICS_QUESTION, METRICS_REFERENCE, dump));
      expect(result.overall, dump).toBeLessThanOrEqual(2);
    }
  });
});

describe('code read with the words it stands for', () => {
  const ENUMERATE_QUESTION = 'What is the enumerate function and when should you use it?';
  const ENUMERATE_REFERENCE =
    'Enumerate is a handy function that gives you both the index and the value when looping through a sequence. Instead of writing ' +
    'a counter variable manually, enumerate does it automatically. In machine learning, this is useful when you need to track ' +
    'position while processing data, like tracking which epoch you are in during model training.';
  const MASK_QUESTION = 'How do you use boolean indexing?';
  // The corpus model answer (ml-interview-preparation-guide.txt, boolean indexing).
  const MASK_REFERENCE =
    'Boolean indexing uses true-false arrays to select elements meeting certain conditions. You create a ' +
    'boolean array with a condition like array greater than five, which marks which elements satisfy the ' +
    'condition. Then you use this boolean array as an index like array bracket array greater than five bracket ' +
    'to select only those elements. In machine learning, boolean indexing filters data, removes outliers, ' +
    'selects specific classes, or masks invalid values. It’s an elegant way to work with subsets of data based ' +
    'on logical conditions.';

  it('reads a for header as a loop: an enumerate loop in code is about the question, not off-topic', async () => {
    const result = await grader.grade(input(ENUMERATE_QUESTION, ENUMERATE_REFERENCE, 'for i, name in enumerate(feature_names):\n    print(i, name)'));
    expect(dimensionOf(result, 'correctness').rationale).not.toMatch(/does not address the question/);
    expect(result.overall).toBeGreaterThan(1.5);
  });

  it('reads a conventional name in code as its word ("arr" an array): a one-line mask is about the question', async () => {
    const result = await grader.grade(input(MASK_QUESTION, MASK_REFERENCE, '`arr[arr > 0]` keeps only the positive values.'));
    expect(dimensionOf(result, 'correctness').rationale).not.toMatch(/does not address the question/);
    expect(result.overall).toBeGreaterThan(1.5);
  });

  it('keeps the term of a name the reference writes itself', () => {
    const [plain] = readAnswer('y = df.iloc[5]').sentences;
    if (plain === undefined) throw new Error('no sentence');
    const term = plain.tokens.find((token) => token.text === 'df')?.term ?? '';
    const read = (terms: ReadonlyMap<string, number>): string | undefined => readCodeAsWords([plain], terms)[0]?.tokens.find((token) => token.text === 'df')?.term;
    expect(read(new Map([[term, 1]]))).toBe(term);
    expect(read(new Map())).not.toBe(term);
  });
});
