import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { DROPOUT as dropout, P_VALUE as pValue, technicalQuestionInput as input } from './fixtures.js';

/*
 * A reference says some things are not so ("It is not the probability that the null hypothesis is true") and
 * warns against others ("Common pitfall: leaving dropout active at evaluation time"). Read at face value, an
 * answer repeating the misconception or recommending the pitfall "covered" them, and an answer giving the same
 * warning ("Don't forget model.eval()") was told to check it against the model answer (candidate-eye review,
 * round 10). Questions, references and answers are written for these tests.
 */

const grader = createOfflineGrader();

const dimension = (result: GradeResult, key: string) => result.dimensions.find((entry) => entry.key === key);
const advice = (result: GradeResult): string => result.improvements.join(' ');

const pca = {
  question: 'How is PCA computed, and how do you choose the number of components?',
  reference: [
    'PCA finds the orthogonal directions of maximum variance: the eigenvectors of the covariance matrix, with the eigenvalues as the variance along each.',
    '',
    '- Centre the data and compute the covariance matrix, or take the SVD of the centred data.',
    '- Keep enough components to explain 90–95% of the variance, or use the elbow of the scree plot.',
    '',
    '**Common pitfall:** not scaling the features first, so a feature in large units dominates the first component; and fitting PCA on the whole dataset before the train/test split, which leaks test information into training.',
  ].join('\n'),
};

describe('what the reference denies', () => {
  it.each([
    ['as a misreading', 'It is how likely a result at least this extreme would be if the null hypothesis were true. People often misread it as the probability that the null hypothesis is true, which is wrong.'],
    ['with "rather than"', 'It is the probability of data at least this extreme assuming the null hypothesis holds, rather than the probability that the null hypothesis is true given the data.'],
    ['as the classic error', 'It is the probability of a result at least as extreme as the observed one if the null hypothesis is true. Confusing it with the probability that the null hypothesis is true is the classic error.'],
  ])('does not call a correct answer that names the misconception %s a contradiction', async (_label, answer) => {
    const result = await grader.grade(input(pValue.question, pValue.reference, answer));
    expect(dimension(result, 'correctness')?.rationale).not.toMatch(/says is not so|recommends/);
    expect(advice(result)).not.toContain('says the opposite');
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
  });

  it('does not cover a point the answer denies with another sentence that shares its words', async () => {
    const result = await grader.grade(
      input(
        'What is maximum likelihood estimation, and how does it connect to loss functions?',
        'Maximum likelihood estimation chooses the parameters under which the observed data is most probable.\n\n**Connection to loss functions:** minimising a loss is often maximising a likelihood; mean squared error is the negative log-likelihood under Gaussian noise.',
        'MLE finds the parameters that make the observed data most probable, and minimising a loss function is a separate idea. It is not connected to loss functions like mean squared error.',
      ),
    );
    const point = (result.coverage ?? []).find((entry) => entry.point.startsWith('Connection to loss functions'));
    expect(point?.status).toBe('contradicted');
    expect(point?.quote).toBe('It is not connected to loss functions like mean squared error.');
  });
});

describe('a pitfall the reference warns against', () => {
  it.each([
    ['a condition', 'If you leave dropout active at evaluation time, for example by forgetting model.eval() in PyTorch, the predictions become random and accuracy drops.'],
    ['a consequence', 'When people forget model.eval(), dropout stays active at evaluation time and the predictions become random.'],
  ])('does not take the pitfall named as %s for a recommendation of it', async (_label, warning) => {
    const base = 'During training each unit is zeroed with probability p and the rest are scaled up by 1/(1-p). Units cannot co-adapt, so each learns useful features on its own.';
    const result = await grader.grade(input(dropout.question, dropout.reference, `${base} ${warning}`));
    expect(dimension(result, 'correctness')?.rationale).not.toMatch(/recommends|says is not so/);
    expect(advice(result)).not.toContain('recommends a mistake');
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
  });

  it('does not take either of two mistakes a pitfall names, said as a condition, for a recommendation', async () => {
    const answer =
      'Centre the data and compute the covariance matrix; its eigenvectors are the principal components and the eigenvalues the variance along each. Keep enough components to explain about 95% of the variance. ' +
      'If you skip scaling, a feature in large units dominates the first component, and if you fit PCA on the whole dataset before the train/test split, test information leaks into training.';
    const result = await grader.grade(input(pca.question, pca.reference, answer));
    expect(dimension(result, 'correctness')?.rationale).not.toMatch(/recommends|says is not so/);
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
  });
});

/*
 * The other direction, judged narrowly: only a sentence that asserts the misconception or recommends the pitfall as
 * its own plain claim contradicts the reference. The same words under a condition, a contrast, a warning, someone
 * else's belief, a question or a negation, or with the mistake as the sentence's subject, are left alone (round 10's
 * review found those flagged). References and answers written for these tests.
 */
