import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readEquations } from '../../../src/grading/offline/formulas.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { dimensionOf as dimension, technicalQuestionInput as input } from './fixtures.js';

/*
 * A wrong formula written in the model answer's symbols (round 16 made equations read as statements, and "precision =
 * TN / (FN + FP), …" scored 3.5). Questions and references are written for these tests, in the three ways the corpus
 * writes formulas: inline symbols, LaTeX, and words said aloud (the guide's model answers).
 */

const grader = createOfflineGrader();

const METRICS_QUESTION = 'How do you compute metrics from a confusion matrix?';
const METRICS_REFERENCE =
  'All classification metrics derive from the four counts of the confusion matrix. ' +
  'Precision = TP / (TP + FP) is the share of positive predictions that are right. Recall = TP / (TP + FN) is the share of actual positives found. ' +
  'Specificity = TN / (TN + FP) is the recall of the negative class. F1 = 2 * precision * recall / (precision + recall) is their harmonic mean.';
const SPOKEN_QUESTION = 'How do you calculate metrics from a confusion matrix?';
const SPOKEN_REFERENCE =
  'All classification metrics derive from confusion matrix values. Precision equals true positives divided by true positives plus false positives. ' +
  'Recall equals true positives divided by true positives plus false negatives. Specificity equals true negatives divided by true negatives plus false positives.';
const LATEX_QUESTION = 'Explain precision, recall and the F1 score.';
const LATEX_REFERENCE = [
  '**Precision** answers: of everything predicted positive, how much is right?',
  '$$\\text{Precision} = \\frac{TP}{TP + FP}$$',
  '**Recall** answers: of everything actually positive, how much did we find?',
  '$$\\text{Recall} = \\frac{TP}{TP + FN}$$',
  '**F1** is the harmonic mean of the two:',
  '$$F1 = 2 \\times \\frac{\\text{Precision} \\times \\text{Recall}}{\\text{Precision} + \\text{Recall}}$$',
].join('\n');

const WRONG_ROW = 'specificity = TN * TP / FP, precision = TN / (FN + FP), recall = TN * FN / TP.';

const grade = async (question: string, reference: string, answer: string) => grader.grade(input(question, reference, answer));
const formulaAdvice = (improvements: readonly string[]) => improvements.filter((text) => text.includes('Your formula for'));

