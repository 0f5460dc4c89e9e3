import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.js';
import { createEvalContext, gradeLabelled } from '../../../src/eval/harness.js';
import { LabelledSetSchema } from '../../../src/eval/labelled-set.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { dimensionOf, technicalQuestionInput as input } from './fixtures.js';

/*
 * Technical answers given as code. Questions, references and answers are written for these tests; the cases of
 * test/fixtures/code-answers.json were written before the grader was changed for them (code-correct answers, each
 * with its wrong-code variants).
 */

const grader = createOfflineGrader();

const LEAK_QUESTION = 'How do you apply feature scaling without leaking information from the test set?';
const LEAK_REFERENCE =
  'Fit the scaler on the training data only and reuse it: scaler.fit(X_train) learns the training mean and standard deviation, ' +
  'then scaler.transform(X_train) and scaler.transform(X_test) apply those same statistics. Calling fit or fit_transform on the test set, ' +
  'or on the whole dataset before the train/test split, leaks test statistics into training and makes the evaluation optimistic. ' +
  'A Pipeline does this automatically inside cross-validation.';
const LOOP_QUESTION = 'Write the basic PyTorch training loop for one epoch and explain the order of the calls.';
const LOOP_REFERENCE =
  'For each mini-batch: clear the old gradients with optimizer.zero_grad(), run the forward pass output = model(x), compute ' +
  'loss = criterion(output, y), call loss.backward() to compute the gradients, then optimizer.step() to update the weights. ' +
  'Call model.train() before the loop so dropout and batch normalization behave as in training. Without zero_grad the gradients ' +
  'of every batch accumulate; backward needs a loss from a forward pass, and step needs the gradients from backward.';

describe('lines of code', () => {
  it('grades a training loop written as lines of code as statements, not as a keyword list', async () => {
    const answer = 'model.train()\nfor x, y in loader:\n    optimizer.zero_grad()\n    loss = criterion(model(x), y)\n    loss.backward()\n    optimizer.step()';
    const result = await grader.grade(input(LOOP_QUESTION, LOOP_REFERENCE, answer));
    expect(dimensionOf(result, 'clarity').rationale).not.toMatch(/list of keywords/i);
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
  });

  it('reads a commented line of code with its comment, and leaves a fenced block\'s markers out', async () => {
    const answer = '```python\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)\nscaler = StandardScaler().fit(X_train)  # training statistics only\nX_test = scaler.transform(X_test)\n```';
    const result = await grader.grade(input(LEAK_QUESTION, LEAK_REFERENCE, answer));
    expect(dimensionOf(result, 'clarity').rationale).toMatch(/code/i);
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
  });

  it('still reads a call whose arguments are a row of terms as a keyword list', async () => {
    const dump = 'fit(scaler, training, transform, test, leakage, mean, variance, optimistic, pipeline)';
    expect((await grader.grade(input(LEAK_QUESTION, LEAK_REFERENCE, dump))).overall).toBeLessThanOrEqual(2);
  });
});

describe('the code-answer cases (test/fixtures/code-answers.json)', () => {
  const context = createEvalContext();
  afterAll(() => context.close());
  const items = LabelledSetSchema.parse(JSON.parse(readFileSync(path.join(projectRoot, 'test', 'fixtures', 'code-answers.json'), 'utf8')));

  it('scores correct answers given as code 3.5 on average, above their wrong-code variants', async () => {
    const service = context.service(grader);
    const correct: number[] = [];
    const wrong: number[] = [];
    for (const item of items) {
      for (const [index, answer] of item.answers.entries()) {
        const { overall } = await gradeLabelled(service, item, answer.text);
        (index === 0 ? correct : wrong).push(overall);
      }
    }
    const mean = (scores: readonly number[]): number => scores.reduce((sum, score) => sum + score, 0) / scores.length;
    expect(mean(correct)).toBeGreaterThanOrEqual(3.5);
    // Nothing reads whether a call is made on the right data (a reading of calls was removed after a review found it
    // flagging warnings and correct loops), so a wrong call on the right objects only loses what its words lose.
    expect(mean(correct) - mean(wrong)).toBeGreaterThanOrEqual(0.5);
  }, 60_000);
});
