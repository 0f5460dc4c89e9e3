import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { dimensionOf as dimension, technicalQuestionInput as input } from './fixtures.js';

/*
 * A worked example's values (round 17): "With TP = 40, FP = 10, precision = 0.5" scored like the right 0.8, because a
 * condition on values keeps the equation after it from being compared as a formula and its numbers were never computed.
 */

const grader = createOfflineGrader();

const QUESTION = 'How do you compute metrics from a confusion matrix?';
const REFERENCE =
  'All classification metrics derive from the four counts of the confusion matrix. ' +
  'Precision = TP / (TP + FP) is the share of positive predictions that are right. Recall = TP / (TP + FN) is the share of actual positives found. ' +
  'Specificity = TN / (TN + FP) is the recall of the negative class. F1 = 2 * precision * recall / (precision + recall) is their harmonic mean.';
const SPOKEN_REFERENCE =
  'All classification metrics derive from confusion matrix values. Precision equals true positives divided by true positives plus false positives. ' +
  'Recall equals true positives divided by true positives plus false negatives. Specificity equals true negatives divided by true negatives plus false positives.';

const grade = async (answer: string, reference = REFERENCE) => grader.grade(input(QUESTION, reference, answer));
const valueAdvice = (improvements: readonly string[]) => improvements.filter((text) => text.includes('Your value for'));

describe("a worked example's value against the model answer's formula", () => {
  it('calls a value the givens do not give wrong, at most 2.5, and shows the formula, the givens and the right value', async () => {
    for (const reference of [REFERENCE, SPOKEN_REFERENCE]) {
      const result = await grade('With TP = 40, FP = 10, precision = 0.5. Precision is the share of positive predictions that are right.', reference);
      expect(result.overall).toBeLessThanOrEqual(2.5);
      expect(dimension(result, 'correctness').score).toBeLessThanOrEqual(2);
      expect(valueAdvice(result.improvements).join(' ')).toContain(
        "Your value for precision, 0.5, is not what the model answer's TP / (TP + FP) gives with TP = 40 and FP = 10 (0.8)",
      );
    }
  });

  it('catches wrong arithmetic in a chain, givens in an earlier sentence, a value from other defined names and a percentage', async () => {
    for (const answer of [
      'With TP = 40 and FP = 10, precision = 10 / 50 = 0.2: the share of positive predictions that are right.',
      'Take TP = 30 and FN = 10. Then recall = 0.25, the share of actual positives found.',
      'With precision = 0.8 and recall = 0.5, F1 = 0.65, their harmonic mean.',
      'With TN = 30 and FP = 10, specificity = 25%, the recall of the negative class.',
    ]) {
      const result = await grade(answer);
      expect(valueAdvice(result.improvements), answer).toHaveLength(1);
      expect(dimension(result, 'correctness').score, answer).toBeLessThanOrEqual(2);
    }
  });

  it('accepts right values however they are written: rounded, as a chain, as a percentage, after "gives"', async () => {
    for (const answer of [
      'With TP = 40, FP = 10, precision = 0.8 = 40/50, the share of positive predictions that are right.',
      'With TP = 40 and FP = 10, precision = 40 / 50 = 0.8: the share of positive predictions that are right.',
      'Take TP = 20 and FN = 10. Then recall = 0.67, the share of actual positives found.',
      'With TP = 20 and FN = 10, recall ≈ 0.7, the share of actual positives found.',
      'With precision = 0.8 and recall = 0.5, F1 = 0.8 / 1.3 ≈ 0.62, their harmonic mean.',
      'With TN = 30 and FP = 10, specificity = 75%, the recall of the negative class.',
      'Example: TP = 40, FP = 10 gives precision = 0.8, the share of positive predictions that are right.',
    ]) {
      expect(valueAdvice((await grade(answer)).improvements), answer).toHaveLength(0);
    }
  });

  it('says nothing when unsure: a symbol without a value, two values for one symbol, a value denied', async () => {
    for (const answer of [
      'If FN = 0, recall = 1: every actual positive is found.',
      'With TP = 40, FP = 10, precision = 0.8; with TP = 10, FP = 10, precision = 0.5.',
      'With TP = 40, precision = 0.5, the share of positive predictions that are right.',
      'With TP = 40 and FP = 10, a common mistake is precision = 0.2; it is 0.8, the share of positive predictions that are right.',
    ]) {
      expect(valueAdvice((await grade(answer)).improvements), answer).toHaveLength(0);
    }
  });
});
