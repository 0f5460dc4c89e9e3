import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * A long wrong answer on the ML set blamed vanishing gradients on ReLU and cured them with sigmoid, the reference's
 * cause and cure exchanged, and scored 3.8 (round 19). Each wrong answer here has a right twin of the same length; the
 * traps name a thing in both parts, or in another part than a cause or a cure. Questions, references and answers are
 * written for these tests.
 */

const grader = createOfflineGrader();

const REFERENCES = {
  vanishing: {
    question: 'What causes vanishing gradients?',
    reference:
      'Vanishing gradients happen with saturating activations such as sigmoid and tanh, whose derivatives are small. They were largely solved by ReLU activations, residual connections and careful initialisation.',
  },
  exploding: {
    question: 'What are exploding gradients?',
    reference:
      'Exploding gradients grow larger at every layer on the way back. They are caused by large weights and long chains of multiplications. Gradient clipping and batch normalisation prevent them.',
  },
  stages: {
    question: 'Which stages of the software life cycle does testing influence?',
    reference: 'Testing influences the coding stage and the solution refinement stage.',
  },
  overfitting: {
    question: 'What is overfitting?',
    reference:
      'Overfitting is caused by a model too complex for the amount of data it sees. Regularisation, more data and early stopping prevent it.',
  },
} as const;

/** The card's reading of a part exchanged: `says "caused … relu" where the reference says "solved … relu"`. */
const EXCHANGED = /says "[^"]+ … [^"]+" where the (?:model answer|reference) says "[^"]+ … [^"]+"/;

const grade = (key: keyof typeof REFERENCES, answer: string) => grader.grade(input(REFERENCES[key].question, REFERENCES[key].reference, answer));

describe('an answer that gives the cause the reference names as the cure, or the other way', () => {
  it.each([
    ['exploding', 'Exploding gradients are caused by gradient clipping and batch normalisation, and large weights with long chains prevent them.', 'Exploding gradients are caused by large weights and long chains of multiplications, and clipping with batch normalisation prevents them.'],
    ['overfitting', 'Overfitting is caused by too much regularisation and early stopping, and a more complex model with more layers prevents it.', 'Overfitting is caused by a model too complex for its data, and regularisation with early stopping or more data prevents it.'],
  ] as const)('flags the %s answer and grades it under its right twin', async (key, wrong, right) => {
    const [wrongGrade, rightGrade] = await Promise.all([grade(key, wrong), grade(key, right)]);
    expect(wrongGrade.improvements.join(' ')).toMatch(EXCHANGED);
    expect(rightGrade.improvements.join(' ')).not.toMatch(EXCHANGED);
    expect(wrongGrade.overall).toBeLessThan(rightGrade.overall);
  });

  it.each([
    ['vanishing', 'ReLU solves vanishing gradients in deep networks, though it causes dead units when many inputs are negative.'],
    ['vanishing', 'Sigmoid saturates, which causes vanishing gradients; ReLU activations and residual connections are the usual fix.'],
    ['vanishing', 'They happen with sigmoid and tanh because their derivatives are small, and ReLU solves that for positive inputs.'],
    ['overfitting', 'Too much regularisation causes underfitting instead, so the cure for overfitting is to regularise just enough.'],
    ['overfitting', 'A model too complex for its data overfits; early stopping, more data and regularisation are the fixes.'],
    // A noun naming a stage, not heading a cure; a reason, not the problem's cause (a UNT answer graded 5 by both humans).
    ['stages', 'Refinement and coding. Because refinement occurs right before testing, and coding right after it.'],
  ] as const)('leaves the right %s answer alone: %s', async (key, answer) => {
    const result = await grade(key, answer);
    expect(result.improvements.join(' ')).not.toMatch(EXCHANGED);
  });
});
