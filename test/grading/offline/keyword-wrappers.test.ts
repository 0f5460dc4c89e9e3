import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../src/grading/offline/answer-text.js';
import { readCodeAsWords } from '../../../src/grading/offline/code-words.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { withoutRepeats } from '../../../src/grading/offline/repeated-lines.js';
import { isTermList } from '../../../src/grading/offline/terms.js';
import { dimensionOf as dimension, technicalQuestionInput as input } from './fixtures.js';

/*
 * Keyword dumps that the list tests missed because of how they were wrapped (one span of backticks, a call without
 * commas, hyphens) or padded (one line said 500 times), and a short correct answer in code called off-topic, each
 * with the answers the rule must leave alone.
 */

const grader = createOfflineGrader();

const BOOSTING_QUESTION = 'How does boosting differ from bagging?';
const BOOSTING_REFERENCE =
  'Bagging trains models independently in parallel on different data subsets and averages predictions to reduce variance. ' +
  'Boosting trains models sequentially where each focuses on correcting previous errors, reducing both bias and variance. ' +
  'Bagging works best with high-variance models like deep trees. Boosting works with weak learners like shallow trees. ' +
  'Bagging is more parallelizable and harder to overfit. Boosting can achieve higher accuracy but requires more careful tuning.';

/** The reference's terms strung together, no separator, a verb or two and a function word here and there. */
const STRUNG =
  'bagging parallel independent averages predictions reduce variance boosting sequential correcting previous errors reduce bias and variance ' +
  'deep trees shallow trees weak learners parallelizable harder to overfit higher accuracy careful tuning';

const overall = async (answer: string, question = BOOSTING_QUESTION, reference = BOOSTING_REFERENCE): Promise<number> =>
  (await grader.grade(input(question, reference, answer))).overall;

const firstSentence = (text: string) => {
  const [sentence] = analyzeText(text);
  if (!sentence) throw new Error(`no sentence in ${text}`);
  return sentence;
};

describe('terms strung together without separators', () => {
  it('scores the reference terms strung together at most 2, whatever wraps them', async () => {
    const wrapped = [
      `The answer is \`${STRUNG}\`.`,
      `Answer: compare(${STRUNG}).`,
      `The answer is (${STRUNG}).`,
      `The answer is "${STRUNG}".`,
      `The answer is **${STRUNG}**.`,
      `- ${STRUNG}`,
      STRUNG,
      `The answer is ${STRUNG.replaceAll(' ', '-')}.`,
      `The answer is \`${STRUNG.replaceAll(' ', '_')}\`.`,
    ];
    for (const answer of wrapped) expect(await overall(answer), answer.slice(0, 40)).toBeLessThanOrEqual(2);
  });

  it('still grades a correct answer in full sentences on the same terms highly', async () => {
    const answer =
      'Bagging trains many models independently and in parallel on bootstrap samples and averages them, which mainly reduces variance; it suits deep trees. ' +
      'Boosting trains models sequentially, each one correcting the errors of the previous ones, which reduces bias as well, with weak learners like shallow trees. ' +
      'Bagging is easier to parallelize and harder to overfit, while boosting often reaches higher accuracy but needs careful tuning.';
    expect(await overall(answer)).toBeGreaterThanOrEqual(4);
  });

  it('reads terse sentences with long runs of content words, and compounds, as sentences', () => {
    for (const text of [
      'Fast.ai provides practical deep learning courses emphasizing getting results quickly.',
      'Feature randomness ensures different trees use different features, creating true diversity.',
      'K-means plus plus initialization chooses centroids spread far apart, typically producing better results.',
      'linspace(start, stop, num) gives exactly num evenly spaced points including both ends, with endpoint=False to drop the last.',
      'Gradient boosting achieves state-of-the-art performance on many structured data problems but requires careful hyperparameter tuning.',
    ]) {
      expect(isTermList(firstSentence(text)), text).toBe(false);
    }
  });
});