const imbalance = {
  question: 'How do you handle a heavily imbalanced dataset, for example one with 1% positives?',
  reference: [
    'With a rare class, measure with precision, recall, F1 or PR-AUC instead of accuracy, and use stratified splits.',
    '',
    '- Class weights or a cost-sensitive loss make mistakes on the rare class cost more.',
    '- Resampling: undersample the majority class, or oversample the minority (random duplication, SMOTE), on the training data only.',
    '',
    '**Common pitfall:** resampling before the train/test split, so duplicated or synthetic minority points leak into the test set and the scores look far better than they will be in production.',
  ].join('\n'),
};
const imbalanceBase =
  "With 1% positives accuracy is misleading, so I'd track precision, recall and PR-AUC. I'd try class weights in the loss, undersampling the majority or SMOTE oversampling of the minority, and tune the decision threshold on validation data.";
const flagged = (result: GradeResult): boolean => /recommends a mistake|says is not so/.test(dimension(result, 'correctness')?.rationale ?? '');

describe('a misconception or pitfall the answer asserts as its own claim', () => {
  it('reads the misconception the reference denies, stated plainly, as stating what the reference says is not so', async () => {
    const result = await grader.grade(input(pValue.question, pValue.reference, 'The p-value is the probability that the null hypothesis is true. A small p-value means a large, important effect.'));
    expect(dimension(result, 'correctness')?.rationale).toContain('states what the reference says is not so');
    expect(result.overall).toBeLessThan(3.5);
  });

  it('reads the pitfall recommended in the first person as a recommendation of the mistake', async () => {
    const result = await grader.grade(
      input(imbalance.question, imbalance.reference, `${imbalanceBase} I'd apply SMOTE to the whole dataset before the train/test split so the test set is balanced too.`),
    );
    expect(dimension(result, 'correctness')?.rationale).toContain('recommends a mistake the reference warns against');
    expect(advice(result)).toContain('recommends a mistake the model answer warns against');
  });

  it.each([
    ['a condition', 'If you resample before the train/test split, synthetic points leak into the test set and the scores look too good.'],
    ['the right order', 'First split into train and test, then apply SMOTE to the training data only.'],
    ['the opposite word', 'Resampling is applied to the training set only, after the train/test split.'],
    ['a contrast', 'Split first, rather than resampling before the train/test split.'],
    ['a warning', "Don't resample before the train/test split."],
    ['a named mistake', 'A common mistake is resampling before the train/test split.'],
    ['the mistake as the subject', 'Resampling before the train/test split puts synthetic copies of test points into training.'],
  ])('leaves alone the pitfall named in %s', async (_label, sentence) => {
    const result = await grader.grade(input(imbalance.question, imbalance.reference, `${imbalanceBase} ${sentence}`));
    expect(flagged(result)).toBe(false);
  });

  it.each([
    ['people\'s belief', 'It is the probability of data at least this extreme under the null hypothesis. People often think it is the probability that the null hypothesis is true, but that needs a prior.'],
    ['a question', 'It is the probability of data at least this extreme under the null hypothesis. Is it the probability that the null hypothesis is true? No.'],
    ['a different quantity', 'Assuming the null hypothesis is true, it is the chance of a result as extreme as ours. The probability that the null hypothesis is true is a different quantity, the posterior.'],
    ['a condition', 'It is the probability of a result at least as extreme as the one observed, given that the null hypothesis is true.'],
  ])('leaves alone the misconception named as %s', async (_label, answer) => {
    const result = await grader.grade(input(pValue.question, pValue.reference, answer));
    expect(flagged(result)).toBe(false);
  });

  it('leaves alone the dropout pitfall said as what it does ("Leaving dropout active at evaluation time makes predictions random")', async () => {
    const answer =
      'During training each unit is zeroed with probability p and the rest are scaled up by 1/(1-p). Units cannot co-adapt, so each learns useful features on its own. Leaving dropout active at evaluation time makes predictions random and lowers accuracy.';
    const result = await grader.grade(input(dropout.question, dropout.reference, answer));
    expect(flagged(result)).toBe(false);
  });
});

describe('strengths beside a detected swap', () => {
  it('quotes no sentence naming the two swapped things as a covered key point', async () => {
    const result = await grader.grade(
      input(
        'Can you explain the bias-variance trade-off?',
        'Bias is error from overly simple assumptions: a high-bias model underfits. Variance is error from sensitivity to the training set: a high-variance model overfits. A linear regression typically has high bias and a deep decision tree high variance.',
        'Bias is when the model is too complex and memorises the training data, and variance is when the model is too simple. For example, a linear regression has high variance and a deep decision tree has high bias.',
      ),
    );
    expect(dimension(result, 'correctness')?.rationale).toContain('swaps');
    expect(result.strengths.join(' ')).not.toMatch(/bias|variance/i);
  });
});
