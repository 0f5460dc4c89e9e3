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
