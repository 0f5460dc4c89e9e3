import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * Long, fluent answers wrong on the central point scored 4.2–4.7 (round 19, the ML set's long-wrong answers): the
 * kernel trick said to transform every example explicitly where the reference says implicitly, CART said to pick its
 * splits at random where the reference picks the best, accuracy said to mislead on balanced data where the reference
 * says imbalanced. Each wrong answer has a right twin of the same length and style; the right ones also say the words
 * the rules read, in a contrast, a condition, a hedge or beside the other way. Questions, references and answers are
 * written for these tests.
 */

const grader = createOfflineGrader();

const REFERENCES = {
  kernel: {
    question: 'What is the kernel trick?',
    reference:
      'The kernel trick computes inner products in a high-dimensional feature space without explicitly computing the coordinates of the points there. A polynomial kernel implicitly uses every polynomial feature without building those features. Any algorithm that needs only inner products can then learn a non-linear boundary cheaply.',
  },
  broadcasting: {
    question: 'How does NumPy broadcasting work?',
    reference:
      'Broadcasting lets arrays of different shapes take part in one elementwise operation. The smaller array is stretched implicitly along the missing axes, without copying its values. Two dimensions are compatible when they are equal or one of them is 1.',
  },
  tree: {
    question: 'How does a decision tree choose its splits?',
    reference:
      'At each node the tree tries every feature and every threshold and selects the split that most reduces impurity. It then repeats the search in each child until a stopping rule is met.',
  },
  forward: {
    question: 'How does forward feature selection work?',
    reference:
      'Forward selection starts with no features. At each step it tries every remaining feature and picks the feature that best improves the validation score, and it stops when no feature improves it.',
  },
  accuracy: {
    question: 'When is accuracy misleading?',
    reference:
      'Accuracy is the share of correct predictions. It is misleading with imbalanced classes, where always predicting the majority class scores high. Precision and recall tell more there.',
  },
} as const;

/** The card's reading of a way said otherwise: `says "explicitly" where the reference says "implicitly"`. */
const REVERSED = /says "[^"]+" where the (?:model answer|reference) says "[^"]+"/;

describe('an answer that says the thing is done the other way from the reference', () => {
  it.each([
    ['kernel', 'You explicitly compute every polynomial feature of each point, store those coordinates in the feature space, and fit a linear model on them.'],
    ['broadcasting', 'Broadcasting explicitly copies the values of the smaller array along the missing axes into a new array of the larger shape.'],
    ['tree', 'At each node the tree selects a feature and a threshold at random and splits the node on them, then repeats in each child.'],
    ['forward', 'Forward selection begins with an empty model, and at each step it picks a remaining feature at random and adds it to the model.'],
    ['accuracy', 'Accuracy is the share of correct predictions. It is misleading mainly on balanced datasets, where predicting the majority class scores only half.'],
  ] as const)('flags the %s answer that says it is done the other way', async (key, answer) => {
    const { question, reference } = REFERENCES[key];
    const result = await grader.grade(input(question, reference, answer));
    expect(result.improvements.join(' ')).toMatch(REVERSED);
  });

  it.each([
    ['kernel', 'The kernel returns the inner product of two points in the feature space straight from their coordinates, so no polynomial feature is ever built.'],
    ['kernel', 'Rather than explicitly computing every polynomial feature of each point, the kernel gives their inner product from the original coordinates.'],
    ['kernel', 'Computing every polynomial feature of each point explicitly would be far too expensive, so the kernel gives the inner product directly.'],
    ['kernel', 'The feature space is never built explicitly: the kernel computes the inner products of the points from their coordinates.'],
    ['broadcasting', 'Broadcasting treats the smaller array as if it were repeated along the missing axes, but none of its values are copied into memory.'],
    ['broadcasting', 'You could explicitly copy the smaller array with np.tile, but broadcasting stretches it along the missing axes for free.'],
    ['tree', 'At each node the tree tries every feature and threshold and keeps the split with the lowest impurity, then repeats in each child.'],
    ['tree', 'A random forest picks a random subset of features at each node and selects the best split among them.'],
    ['tree', 'A random forest builds on this tree: each of its trees selects a random subset of the features at every node.'],
    ['tree', 'Extra trees pick their thresholds at random instead of searching for the best one, which a plain tree does at every node.'],
    ['forward', 'Forward selection begins with an empty model, and at each step it adds the remaining feature that raises the validation score most.'],
    ['accuracy', 'Accuracy is the share of correct predictions. It misleads when one class dominates, and on balanced classes it is a fair summary.'],
    ['accuracy', 'Use balanced accuracy or recall per class when the classes are imbalanced, since plain accuracy then rewards the majority class.'],
  ] as const)('leaves the right %s answer alone: %s', async (key, answer) => {
    const { question, reference } = REFERENCES[key];
    const result = await grader.grade(input(question, reference, answer));
    expect(result.improvements.join(' ')).not.toMatch(REVERSED);
  });

  it('grades each wrong answer under its right twin of the same length', async () => {
    const pairs = [
      ['kernel', 'You explicitly compute every polynomial feature of each point, store those coordinates in the feature space, and fit a linear model on them.', 'The kernel returns the inner product of two points in the feature space straight from their original coordinates, so a linear model on them learns a curved boundary.'],
      ['tree', 'At each node the tree selects a feature and a threshold at random and splits the node on them, then repeats in each child.', 'At each node the tree tries every feature and threshold and keeps the split with the lowest impurity, then repeats in each child.'],
      ['accuracy', 'Accuracy is the share of correct predictions. It is misleading mainly on balanced datasets, where predicting the majority class scores only half.', 'Accuracy is the share of correct predictions. It is misleading mainly on imbalanced datasets, where predicting the majority class scores high.'],
    ] as const;
    for (const [key, wrong, right] of pairs) {
      const { question, reference } = REFERENCES[key];
      const [wrongGrade, rightGrade] = await Promise.all([grader.grade(input(question, reference, wrong)), grader.grade(input(question, reference, right))]);
      expect(wrongGrade.overall, key).toBeLessThan(rightGrade.overall);
    }
  });
});
