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
const EVAL_QUESTION = 'How do you evaluate a trained classifier on held-out data?';
const EVAL_REFERENCE =
  'Train on the training split and only score on the test split: model.fit(X_train, y_train), then model.predict(X_test) or ' +
  'model.score(X_test, y_test). The test set must never be passed to fit: a model fitted on the test data has seen the answers, ' +
  'so its test score says nothing about unseen data.';
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

describe('a call the reference makes on other data', () => {
  it('takes correctness from refitting the scaler on the test set, and says which call is wrong', async () => {
    const right = await grader.grade(input(LEAK_QUESTION, LEAK_REFERENCE, 'scaler = StandardScaler()\nX_train = scaler.fit_transform(X_train)\nX_test = scaler.transform(X_test)'));
    const wrong = await grader.grade(input(LEAK_QUESTION, LEAK_REFERENCE, 'scaler = StandardScaler()\nX_train = scaler.fit_transform(X_train)\nX_test = scaler.fit_transform(X_test)'));
    expect(dimensionOf(right, 'correctness').score).toBeGreaterThanOrEqual(4);
    expect(dimensionOf(wrong, 'correctness').score).toBeLessThanOrEqual(2);
    expect(dimensionOf(wrong, 'correctness').rationale).toContain('"scaler.fit_transform(X_test)" calls fit on "X_test"');
    expect(wrong.improvements.join(' ')).toMatch(/Check the code in "X_test = scaler\.fit_transform\(X_test\)"/);
    expect(right.overall - wrong.overall).toBeGreaterThanOrEqual(1.5);
  });

  it('takes correctness from scaling the whole data set before the train/test split', async () => {
    const right = await grader.grade(
      input(LEAK_QUESTION, LEAK_REFERENCE, 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)\nscaler = StandardScaler().fit(X_train)\nX_train, X_test = scaler.transform(X_train), scaler.transform(X_test)'),
    );
    const wrong = await grader.grade(input(LEAK_QUESTION, LEAK_REFERENCE, 'X = StandardScaler().fit_transform(X)\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)'));
    expect(dimensionOf(right, 'correctness').rationale).not.toMatch(/calls fit on/);
    expect(dimensionOf(wrong, 'correctness').score).toBeLessThanOrEqual(2);
    expect(dimensionOf(wrong, 'correctness').rationale).toContain('calls fit on "X", which holds "X_test"');
    expect(right.overall - wrong.overall).toBeGreaterThanOrEqual(1);
  });

  it('takes correctness from training the model on the test set', async () => {
    const right = await grader.grade(input(EVAL_QUESTION, EVAL_REFERENCE, 'model.fit(X_train, y_train)\ny_pred = model.predict(X_test)\nprint(accuracy_score(y_test, y_pred))'));
    const wrong = await grader.grade(input(EVAL_QUESTION, EVAL_REFERENCE, 'model.fit(X_test, y_test)\ny_pred = model.predict(X_test)\nprint(accuracy_score(y_test, y_pred))'));
    expect(dimensionOf(wrong, 'correctness').score).toBeLessThanOrEqual(2);
    expect(dimensionOf(wrong, 'correctness').rationale).toMatch(/"model\.fit\(X_test, y_test\)" calls fit on "X_test".*"model\.fit\(X_train, y_train\)"/);
    expect(right.overall - wrong.overall).toBeGreaterThanOrEqual(1.5);
  });

  it('does not read a call on data the reference never gives that object as a contradiction', async () => {
    const result = await grader.grade(input(EVAL_QUESTION, EVAL_REFERENCE, 'model.fit(X, y)\nprint(model.score(X_test, y_test))'));
    expect(dimensionOf(result, 'correctness').rationale).not.toMatch(/calls fit on/);
  });
});

describe('lines of code that run the reference\'s calls in another order', () => {
  const loop = (...body: string[]): string => ['for x, y in loader:', ...body.map((line) => `    ${line}`)].join('\n');

  it('takes correctness from clearing the gradients between backward() and step(), and says which call is late', async () => {
    const right = await grader.grade(input(LOOP_QUESTION, LOOP_REFERENCE, loop('optimizer.zero_grad()', 'loss = criterion(model(x), y)', 'loss.backward()', 'optimizer.step()')));
    const wrong = await grader.grade(input(LOOP_QUESTION, LOOP_REFERENCE, loop('loss = criterion(model(x), y)', 'loss.backward()', 'optimizer.zero_grad()', 'optimizer.step()')));
    expect(dimensionOf(wrong, 'correctness').score).toBeLessThanOrEqual(2);
    expect(dimensionOf(wrong, 'correctness').rationale).toContain('"optimizer.zero_grad()" runs after "loss.backward()"');
    expect(right.overall - wrong.overall).toBeGreaterThanOrEqual(0.8);
  });

  it('takes correctness from calling backward() before the loss is computed', async () => {
    const wrong = await grader.grade(input(LOOP_QUESTION, LOOP_REFERENCE, loop('optimizer.zero_grad()', 'loss.backward()', 'loss = criterion(model(x), y)', 'optimizer.step()')));
    expect(dimensionOf(wrong, 'correctness').score).toBeLessThanOrEqual(2);
    expect(dimensionOf(wrong, 'correctness').rationale).toMatch(/runs after "loss\.backward\(\)"/);
  });

  it('reads a loop that clears the gradients at the end of each iteration as the same loop', async () => {
    const result = await grader.grade(input(LOOP_QUESTION, LOOP_REFERENCE, loop('loss = criterion(model(x), y)', 'loss.backward()', 'optimizer.step()', 'optimizer.zero_grad()')));
    expect(dimensionOf(result, 'correctness').rationale).not.toMatch(/runs after/);
    expect(dimensionOf(result, 'correctness').score).toBeGreaterThanOrEqual(4);
  });
});

describe('the code-answer cases (test/fixtures/code-answers.json)', () => {
  const context = createEvalContext();
  afterAll(() => context.close());
  const items = LabelledSetSchema.parse(JSON.parse(readFileSync(path.join(projectRoot, 'test', 'fixtures', 'code-answers.json'), 'utf8')));

  it('scores correct answers given as code 3.5 on average, a point above their wrong-code variants', async () => {
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
    expect(mean(correct) - mean(wrong)).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
