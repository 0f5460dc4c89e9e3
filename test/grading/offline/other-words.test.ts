import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * The danger of crediting meaning carried by other words: a wrong answer made of the reference's own words. Question,
 * reference and answers are written for these tests; data/grader/README.md (2026.11.19) says what a paraphrase that
 * shares almost no words with the reference still gets.
 */

const grader = createOfflineGrader();

const QUESTION = 'What is dropout and why does it help?';
const REFERENCE =
  "Dropout randomly sets a fraction of a layer's activations to zero during training. Because any unit can disappear, the network cannot rely on a " +
  'single neuron and learns redundant features, which reduces overfitting. At inference time dropout is turned off and activations are scaled so ' +
  'their expected value matches training.';

const CORRECT =
  'Dropout randomly zeroes a fraction of activations during training, so the network cannot rely on any single neuron and learns redundant features; ' +
  'this reduces overfitting. At inference it is switched off and the activations are scaled to match.';

/** The reference's words, most of its claims turned false. */
const LONG_WRONG =
  'Dropout is a training technique where the network drops the layers with the lowest activations, always the same fraction, so training is faster. ' +
  'Because the weakest units disappear, the network relies on a single strong neuron in each layer, which increases overfitting but gives sharper ' +
  'features. At inference time dropout stays turned on, and activations are not scaled, since the expected value of training does not matter.';

describe('answers in the reference words', () => {
  it('scores a long wrong answer made of the reference words below a correct answer in the same words', async () => {
    const correct = await grader.grade(input(QUESTION, REFERENCE, CORRECT));
    const wrong = await grader.grade(input(QUESTION, REFERENCE, LONG_WRONG));
    expect(correct.overall).toBeGreaterThan(wrong.overall);
    expect(correct.overall).toBeGreaterThanOrEqual(4.5);
  });
});
