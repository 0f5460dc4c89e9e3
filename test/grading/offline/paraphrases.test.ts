import { describe, expect, it } from 'vitest';
import { matchPoints, type PointStatus } from '../../../src/grading/offline/coverage.js';
import { extractKeyPoints } from '../../../src/grading/offline/key-points.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';

/*
 * Key points made in other words (paraphrases.ts): a verb of the same action, a noun Porter keeps apart from its verb,
 * "without labels" for "unlabelled". Questions, references and answers are written for these tests.
 */

const COVERED = 0.5;

function termsOf(text: string): Set<string> {
  return new Set(analyzeText(text).flatMap((sentence) => sentence.tokens.map((token) => token.term).filter((term) => term !== '')));
}

/** The status of the reference's point whose label starts with `label`, for the answer. */
function statusOf(question: string, reference: string, answer: string, label: string): PointStatus {
  const questionTerms = termsOf(question);
  const points = extractKeyPoints([reference], questionTerms);
  const index = points.findIndex((point) => point.label.startsWith(label));
  expect(index, `no point "${label}" in ${points.map((point) => point.label).join(' | ')}`).toBeGreaterThanOrEqual(0);
  return matchPoints(points, analyzeText(answer), COVERED, questionTerms)[index]?.status ?? 'missed';
}

const FOREST_QUESTION = 'How do random forests handle overfitting?';
const FOREST =
  'Averaging many decorrelated trees reduces overfitting. Feature randomness at each split makes the trees differ. ' +
  'Limiting tree depth and leaf size keeps individual trees simpler. Out-of-bag samples give a free validation estimate.';

const UNSUPERVISED_QUESTION = 'What is unsupervised learning?';
const UNSUPERVISED =
  'Unsupervised learning works with unlabelled data. The algorithm discovers structure and groupings by itself. ' +
  'Clustering groups similar customers. Dimensionality reduction summarises many features with a few components.';

const PREVENT_QUESTION = 'How do you prevent overfitting?';
const PREVENT =
  'Get more training data so the model sees more variety. Reduce the number of features with feature selection. ' +
  'Add regularization such as an L2 penalty. Stop training early when the validation loss rises.';

describe('key points made in other words', () => {
  it('credits a verb of the same action: "prevents overfitting" makes "reduces overfitting"', () => {
    const answer = 'Averaging the trees is what prevents overfitting in a forest.';
    expect(statusOf(FOREST_QUESTION, FOREST, answer, 'Averaging many decorrelated trees')).toBe('covered');
  });

  it('reads "finds" as "discovers" and "without labels" as "unlabelled"', () => {
    const answer = 'It trains on data without labels. The algorithm finds structure and groupings in it on its own.';
    expect(statusOf(UNSUPERVISED_QUESTION, UNSUPERVISED, answer, 'Unsupervised learning works with unlabelled data')).toBe('covered');
    expect(statusOf(UNSUPERVISED_QUESTION, UNSUPERVISED, answer, 'The algorithm discovers structure')).toBe('covered');
  });

  it('reads an adjective compared as its plain form and a verb as its synonym: "slower on larger datasets", "modified after you build it"', () => {
    const forests =
      'Random forests are less interpretable than a single tree. Training is slow on large datasets, though parallel training helps. ' +
      'They need much memory to store hundreds of trees. They cannot extrapolate beyond the training targets.';
    const slower = 'A forest trains on larger datasets in slower time, and it takes a lot of memory to hold all the trees.';
    expect(statusOf('What are the disadvantages of random forests?', forests, slower, 'Training is slow on large datasets')).toBe('covered');
    const tuples =
      'A tuple is an ordered collection. Tuples are immutable, so once you create them they cannot be changed. Tuples can be dictionary keys because they are hashable.';
    expect(statusOf('What is a Python tuple?', tuples, 'A tuple cannot be modified after you build it.', 'Tuples are immutable')).toBe('covered');
  });

  it('credits a word of the family only in a sentence that shares another term the point says itself', () => {
    // "avoids" and "reduce" are one action, but this sentence says nothing of features.
    const answer = 'Regularization avoids it, and more training data helps too.';
    expect(statusOf(PREVENT_QUESTION, PREVENT, answer, 'Reduce the number of features')).toBe('missed');
  });

  it("does not read the question's own verb as the point's: \"prevent it by adding features\" reduces nothing", () => {
    const answer = 'You prevent it by adding more features and more layers.';
    expect(statusOf(PREVENT_QUESTION, PREVENT, answer, 'Reduce the number of features')).not.toBe('covered');
    const said = 'You cut the number of features: feature selection avoids it.';
    expect(statusOf(PREVENT_QUESTION, PREVENT, said, 'Reduce the number of features')).toBe('covered');
  });
});
