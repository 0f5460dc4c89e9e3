import { afterAll, describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { createEvalContext } from '../../../src/eval/harness.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { emptySentence } from '../../../src/grading/offline/no-reference.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { referenceProfile } from '../../../src/grading/offline/reference-profile.js';
import { dimensionOf as dimension } from './fixtures.js';

/*
 * Hedges, deferrals and circular definitions graded against a corpus reference, through the feedback path: without a
 * reference they were capped, with one they earned 2.9–3.2, depth for "it depends" and a strength quoting the hedge
 * (candidate findings of round 12, finding 8). "It depends on X: when …, use …" says what it depends on, and is a claim.
 */

const context = createEvalContext();
const service = context.service(createOfflineGrader());
afterAll(() => context.close());

const BIAS_VARIANCE = 'q_2d758904e5718ef4';
const CROSS_VALIDATION = 'q_ec9d4c7f84041826';
const XGBOOST_OR_FOREST = 'q_27e9c3cff006a3ed';
const REGULARIZATION = 'q_1a69b624ea165302';

const grade = async (questionId: string, answer: string): Promise<GradeResult> => (await service.evaluate({ userId: 'u_eval' }, { questionId, answer })).result;

const EMPTY_ADVICE = /commits to nothing|defines the term with its own words|with what to do and why: name the concrete step/;

/** Low, with nothing credited: no depth, no strength, no point made. */
function expectHollow(result: GradeResult, answer: string): void {
  expect(result.overall, answer).toBeLessThanOrEqual(1.5);
  expect(dimension(result, 'correctness').score, answer).toBe(1);
  expect(dimension(result, 'depth').score, answer).toBe(1);
  expect(result.strengths, answer).toEqual([]);
  expect(result.coverage?.filter((point) => point.status !== 'missed'), answer).toEqual([]);
}

describe('hedges and circular definitions against a corpus reference', () => {
  it('grades an answer that only hedges and defers low, and asks it to commit to a concrete claim', async () => {
    for (const [questionId, answer] of [
      [
        BIAS_VARIANCE,
        "I think it's basically about finding a balance. It depends a lot on the problem and the data, and there are trade-offs either way. I'd probably say you want a model that's not too simple and not too complex, but honestly it depends.",
      ],
      [XGBOOST_OR_FOREST, 'Honestly it depends on the situation. Both have pros and cons, so you would weigh the trade-offs and go with whatever fits your use case.'],
      [REGULARIZATION, 'It really depends on the problem and the data. You want to strike the right balance, neither too strict nor too loose.'],
    ] as const) {
      const result = await grade(questionId, answer);
      expectHollow(result, answer);
      expect(result.improvements[0], answer).toMatch(/^Next step: ".*" commits to nothing: make a concrete claim/);
    }
  });

  it('grades a definition by the question\'s own words low, and asks for one in other words', async () => {
    const answer = "Cross-validation is when you validate your model across different data. We need it because it's important to validate models.";
    const result = await grade(CROSS_VALIDATION, answer);
    expectHollow(result, answer);
    expect(result.improvements[0]).toMatch(/^Next step: "Cross-validation is when you validate your model across different data\." defines the term with its own words/);
    expect(dimension(result, 'correctness').rationale).toMatch(/defines the question's term with its own words/);
  });

  it('credits no depth and quotes no strength from a sentence that only puts off the answer', async () => {
    const deferral = 'There are always trade-offs either way, so it really depends on the problem.';
    const result = await grade(
      BIAS_VARIANCE,
      `Bias is the error from wrong assumptions, so a model that is too simple underfits; variance is the error from sensitivity to the training data, so a model that is too complex overfits. ${deferral}`,
    );
    expect(dimension(result, 'depth').rationale).not.toMatch(/when to use it|a trade-off/);
    expect(dimension(result, 'depth').evidence ?? []).not.toContain(deferral);
    expect(result.strengths.join(' ')).not.toContain('trade-offs either way');
    // The rest of the answer explains: it is not capped as hollow.
    expect(dimension(result, 'correctness').score).toBeGreaterThanOrEqual(3);
    expect(result.improvements.join(' ')).not.toMatch(EMPTY_ADVICE);
  });

  it('reads "it depends on X: when …, use …" as a claim, credited in full', async () => {
    const answers: readonly (readonly [string, string])[] = [
      [
        'q_7a560ced8a1b82b7',
        'It depends on the GPU memory and the dataset size: when memory is tight or the data is small, use a small batch like 32, which also adds gradient noise that helps generalisation; when you have a large dataset and plenty of memory, use a larger batch like 512 and scale the learning rate up with it.',
      ],
      [
        XGBOOST_OR_FOREST,
        'It depends on how much tuning time you have and how the data looks. When you need a strong baseline with little tuning, use a random forest: it trains trees in parallel on bootstrap samples and rarely overfits. When you can tune carefully on tabular data and need the best accuracy, use XGBoost, which builds trees sequentially on the residuals with regularisation but is more sensitive to the learning rate and depth.',
      ],
      [
        'q_e34602360d63e591',
        'It depends on the problem and the budget: when you want fast convergence with little tuning, for example on transformers or sparse gradients, use Adam, which adapts a per-parameter learning rate from running averages of the gradients; when you care most about the final generalisation of a vision model and can tune the schedule, use SGD with momentum, which often finds flatter minima.',
      ],
      [
        'q_693d3e65a6ccc5f0',
        'It depends on the class balance. When the classes are roughly balanced, the ROC curve and its AUC summarise the true positive rate against the false positive rate across all thresholds. When positives are rare, say 1% fraud, use a precision-recall curve instead, because the false positive rate stays tiny even with many false alarms, while precision shows them.',
      ],
      [
        'q_9c5ddb6c3abdddac',
        'It depends on which error costs more: when false positives are expensive, like flagging legitimate emails as spam, optimise precision; when false negatives are expensive, like missing a cancer diagnosis, optimise recall; when both matter and the classes are imbalanced, use F1, the harmonic mean of precision and recall.',
      ],
      [
        'q_277cd13dba4c6281',
        'It depends on the class distribution and the costs: when the classes are balanced and every mistake costs about the same, accuracy is appropriate, for example digit recognition on MNIST; when one class dominates, a model predicting the majority class gets 99% accuracy on 1% positives, so use precision, recall or balanced accuracy instead.',
      ],
      [
        'q_99416ea281714182',
        'It depends on how much is missing and why. When only a few rows miss values at random, dropping them is fine; when a column is mostly missing, drop the column; otherwise impute, with the median for skewed numeric features or the most frequent value for categories, fitted on the training data only, and add a missing-indicator column when missingness itself carries signal.',
      ],
      [
        'q_86de78ead07a2c2f',
        'It depends on whether the error is mostly variance or bias. When a model has high variance, like deep decision trees, use bagging: train models in parallel on bootstrap samples and average them. When it has high bias, use boosting, which trains weak learners sequentially on the previous errors. When you have several strong but different models, use stacking, where a meta-model learns how to combine their predictions.',
      ],
      [
        'q_111d4f4f37d2cbbd',
        'It depends on what the components are for: when you compress features for a downstream model, keep enough components to explain about 95% of the variance, reading the cumulative explained variance from the eigenvalues; when you visualise, keep two or three; and when there is a clear elbow in the scree plot, cut there.',
      ],
      [
        'q_04f8162e80e55305',
        'It depends on the amount of data and the cost of errors. When you have plenty of data, undersample the majority class or use class weights in the loss; when data is scarce, oversample the minority class with SMOTE on the training split only. Either way, evaluate with precision, recall and PR-AUC rather than accuracy, and tune the decision threshold.',
      ],
      [
        'q_c2d09e26afe92cb6',
        'The learning rate is the step size of each gradient descent update. The right value depends on the optimiser and the batch size: when it is too high the loss oscillates or diverges; when it is too low training is slow and can stall, so use a learning rate finder or a schedule with warmup and decay, typically around 0.001 for Adam.',
      ],
      [
        BIAS_VARIANCE,
        'Bias is error from wrong assumptions, like fitting a straight line to curved data, so the model underfits; variance is error from sensitivity to the training sample, like a deep tree that memorises noise and overfits. Which one to reduce depends on your learning curves: when training and validation error are both high, add complexity; when validation error is far above training error, regularise or add data.',
      ],
      [
        REGULARIZATION,
        'It depends on how many features matter: when only a few of many features are relevant, use L1, which drives the other weights to exactly zero and selects features; when many correlated features each contribute a little, use L2, which shrinks them together. Either way it adds a penalty on the weights to the loss, so the model cannot fit noise in the training data.',
      ],
    ];
    expect(answers.length).toBeGreaterThanOrEqual(10);
    for (const [questionId, answer] of answers) {
      const question = context.corpus.all().find((candidate) => candidate.id === questionId);
      if (question === undefined) throw new Error(`no corpus question ${questionId}`);
      const profile = referenceProfile(question.text, { answers: [...question.answers], notes: [], fromRelated: false });
      // What it depends on is read: no sentence stating a condition is empty ("It depends on how much is missing and
      // why." alone, announcing the conditions of the next sentences, may be, and costs nothing).
      expect(
        analyzeText(answer)
          .filter((sentence) => /\bwhen\b/i.test(sentence.text) && emptySentence(sentence, question.text, profile.questionTerms) !== undefined)
          .map((sentence) => sentence.text),
        answer,
      ).toEqual([]);
      const result = await grade(questionId, answer);
      expect(result.improvements.join(' '), answer).not.toMatch(EMPTY_ADVICE);
      expect(dimension(result, 'correctness').rationale, answer).not.toMatch(/no claim to check/);
    }
  });
});