describe('a line said again', () => {
  const GD_QUESTION = 'What is gradient descent?';
  const GD_REFERENCE =
    'Gradient descent is an optimization algorithm that finds model parameters minimizing the loss function. It starts with random parameters, ' +
    'calculates how the loss changes with each parameter using derivatives, then adjusts parameters in the direction that decreases loss. ' +
    'This process repeats iteratively until the loss stops improving significantly.';
  const lines = (count: number, line: (index: number) => string): string => Array.from({ length: count }, (_, index) => line(index)).join('\n');

  it('grades 500 copies of a list line as the line said once', async () => {
    const stepLine = (index: number) => `- step ${index}: gradient descent updates parameters`;
    expect(await overall(lines(500, stepLine), GD_QUESTION, GD_REFERENCE)).toBe(await overall(stepLine(0), GD_QUESTION, GD_REFERENCE));
    expect(await overall(lines(500, stepLine), GD_QUESTION, GD_REFERENCE)).toBeLessThanOrEqual(2);
    const numbered = (index: number) => `${index + 1}. compute the gradient then update parameters`;
    expect(await overall(lines(500, numbered), GD_QUESTION, GD_REFERENCE)).toBe(await overall(numbered(0), GD_QUESTION, GD_REFERENCE));
  });

  it('keeps every step of a list whose items differ, and items that share a content under a label naming a thing', () => {
    const steps = readAnswer('1. Compute the gradient of the loss.\n2. Move the weights against it.\n3. Repeat until the loss stops improving.').sentences;
    expect(withoutRepeats(steps)).toHaveLength(3);
    const layers = readAnswer('- Layer 1: 64 units with ReLU\n- Layer 2: 64 units with ReLU').sentences;
    expect(withoutRepeats(layers)).toHaveLength(2);
    const repeated = readAnswer('- Step 1: shuffle the data\n- Step 2: shuffle the data\n- Step 3: fit the model').sentences;
    expect(withoutRepeats(repeated).map((sentence) => sentence.text)).toEqual(['- Step 1: shuffle the data', '- Step 3: fit the model']);
  });
});

describe('code read with the words it stands for', () => {
  const BROADCAST_QUESTION = 'What is broadcasting in NumPy?';
  const BROADCAST_REFERENCE =
    'Broadcasting is NumPy’s way of performing operations on arrays of different shapes without explicitly replicating data. ' +
    'When you add a small array to a large one, NumPy automatically broadcasts the small array across the large one. ' +
    'For example, adding a single number to an array adds that number to every element. ' +
    'Adding a one-dimensional array to a two-dimensional array can add the same vector to every row. ' +
    'Broadcasting eliminates loops, saves memory, and makes code cleaner.';

  it('does not call a short correct answer written with code off-topic, and grades it near its prose form', async () => {
    const code = '(3, 4) + (4,) works: shapes align from the right, 4 matches 4 and the missing axis is stretched.';
    const prose = 'Adding an array of shape three by four to one of shape four works: shapes align from the right, four matches four and the missing axis is stretched.';
    const result = await grader.grade(input(BROADCAST_QUESTION, BROADCAST_REFERENCE, code));
    expect(dimension(result, 'correctness').rationale).not.toMatch(/does not address the question/);
    expect(result.overall).toBeGreaterThanOrEqual((await overall(prose, BROADCAST_QUESTION, BROADCAST_REFERENCE)) - 0.5);
  });

  it('still calls an answer about something else off-topic when it holds arithmetic', async () => {
    const result = await grader.grade(input(BROADCAST_QUESTION, BROADCAST_REFERENCE, 'A Python list grows with append, and len(x) + 1 is its next free position.'));
    expect(result.overall).toBeLessThanOrEqual(2);
  });

  const termsOf = (text: string): string[] => readCodeAsWords(analyzeText(text)).flatMap((sentence) => sentence.tokens.filter((token) => token.kind !== 'word' && token.term !== '').map((token) => `${token.text}:${token.term}`));

  it('reads an arithmetic operator between operands and a slice with the term of its word', () => {
    expect(termsOf('Train on k − 1 folds.')).toHaveLength(1);
    expect(termsOf('The midpoint is (a + b) / 2.')).toHaveLength(2);
    expect(termsOf('A slice like a[1:3] is a view.')).toHaveLength(1);
  });

  it('leaves alone a slash, a dash or a star between words, a pointer, a hyphen and an index', () => {
    for (const text of ['We ran an A/B test w/o a holdout.', 'Bagging - the parallel one - averages.', 'A single-label problem.', 'int a[10]; then a[0] = 5.', 'C++ and **bold**.', 'Precision is TP/FP-ish.']) {
      expect(termsOf(text), text).toEqual([]);
    }
    // The star of a pointer is no product; the sum inside it is a sum.
    expect(termsOf('Read it with *(bPtr + n) or *p.').map((found) => found.split(':')[0])).toEqual(['+']);
  });
});
