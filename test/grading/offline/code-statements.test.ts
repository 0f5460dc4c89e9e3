import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/* A short correct answer written as code statements. Questions, references and answers are written for these tests. */

const grader = createOfflineGrader();

describe('assignments in code', () => {
  const question = 'How do you avoid leaking test statistics when you standardize features?';
  const reference =
    'Fit the standard scaler on the training split only, then apply the same fitted scaler to transform the validation and test data; ' +
    "fitting it on all the data leaks the test set's mean and variance into training and makes the test score optimistic.";

  it('grades a terse answer in code statements as an answer, not as a keyword list', async () => {
    const result = await grader.grade(input(question, reference, 'scaler = StandardScaler().fit(X_train), then X_test = scaler.transform(X_test).'));
    expect(result.dimensions.find((dimension) => dimension.key === 'clarity')?.rationale).not.toMatch(/list of keywords/i);
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
  });

  it('still reads terms paired with "=" and separated by commas as a keyword list', async () => {
    const dump = 'scaler = standard, fit = training, transform = test, leakage = mean, variance = optimistic, split = validation.';
    expect((await grader.grade(input(question, reference, dump))).overall).toBeLessThanOrEqual(2);
  });
});
