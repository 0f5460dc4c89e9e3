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
    expect(bugsIn('```python\na = np.array([1, 2, 3])\na.dtype = np.float32\n```\nThe second line is the classic bug: it reinterprets the bytes.')).toEqual([]);
  });

  it('reads no bug in module functions that return a copy, a copy shown (the last line, or with its value in a comment), or one step without a loop', () => {
    expect(bugsIn('s = np.sort(a)\nidx = np.argsort(a)')).toEqual([]);
    expect(bugsIn('df.duplicated().sum()\ndf.drop_duplicates()')).toEqual([]);
    expect(bugsIn('x.astype(int)  # array([1, -1]): truncates\nx = x.astype(np.float32)')).toEqual([]);
    expect(bugsIn('loss = criterion(net(x), y)\nloss.backward(); opt.step()')).toEqual([]);
  });

  // Correct code that round 15's review and a tester found read as a bug, each rule's look-alikes.
  it.each([
    ['PyTorch and Polars sort() return values', 'top = scores.sort(descending=True).values\nsorted_t = t.sort(dim=-1, descending=True).values\ndf = df.sort(\'date\')'],
    ['a chained call uses the copy', "df.dropna(subset=['price']).to_csv('clean.csv', index=False)\ndf.sort_values('date').plot()\nprint(df.shape)"],
    ['a call chain over lines', "clean = (\n    df.dropna(subset=['target'])\n    .fillna(0)\n)\nprint(df.shape)"],
    ['other libraries\' replace, rename and drop', "os.replace(tmp_path, path)\nos.rename('out.tmp', 'metrics.json')\npreds.drop()\nprint(os.getcwd(), preds)"],
    ['an object\'s own dtype setting', 'self.dtype = dtype\ncfg.dtype = torch.float16\nconfig.dtype = np.float32'],
    ['and in a list comprehension or a query string', "valid = [x for x in values if x > 0 and x < 100]\nrows = df[df.eval('age >= 18 and age < 65')]"],
    ['weights copied into another model', 'weights = pretrained.state_dict()\nstudent.load_state_dict(weights)'],
    ['a target network synced in the loop', 'for step in range(1000):\n    loss.backward()\n    opt.zero_grad()\n    if step % 100 == 0:\n        online_state = online.state_dict()\n        target.load_state_dict(online_state)'],
    ['the latest data, a pre-test covariate, a plot of the test set, a distribution', 'model.fit(X_latest, y_latest)\nreg.fit(X_pretest, y_pretest)\nemb = TSNE(n_components=2).fit_transform(X_test)\nmu, sigma = stats.norm.fit(ab_test_revenue)'],
    ['gradients cleared by hand', 'for x, y in loader:\n    loss = criterion(net(x), y)\n    loss.backward()\n    opt.step()\n    for p in net.parameters():\n        p.grad.data.fill_(0)'],
  ])('reads no bug in correct code: %s', (_, code) => {
    expect(bugsIn(code)).toEqual([]);
  });

  it('reads a mask in a line of thousands of characters in one pass', () => {
    expect(bugsIn(`mask = a[${'x < b and '.repeat(1_200)}`)).toEqual([]);
    expect(bugsIn(`mask = a[${'x < b and '.repeat(1_200)}x > 0]`)).toEqual(['code:and-between-masks']);
  });

  it('names a known bug in an answer to a question with no reference at all, and holds it there too', async () => {
    const answer = 'Drop the duplicates and keep going:\ndf.drop_duplicates()\nX = df.drop(columns=\'target\')';
    const result = await grader.grade({ ...input('How do you remove duplicate rows from a DataFrame?', '', answer), reference: { answers: [], notes: [], fromRelated: false } });
    expect(result.corrections?.map((correction) => correction.claim)).toEqual(["pandas methods such as drop_duplicates(), dropna() and fillna() change the DataFrame they are called on"]);
    expect(result.overall).toBeLessThanOrEqual(2.5);
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