describe('a formula that differs from the model answer', () => {
  it('calls a wrong formula row written in the reference symbols wrong, at most 2.5, and names both formulas', async () => {
    for (const [question, reference] of [
      [METRICS_QUESTION, METRICS_REFERENCE],
      [SPOKEN_QUESTION, SPOKEN_REFERENCE],
    ] as const) {
      const result = await grade(question, reference, WRONG_ROW);
      expect(result.overall).toBeLessThanOrEqual(2.5);
      expect(dimension(result, 'correctness').score).toBeLessThanOrEqual(2);
      expect(formulaAdvice(result.improvements).join(' ')).toMatch(/Your formula for specificity, TN \* TP \/ FP, differs from the model answer's TN \/ \(TN \+ FP\)/);
    }
  });

  it('catches a swapped fraction, a wrong sign and a missing factor', async () => {
    for (const answer of [
      'Precision = (TP + FP) / TP, the share of positive predictions that are right.',
      'Recall = TP / (TP - FN), the share of actual positives the model finds.',
      'F1 = P·R/(P + R), the harmonic mean of precision and recall.',
    ]) {
      const result = await grade(METRICS_QUESTION, METRICS_REFERENCE, answer);
      expect(formulaAdvice(result.improvements), answer).toHaveLength(1);
      expect(result.overall, answer).toBeLessThanOrEqual(2.5);
    }
  });

  it('reads the model answer formulas in LaTeX', async () => {
    const result = await grade(LATEX_QUESTION, LATEX_REFERENCE, 'Precision = TP / (TP + FP), recall = TP / (TP + FN) and F1 = P × R / (P + R), their harmonic mean.');
    expect(formulaAdvice(result.improvements).join(' ')).toMatch(/Your formula for F1, P × R \/ \(P \+ R\), differs from the model answer's 2 × P × R \/ \(P \+ R\)/);
  });
});

describe('a formula that agrees with the model answer', () => {
  it('does not flag the right formulas in another notation', async () => {
    for (const [question, reference, answer] of [
      [METRICS_QUESTION, METRICS_REFERENCE, 'precision = tp/(tp+fp), recall = tp / (tp + fn), and F1 = 2PR / (P + R), their harmonic mean.'],
      [METRICS_QUESTION, METRICS_REFERENCE, 'Specificity is TN/(TN + FP), so the false positive rate FP / (FP + TN) is 1 − specificity.'],
      [LATEX_QUESTION, LATEX_REFERENCE, 'F1 = 2 × (precision × recall) / (precision + recall) = 2TP / (2TP + FP + FN), the harmonic mean.'],
      [SPOKEN_QUESTION, SPOKEN_REFERENCE, 'Precision = true positives / (true positives + false positives) and recall = TP / (TP + FN).'],
    ] as const) {
      const result = await grade(question, reference, answer);
      expect(formulaAdvice(result.improvements), answer).toEqual([]);
    }
  });

  it('does not flag commuted terms and factors', async () => {
    for (const answer of [
      'Precision = TP / (FP + TP), recall = TP / (FN + TP), specificity = TN / (FP + TN).',
      'F1 = 2 * recall * precision / (recall + precision), the harmonic mean of the two.',
      'F1 = 2·P·R/(R + P): low when either is low.',
    ]) {
      const result = await grade(METRICS_QUESTION, METRICS_REFERENCE, answer);
      expect(formulaAdvice(result.improvements), answer).toEqual([]);
      expect(dimension(result, 'correctness').score, answer).toBeGreaterThan(2);
    }
  });

  it('says nothing of an equation for a name the reference does not define', async () => {
    for (const answer of [
      'Accuracy = TN / (TN + FP + FN), and precision = TP / (TP + FP).',
      'NPV = TP / (TP + FN) is the last one; precision = TP / (TP + FP).',
    ]) {
      const result = await grade(METRICS_QUESTION, METRICS_REFERENCE, answer);
      expect(formulaAdvice(result.improvements), answer).toEqual([]);
    }
  });

  it('says nothing of a formula in symbols the reference never uses, nor of a worked example', async () => {
    for (const answer of [
      'Precision = TP / PP, where PP is the number of predicted positives.',
      'With TP = 40 and FP = 10, precision = 40 / 50 = 0.8.',
    ]) {
      const result = await grade(METRICS_QUESTION, METRICS_REFERENCE, answer);
      expect(formulaAdvice(result.improvements), answer).toEqual([]);
    }
  });
});

const FOREST_QUESTION = 'How does a random forest reduce variance?';
const FOREST_REFERENCE =
  'Each tree is trained on a bootstrap sample and each split considers only m = √p of the p features, which decorrelates the trees. ' +
  'Averaging many decorrelated trees lowers the variance of the ensemble.';

describe('an equation that is not a definition', () => {
  it('gives no formula to a name inside an expression on the left ("1 − precision = FP / (TP + FP)")', async () => {
    for (const answer of [
      'Precision = TP / (TP + FP); 1 − precision = FP / (TP + FP) is the false discovery rate.',
      'Recall = TP / (TP + FN), and the miss rate is 1 − recall = FN / (TP + FN).',
      'Precision = TP / (TP + FP) and recall = TP / (TP + FN); their ratio precision / recall = (TP + FN) / (TP + FP).',
      '2 × recall = 2TP / (TP + FN) doubles it; recall = TP / (TP + FN).',
      'Specificity = TN / (TN + FP), and 1 − specificity = FP / (TN + FP) is the false positive rate.',
    ]) {
      const result = await grade(METRICS_QUESTION, METRICS_REFERENCE, answer);
      expect(formulaAdvice(result.improvements), answer).toEqual([]);
    }
    expect(readEquations('1 − sigmoid(x) = sigmoid(−x) = 1 / (1 + e^x)')).toEqual([]);
  });

  it('reads no definition in a condition or a special case', async () => {
    for (const answer of [
      'If precision = recall, then F1 = precision. In general F1 = 2PR / (P + R).',
      'Precision = TP / (TP + FP), recall = TP / (TP + FN). When FP = FN, precision = recall = F1.',
      'F1 = 2PR / (P + R); note that F1 = P only if P = R.',
      'F1 = 2 * precision * recall / (precision + recall); when precision = recall, F1 = precision.',
    ]) {
      const result = await grade(METRICS_QUESTION, METRICS_REFERENCE, answer);
      expect(formulaAdvice(result.improvements), answer).toEqual([]);
    }
  });

  it('reads no definition in an equation set as a case, denied or warned against, and still catches one stated', async () => {
    for (const answer of [
      'Each split considers m = √p features; setting m = p turns the forest into bagging. Averaging decorrelated trees lowers variance.',
      'Bagging is the special case m = p. A random forest uses m = √p, so averaging decorrelated trees lowers variance.',
      'Use m = √p features per split; a common mistake is m = p, which gives correlated trees. Averaging lowers variance.',
      "Typical m = √p. Don't use m = p: that is bagging. Averaging decorrelated trees lowers variance.",
      "Each split samples m = √p features; sklearn's default for regression is m = p. Averaging lowers variance.",
      'm = √p features per split; a forest with m = p and no bootstrap is one tree repeated. Averaging lowers variance.',
    ]) {
      const result = await grade(FOREST_QUESTION, FOREST_REFERENCE, answer);
      expect(formulaAdvice(result.improvements), answer).toEqual([]);
    }
    const stated = await grade(FOREST_QUESTION, FOREST_REFERENCE, 'Each split considers m = p features, and averaging the trees lowers variance.');
    expect(formulaAdvice(stated.improvements).join(' ')).toMatch(/Your formula for m, p, differs from the model answer's sqrt\(p\)/);
  });

  it('reads one defined name set equal to another as a relation, not a formula', async () => {
    const result = await grade(METRICS_QUESTION, METRICS_REFERENCE, 'Precision = TP / (TP + FP). The break-even point is where precision = recall.');
    expect(formulaAdvice(result.improvements)).toEqual([]);
  });

  it('quotes a long wrong formula shortened', async () => {
    const answer = `Precision = ${'TP / '.repeat(2000)}TP, the share of positive predictions that are right.`;
    const [advice = ''] = formulaAdvice((await grade(METRICS_QUESTION, METRICS_REFERENCE, answer)).improvements);
    expect(advice).toMatch(/Your formula for Precision, TP \/ TP .*…, differs/);
    expect(advice.length).toBeLessThan(300);
  });

  it('compares a wrong formula after a condition said in words, which puts no value in question', async () => {
    for (const answer of [
      'Whenever false positives are costly, precision = FP / (TP + FP). It says how many positive predictions are right.',
      'If the matrix is binary, precision = TP / (TP + FN), the share of predicted positives that are right.',
      'With imbalanced data, precision = TN / (FN + FP), the share of predicted positives that are right.',
    ]) {
      const result = await grade(METRICS_QUESTION, METRICS_REFERENCE, answer);
      expect(formulaAdvice(result.improvements).length, answer).toBeGreaterThan(0);
      expect(result.overall, answer).toBeLessThanOrEqual(2.5);
    }
  });

  it('still catches a wrong formula after a condition in an earlier clause', async () => {
    const result = await grade(METRICS_QUESTION, METRICS_REFERENCE, 'When classes are balanced accuracy is fine; precision = TN / (FN + FP) otherwise matters.');
    expect(formulaAdvice(result.improvements)).toHaveLength(1);
  });
});

describe('formulas that agree with the model answer', () => {
  // The notebook's precision/recall answer, whose "→ High recall (flag suspicious activity…)" read this sentence as
  // giving precision recall's "flagged".
  const notebook = readFileSync(fileURLToPath(new URL('../../../data/corpus/ml-engineer-interview-notebook.md', import.meta.url)), 'utf8');
  const start = notebook.indexOf('## Q4:');
  const section = notebook.slice(start, notebook.indexOf('## Q21:', start));
  const question = section.slice('## Q4:'.length, section.indexOf('\n')).trim();
  const reference = section.slice(section.indexOf('\n') + 1).trim();

  it('are no role swap, whatever words the sentence gives each', async () => {
    const answer = 'precision = tp/(tp+fp) is how many flagged cases are real; recall = tp/(tp+fn) is how many real cases you catch; F1 is their harmonic mean.';
    const result = await grade(question, reference, answer);
    expect(result.improvements.join(' ')).not.toMatch(/swaps "precision" and "recall"/);
    expect(dimension(result, 'correctness').score).toBeGreaterThan(2);
  });
});

describe('reading equations', () => {
  it('reads a chain, an aside in brackets, a bulleted line and a function of one variable', () => {
    const read = (text: string) => readEquations(text).map((equation) => [equation.name, equation.text]);
    expect(read('Precision = TP / (TP + FP) = TP / All Predicted Positives')).toEqual([
      ['precision', 'TP / (TP + FP)'],
      ['precision', 'TP / All Predicted Positives'],
    ]);
    expect(read('Recall (sensitivity) = TP/(FN+TP): of all real positives…')).toEqual([['recall', 'TP/(FN+TP)']]);
    expect(read('σ(z) = 1 / (1 + e^(−z)), an S-shaped curve')).toEqual([['sigmoid', '1 / (1 + e^(−z))']]);
    expect(read('- K = N (number of samples)')).toEqual([['k', 'N']]);
    expect(read('typically m = √p for classification, m = p/3 for regression')).toEqual([
      ['m', '√p'],
      ['m', 'p/3'],
    ]);
  });

  it('reads no update, comparison, tuple or dotted call as an equation', () => {
    for (const text of ['w -= lr * dw', 'if a == b', 'X_train, X_test = X[train_idx], X[test_idx]', 'loss = -np.log(p).mean()']) {
      expect(readEquations(text), text).toEqual([]);
    }
  });
});

describe('what the formula reader stays safe with', () => {
  it('reads a one-letter symbol as itself only in the formula it is compared with, not where the reference uses it elsewhere', async () => {
    const withOdds = `${METRICS_REFERENCE} For a probability p of the positive class, its odds = p / (1 − p).`;
    const result = await grade(METRICS_QUESTION, withOdds, 'F1 = 2PR / (P + R), the harmonic mean of precision and recall.');
    expect(formulaAdvice(result.improvements)).toEqual([]);
    expect(result.overall).toBeGreaterThan(2.5);
  });

  it('gives up on brackets, signs and roots nested thousands deep instead of overflowing the stack', () => {
    for (const text of [`precision = ${'('.repeat(3000)}TP`, `x = ${'√'.repeat(3000)}2`, `y = ${'-'.repeat(3000)}1`]) {
      expect(() => readEquations(text)).not.toThrow();
    }
    expect(readEquations('precision = TP / (TP + FP)')).toHaveLength(1);
  });
});
