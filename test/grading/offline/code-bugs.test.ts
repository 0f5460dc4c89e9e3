import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../src/grading/offline/answer-text.js';
import { findCodeBugs } from '../../../src/grading/offline/code-bugs.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/* Known bugs in an answer's lines of code (code-bugs.ts). The snippets are written for these tests. */

const grader = createOfflineGrader();

const bugsIn = (answer: string): string[] => findCodeBugs(readAnswer(answer).sentences).map((found) => found.entry.id);

const CASES: readonly { bug: string; wrong: string; right: string }[] = [
  { bug: 'code:in-place-result-assigned', wrong: 'scores = model.coef_.copy()\nscores = scores.sort()\ntop = scores[-3:]', right: 'scores = model.coef_.copy()\nscores.sort()\ntop = scores[-3:]' },
  { bug: 'code:copy-discarded', wrong: "df.dropna(subset=['price'])\ny = df['price']", right: "df = df.dropna(subset=['price'])\ny = df['price']" },
  { bug: 'code:dtype-assigned', wrong: 'X = np.array([1, 2, 3])\nX.dtype = np.float32', right: 'X = np.array([1, 2, 3])\nX = X.astype(np.float32)' },
  { bug: 'code:mutable-default', wrong: 'def collect(batch, seen=[]):\n    seen.append(batch)\n    return seen', right: 'def collect(batch, seen=None):\n    seen = [] if seen is None else seen\n    return seen' },
  { bug: 'code:and-between-masks', wrong: 'adults = people[people.age >= 18 and people.age < 65]', right: 'adults = people[(people.age >= 18) & (people.age < 65)]' },
  {
    bug: 'code:gradients-never-cleared',
    wrong: 'for x, y in loader:\n    loss = criterion(net(x), y)\n    loss.backward()\n    opt.step()',
    right: 'for x, y in loader:\n    opt.zero_grad()\n    loss = criterion(net(x), y)\n    loss.backward()\n    opt.step()',
  },
  { bug: 'code:fit-on-test-data', wrong: 'scaler = StandardScaler()\nX_train = scaler.fit_transform(X_train)\nX_test = scaler.fit_transform(X_test)', right: 'scaler = StandardScaler()\nX_train = scaler.fit_transform(X_train)\nX_test = scaler.transform(X_test)' },
  {
    bug: 'code:state-dict-by-reference',
    wrong: 'for epoch in range(50):\n    fit_one(net)\n    if improved(net):\n        best = net.state_dict()\nnet.load_state_dict(best)',
    right: 'for epoch in range(50):\n    fit_one(net)\n    if improved(net):\n        best = copy.deepcopy(net.state_dict())\nnet.load_state_dict(best)',
  },
];

describe('known bugs in lines of code', () => {
  for (const { bug, wrong, right } of CASES) {
    it(`names ${bug} in code that has it, and not in the same code without it`, () => {
      expect(bugsIn(wrong)).toEqual([bug]);
      expect(bugsIn(right)).toEqual([]);
    });
  }

  it('reads no bug in code quoted to warn against it, in its comment or in the prose before it', () => {
    expect(bugsIn('X.dtype = np.float32  # wrong: this reinterprets the bytes')).toEqual([]);
    expect(bugsIn("A classic bug is to write:\ndf.dropna(subset=['price'])\ny = df['price']")).toEqual([]);
    expect(bugsIn('Never call scaler.fit_transform(X_test): that refits the scaler on the test set.')).toEqual([]);
    expect(bugsIn('# do NOT do this:\nscaler.fit(X_test)')).toEqual([]);
  });

  it('reads no bug in module functions that return a copy, a copy shown (the last line, or with its value in a comment), or one step without a loop', () => {
    expect(bugsIn('s = np.sort(a)\nidx = np.argsort(a)')).toEqual([]);
    expect(bugsIn('df.duplicated().sum()\ndf.drop_duplicates()')).toEqual([]);
    expect(bugsIn('x.astype(int)  # array([1, -1]): truncates\nx = x.astype(np.float32)')).toEqual([]);
    expect(bugsIn('loss = criterion(net(x), y)\nloss.backward(); opt.step()')).toEqual([]);
  });

  it('holds fluent code with a known bug below the same code without it, and names the correction', async () => {
    const question = 'How do you identify and handle duplicate rows?';
    const reference =
      'Pandas provides the duplicated method to identify duplicate rows, returning a boolean Series indicating which rows are duplicates. ' +
      'The drop_duplicates method removes duplicates, keeping the first occurrence by default. You can specify which columns to consider using the subset parameter.';
    const lead = 'First I count them with duplicated, then drop them, keeping the first occurrence:\n';
    const wrong = await grader.grade(input(question, reference, `${lead}print(df.duplicated().sum())\ndf.drop_duplicates(keep='first')\nX = df.drop(columns='target')`));
    const right = await grader.grade(input(question, reference, `${lead}print(df.duplicated().sum())\ndf = df.drop_duplicates(keep='first')\nX = df.drop(columns='target')`));
    expect(wrong.overall).toBeLessThanOrEqual(2.5);
    expect(right.overall).toBeGreaterThan(wrong.overall);
    expect(wrong.improvements.join(' ')).toMatch(/return a new object/);
  });
});

