import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * An answer that affirms what the reference denies ("Random forests need feature scaling" against "Random forests
 * do not need feature scaling") scored 5.0 with the point ticked covered (candidate findings, round 12, finding 1).
 * That direction was read term by term twice and removed twice for flagging correct answers; it is now read only
 * for the same head predicate, asserted plainly, of the same subject. The correct answers below mention the denied
 * thing in the shapes candidates use (a contrast, someone's belief, a condition, a question, another subject) and
 * were written before the rule. Questions, references and answers are written for these tests.
 */

const grader = createOfflineGrader();

const REFERENCES = {
  forests: {
    question: "Do random forests need feature scaling?",
    reference:
      "Random forests do not need feature scaling, because each split compares one feature against a threshold and is unchanged by monotone transformations. Distance-based models such as k-NN, SVMs with RBF kernels and models trained by gradient descent do need scaling.",
  },
  kl: {
    question: "What is KL divergence, and is it symmetric?",
    reference:
      "KL divergence D(P||Q) is the expected value under P of log P/Q. It is non-negative and zero only when P equals Q. It is not symmetric, D(P||Q) differs from D(Q||P) in general, and does not satisfy the triangle inequality, so it is not a distance metric. Minimising cross-entropy is equivalent to minimising KL to the data distribution.",
  },
  pValue: {
    question: "What does a p-value tell you?",
    reference:
      "A p-value is the probability of observing data at least as extreme as yours, assuming the null hypothesis is true. It is not the probability that the null hypothesis is true, and it does not measure the size of an effect.",
  },
  dropout: {
    question: "How does dropout behave at inference time?",
    reference:
      "Dropout randomly zeroes activations during training so units cannot co-adapt. It is not used at inference time: the network uses all units, with activations scaled to match their expected value.",
  },
  bagging: {
    question: "What does bagging reduce, bias or variance?",
    reference:
      "Bagging trains models independently on bootstrap samples and averages them. It does not reduce bias much; it reduces variance. The models are not trained sequentially.",
  },
  tuples: {
    question: "What is the difference between a list and a tuple?",
    reference:
      "Tuples are immutable. A tuple cannot be changed after creation, so it can be used as a dictionary key. Lists are mutable.",
  },
  knn: {
    question: "Does k-NN learn anything during training?",
    reference:
      "k-NN does not learn parameters during training: it stores the training set and computes distances at prediction time.",
  },
} as const;

const coverageOf = (result: GradeResult, start: string) => result.coverage?.find((entry) => entry.point.startsWith(start));
/** The card's reading of an affirmed denial: "It says "need" where the model answer says "do not need"". */
const AFFIRMED_DENIAL = /where the (?:model answer|reference) says "[^"]*(?:\bnot\b|n't\b|\bnever\b|\bcannot\b)[^"]*"/;
/** Either that reading, or the correction of the misconception bank, which names the same error more exactly when it knows it. */
const FLAGGED = new RegExp(`${AFFIRMED_DENIAL.source}|Correct "`);

describe('an answer that affirms what the reference denies', () => {
  it('marks the random-forest point contradicted, quotes the sentence and says what it affirms', async () => {
    const { question, reference } = REFERENCES.forests;
    const answer =
      'Random forests need feature scaling, because each split compares one feature against a threshold and is changed by monotone transformations. Distance-based models such as k-NN and SVMs do not need scaling.';
    const result = await grader.grade(input(question, reference, answer));
    const point = coverageOf(result, 'Random forests do not need feature scaling');
    expect(point?.status).toBe('contradicted');
    expect(point?.quote).toMatch(/^Random forests need feature scaling/);
    expect(result.dimensions.find((entry) => entry.key === 'correctness')?.rationale).toMatch(/says "need" where the reference says "do not need"|states a known misconception/);
    expect(result.strengths.join(' ')).not.toContain('Random forests need feature scaling');
    const right = await grader.grade(input(question, reference, 'No. A split only asks whether one feature is above a threshold, and rescaling a feature keeps the order of its values, so the same splits are found. Scaling matters for k-NN, RBF SVMs and anything trained by gradient descent.'));
    expect(result.overall).toBeLessThan(right.overall);
  });

  it('reads a pronoun subject through the reference sentence it matches ("It is symmetric… it satisfies the triangle inequality")', async () => {
    const { question, reference } = REFERENCES.kl;
    const answer =
      'KL divergence D(P||Q) is the expected value of log P/Q. It is non-negative and zero only when P equals Q. It is symmetric, D(P||Q) equals D(Q||P), and it satisfies the triangle inequality, so it is a distance metric.';
    const result = await grader.grade(input(question, reference, answer));
    expect(coverageOf(result, 'It is not symmetric')?.status).toBe('contradicted');
    expect(result.improvements.join(' ')).toMatch(AFFIRMED_DENIAL);
  });

  it.each([
    ['forests', 'Random forests do need feature scaling, since splits compare features.'],
    ['kl', 'KL divergence is symmetric, so D(P||Q) equals D(Q||P).'],
    ['pValue', 'The p-value is the probability that the null hypothesis is true.'],
    ['dropout', 'Dropout is used at inference time too, so predictions stay regularised.'],
    ['bagging', 'Bagging reduces bias a lot, because averaging many models makes them more flexible.'],
    ['tuples', 'A tuple can be changed after creation, so you can append items to it.'],
    ['knn', 'k-NN learns parameters during training, like the weights of a linear model.'],
  ] as const)('flags the %s answer that states the denied claim', async (key, answer) => {
    const { question, reference } = REFERENCES[key];
    const result = await grader.grade(input(question, reference, answer));
    expect(result.improvements.join(' ')).toMatch(FLAGGED);
  });

  it.each([
    ['forests', "No. Scaling matters for k-NN, not for random forests, because a split compares one feature against a threshold."],
    ['forests', "People often think random forests need feature scaling, but they don't: each split compares one feature against a threshold."],
    ['forests', "If you scale, nothing changes for the forest: the splits are the same because a threshold on one feature is unchanged by monotone transformations."],
    ['forests', "Do random forests need feature scaling? No, each split compares one feature against a threshold."],
    ['forests', "Random forests need no feature scaling, since a threshold split is unchanged by monotone transformations."],
    ['forests', "Random forests never need feature scaling; k-NN and SVMs do."],
    ['forests', "Unlike SVMs, random forests don't need feature scaling."],
    ['forests', "It is a common myth that random forests need feature scaling."],
    ['forests', "Models trained by gradient descent need feature scaling; random forests do not."],
    ['forests', "Random forests need many trees, but they don't need feature scaling because splits use thresholds."],
    ['forests', "Only distance-based models such as k-NN need feature scaling."],
    ['forests', "Saying random forests need feature scaling is wrong: a split compares one feature with a threshold."],
    ['forests', "k-NN and RBF SVMs need feature scaling, whereas random forests don't."],
    ['forests', "Rather than feature scaling, random forests need enough trees."],
    ['forests', "Random forests would need feature scaling only if a split compared distances, which it never does."],
    ['kl', "People often think KL is symmetric, but it isn't: D(P||Q) differs from D(Q||P)."],
    ['kl', "KL is not symmetric. Jensen-Shannon divergence is symmetric, and its square root is a distance metric."],
    ['kl', "Unlike KL, the JS divergence is symmetric."],
    ['kl', "It is asymmetric, so it is not a distance metric, and it does not satisfy the triangle inequality."],
    ['kl', "Is it symmetric? No: D(P||Q) is not D(Q||P) in general."],
    ['kl', "It would only be a distance metric if it were symmetric and satisfied the triangle inequality."],
    ['kl', "A symmetric version is the JS divergence, which averages KL to the mixture."],
    ['kl', "You can make it symmetric by adding both directions, but KL itself isn't a distance metric."],
    ['kl', "It's tempting to call it a distance metric, but it does not satisfy the triangle inequality."],
    ['kl', "KL divergence is the expected log ratio of P to Q. It is non-negative, but it is not symmetric, so it is not a distance metric."],
    ['pValue', "The p-value is the probability of data at least this extreme under the null hypothesis; it is not the probability that the null hypothesis is true."],
    ['pValue', "A common misreading is that the p-value is the probability that the null hypothesis is true."],
    ['pValue', "The p-value is the probability, under the null hypothesis, of a result at least as extreme as the one observed."],
    ['pValue', "People misread it as the probability that the null hypothesis is true, which is wrong."],
    ['dropout', "Dropout is used only during training; at inference time all units are used and activations are scaled."],
    ['dropout', "At inference time dropout is turned off, so the network uses all units."],
    ['dropout', "Dropout is used at training time, not at inference time."],
    ['bagging', "Bagging reduces variance, not bias: the models are trained independently in parallel, while boosting trains them sequentially."],
    ['bagging', "Boosting trains models sequentially and reduces bias; bagging does not."],
    ['tuples', "Tuples are immutable, while lists can be changed after creation."],
    ['tuples', "A list can be changed after creation; a tuple cannot, so a tuple can be a dictionary key."],
    ['knn', "k-NN is lazy: instead of learning parameters during training it stores the data."],
    ['knn', "Logistic regression learns parameters during training, whereas k-NN just stores the training set."],
    // A counterfactual, and a claim about another phase than the denial's (round-12 review).
    ['dropout', "Without dropout, units can co-adapt and the network relies on a few of them."],
    ['dropout', "During training it is used on every batch; the network then uses all units."],
    ['forests', "Random forests with linear leaves need feature scaling for the leaf models."],
    ['forests', "Gradient-boosted trees, like random forests, need no feature scaling."],
    ['kl', "The reverse KL is symmetric to the forward one only in special cases."],
    ['kl', "Its gradient is symmetric in a different sense."],
    ['kl', "It is a distance-like measure between distributions, but not a true metric."],
    ['pValue', "Cohen's d measures the size of an effect; the p-value does not."],
    ['tuples', "A tuple can be changed into a list with list(), and the list is mutable."],
    ['tuples', "A tuple holding a list can be changed after creation through that list."],
    ['kl', "JS divergence averages KL in both directions. It is symmetric and bounded."],
  ] as const)('leaves alone the correct %s answer: %s', async (key, answer) => {
    const { question, reference } = REFERENCES[key];
    const result = await grader.grade(input(question, reference, answer));
    expect(result.improvements.join(' ')).not.toMatch(AFFIRMED_DENIAL);
    expect(result.dimensions.find((entry) => entry.key === 'correctness')?.rationale).not.toMatch(AFFIRMED_DENIAL);
  });
});
