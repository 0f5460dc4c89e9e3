import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { dimensionOf as dimension, TECHNICAL_FIXTURES, technicalInput, technicalQuestionInput as input } from './fixtures.js';

/*
 * The behaviours issue 10 names, each on questions and answers written for these tests: what a human
 * grader would do with a short correct answer, an order error, a negation, a keyword list, a paraphrase
 * and a draft cut off at time-up.
 */

const grader = createOfflineGrader();

const fixture = (name: string) => {
  const found = TECHNICAL_FIXTURES.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found;
};

const TRAVERSAL_QUESTION = 'In what order does an in-order traversal of a binary tree visit the nodes?';
const TRAVERSAL_REFERENCE = 'An in-order traversal visits the left child first, then the root, then the right child.';

const LEARNING_RATE_QUESTION = 'What does the learning rate control in gradient descent?';
const LEARNING_RATE_REFERENCE = 'The size of the step each update takes along the negative gradient.';

const DROPOUT_QUESTION = 'How does dropout work, and why does it reduce overfitting?';
const DROPOUT_REFERENCE =
  'Dropout randomly sets a fraction of the neurons to zero at each training step, so the network cannot rely on any single neuron. ' +
  'This forces redundant representations and acts like training an ensemble of thinner networks, which reduces overfitting. ' +
  'At inference time all neurons are used and their outputs are scaled to match the expected activation. ' +
  'A typical rate is 0.2 to 0.5; too much dropout makes the model underfit.';

describe('technical grading behaviours', () => {
  it('scores a short correct answer to a one-line reference at least 3.5', async () => {
    const result = await grader.grade(input(LEARNING_RATE_QUESTION, LEARNING_RATE_REFERENCE, 'How big a step each update takes along the negative gradient.'));
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
    expect(dimension(result, 'clarity').score).toBeGreaterThanOrEqual(3);
  });

  it('marks down an answer that says the steps of a sequence in the wrong order, and says so', async () => {
    const right = await grader.grade(input(TRAVERSAL_QUESTION, TRAVERSAL_REFERENCE, 'It visits the left child first, then the root, and then the right child.'));
    const wrong = await grader.grade(input(TRAVERSAL_QUESTION, TRAVERSAL_REFERENCE, 'in order starts with the root then does right child then left child'));
    expect(dimension(wrong, 'correctness').score).toBeLessThan(dimension(right, 'correctness').score);
    expect(wrong.overall).toBeLessThanOrEqual(right.overall - 1);
    expect(dimension(wrong, 'correctness').rationale).toMatch(/different order/);
    expect(wrong.improvements.some((text) => text.includes('order of the steps'))).toBe(true);
    expect(right.improvements.some((text) => text.includes('order of the steps'))).toBe(false);
  });

  it('marks down an answer that negates what the reference affirms, quoting it', async () => {
    const list = fixture('list vs tuple');
    const right = await grader.grade(technicalInput(list, 'Lists are mutable, so you can change them after creation by adding, removing or modifying elements.'));
    const negated = await grader.grade(technicalInput(list, 'Lists are not mutable, so you cannot change them after creation by adding, removing or modifying elements.'));
    expect(dimension(negated, 'correctness').score).toBeLessThan(dimension(right, 'correctness').score);
    expect(dimension(negated, 'correctness').rationale).toContain('appears to negate');
    expect(negated.improvements.some((text) => text.includes('Check "Lists are not mutable'))).toBe(true);
    expect(right.improvements.some((text) => text.includes('Check "'))).toBe(false);
  });

  it('marks down an answer that swaps a direction the reference states, naming both words', async () => {
    const question = 'How does gradient descent update the parameters?';
    const reference =
      'It computes the gradient of the loss with respect to the parameters and moves them a small step in the opposite direction, ' +
      'because the gradient points uphill. The learning rate sets the size of the step, and the updates repeat until the loss stops improving.';
    const right = await grader.grade(
      input(question, reference, 'It takes the gradient of the loss and moves the parameters a small step in the opposite direction, since the gradient points uphill.'),
    );
    const swapped = await grader.grade(
      input(question, reference, 'It takes the gradient of the loss and moves the parameters a small step in the same direction, since the gradient points uphill.'),
    );
    expect(dimension(swapped, 'correctness').score).toBeLessThan(dimension(right, 'correctness').score);
    expect(swapped.overall).toBeLessThan(right.overall);
    expect(dimension(swapped, 'correctness').rationale).toContain('says "same" where the reference says "opposite"');
    expect(swapped.improvements.some((text) => text.includes('Check "It takes the gradient'))).toBe(true);
    expect(right.improvements.some((text) => text.includes('Check "'))).toBe(false);
  });

  it('marks down a comparison whose two sides swap what the reference says of each, naming both', async () => {
    const question = 'What is the difference between a stack and a queue?';
    const reference =
      'A stack is last in, first out: you push and pop at the top, so the newest item leaves first. ' +
      'A queue is first in, first out: items join at the back and leave from the front, so the oldest item leaves first.';
    const swapped = await grader.grade(
      input(question, reference, 'A stack is first in, first out: items join at the back and the oldest leaves first, while a queue is last in, first out, since you push and pop at the top.'),
    );
    const right = await grader.grade(
      input(question, reference, 'A stack is last in, first out: you push and pop at one end, so the newest item comes off first; a queue is first in, first out, items join at the back and the oldest leaves first.'),
    );
    expect(dimension(swapped, 'correctness').score).toBeLessThanOrEqual(2);
    expect(dimension(swapped, 'correctness').rationale).toContain('swaps "stack" and "queue": it says of each what the reference says of the other');
    expect(dimension(swapped, 'correctness').rationale).toContain('it gives "stack" "join", which the reference says of "queue"');
    expect(swapped.improvements.some((text) => text.includes('It swaps "stack" and "queue": it says of each what the model answer says of the other'))).toBe(true);
    expect(dimension(right, 'correctness').score).toBeGreaterThanOrEqual(4);
    expect(dimension(right, 'correctness').rationale).not.toContain('where the reference says');
    expect(swapped.overall).toBeLessThanOrEqual(right.overall - 1);
  });

  it('marks down an answer that gives each of two opposite terms the other one\'s consequence (high bias overfits, high variance underfits)', async () => {
    const question = 'How do bias and variance show up in a model\'s errors?';
    const reference =
      'A model with high bias is too simple: it underfits, with high error on the training data and on new data alike. ' +
      'A model with high variance is too flexible: it overfits, with low training error and a much higher error on new data.';
    const swapped = await grader.grade(
      input(question, reference, 'High bias means the model overfits: it memorises the training data. High variance means it underfits, because the model is too simple to learn the pattern.'),
    );
    const right = await grader.grade(
      input(question, reference, 'High bias means the model underfits: it is too simple, so it errs on training and new data alike. High variance means it overfits, fitting the training noise and failing on new data.'),
    );
    expect(dimension(swapped, 'correctness').score).toBeLessThanOrEqual(2);
    expect(dimension(right, 'correctness').score).toBeGreaterThanOrEqual(3);
    expect(swapped.overall).toBeLessThan(right.overall);
  });

  it('credits clarity no higher than one point above correctness: a fluent wrong answer is not clear about the topic', async () => {
    const wrong = await grader.grade(
      input(
        DROPOUT_QUESTION,
        DROPOUT_REFERENCE,
        'Dropout is a learning rate schedule. At every epoch it drops the learning rate by a fixed factor, so the optimiser takes smaller steps. ' +
          'Smaller steps mean the weights move less, which is why it is said to reduce overfitting. ' +
          'It is switched on at inference as well, so that predictions stay consistent with training.',
      ),
    );
    expect(dimension(wrong, 'clarity').score).toBeLessThanOrEqual(dimension(wrong, 'correctness').score + 1);
    // Correctness is an estimate against the model answer, so the cap says so rather than calling the answer wrong.
    expect(dimension(wrong, 'clarity').rationale).toMatch(/counts only one point above correctness, which is judged against the model answer/);
    expect(dimension(wrong, 'clarity').rationale).not.toMatch(/wrong/);
  });

  it('scores the reference keywords without sentences at most 2', async () => {
    const dropout = await grader.grade(
      input(DROPOUT_QUESTION, DROPOUT_REFERENCE, 'dropout, neurons, zero, training step, redundant representations, ensemble, thinner networks, overfitting, inference, scaling'),
    );
    expect(dropout.overall).toBeLessThanOrEqual(2);
    expect(dimension(dropout, 'clarity').score).toBe(1);
    for (const named of TECHNICAL_FIXTURES) {
      expect((await grader.grade(technicalInput(named, named.keywords))).overall, named.name).toBeLessThanOrEqual(2);
    }
  });

  it('credits a paraphrase in other words above an off-topic answer, and finds its points', async () => {
    const bias = fixture('bias-variance (notebook markdown)');
    const paraphrase = await grader.grade(
      technicalInput(
        bias,
        'A model that is too simple cannot capture the real pattern, so it is wrong on training and test data alike. ' +
          'One that is too complex memorises the noise of its training set and falls apart on unseen data. ' +
          'Making the model more flexible lowers the first kind of error and raises the second, so you look for the sweet spot, for example with cross-validation.',
      ),
    );
    const offTopic = await grader.grade(technicalInput(bias, bias.offTopic));
    expect(paraphrase.overall).toBeGreaterThanOrEqual(offTopic.overall + 1);
    expect(paraphrase.coverage?.some((point) => point.status !== 'missed')).toBe(true);
  });

  it('judges a draft cut off mid-sentence as truncated: below the finished answer, with advice to finish it', async () => {
    const draft = 'Dropout randomly sets a fraction of the neurons to zero at each training step. This stops the network from relying on any single neuron, so it';
    const finished = `${draft} learns redundant features and overfits less.`;
    const cut = await grader.grade(input(DROPOUT_QUESTION, DROPOUT_REFERENCE, draft));
    const whole = await grader.grade(input(DROPOUT_QUESTION, DROPOUT_REFERENCE, finished));
    expect(cut.overall).toBeLessThan(whole.overall);
    expect(dimension(cut, 'clarity').score).toBeLessThanOrEqual(2);
    expect(dimension(cut, 'clarity').rationale).toContain('mid-sentence');
    expect(cut.improvements.some((text) => text.includes('breaks off'))).toBe(true);
    expect(whole.improvements.some((text) => text.includes('breaks off'))).toBe(false);
  });

  it('does not mark a compact correct answer down for depth the question does not ask for', async () => {
    const answer =
      'During training it zeroes a random fraction of the neurons at every step, so the network cannot depend on any one neuron and learns redundant features, which reduces overfitting.';
    const definition = await grader.grade(input('What is dropout?', DROPOUT_REFERENCE, answer));
    const asked = await grader.grade(input('What is dropout, and when would you use it?', DROPOUT_REFERENCE, answer));
    expect(dimension(definition, 'depth').score).toBeGreaterThanOrEqual(3);
    expect(dimension(definition, 'depth').rationale).toMatch(/does not ask for trade-offs, examples or pitfalls, so none is required/);
    expect(dimension(asked, 'depth').score).toBeLessThan(dimension(definition, 'depth').score);
    expect(dimension(asked, 'depth').rationale).toMatch(/^A definition only; the model answer also gives (a trade-off|when to use it|an example|a pitfall)( and |\.)/);
    expect(definition.overall).toBeGreaterThan(asked.overall);
  });

  it('judges a compact answer on what it says: right but brief keeps its correctness, padding with another topic does not', async () => {
    const question = 'What is dropout?';
    const brief = await grader.grade(input(question, DROPOUT_REFERENCE, 'It randomly zeroes neurons during training so the network cannot rely on any single one.'));
    const padded = await grader.grade(
      input(
        question,
        DROPOUT_REFERENCE,
        'It randomly zeroes neurons during training so the network cannot rely on any single one. I used Kubernetes and Docker to deploy our services, with Grafana dashboards and alerts on call rotations.',
      ),
    );
    expect(dimension(brief, 'correctness').score).toBeGreaterThanOrEqual(4);
    expect(dimension(brief, 'correctness').rationale).toMatch(/what the answer says: \d+% of its own words/);
    expect(dimension(brief, 'coverage').score).toBeLessThanOrEqual(3);
    expect(dimension(padded, 'correctness').score).toBeLessThan(dimension(brief, 'correctness').score);
  });

  it('does not hold a compact answer\'s notation against it ("neuron\'s", "p", "y = m · x"), and still keeps a wrong one with notation low', async () => {
    const question = 'What is dropout?';
    const worded = await grader.grade(
      input(question, DROPOUT_REFERENCE, "Each step it keeps a neuron with probability 1 − p and zeroes it otherwise, so no neuron's output can be relied on."),
    );
    const formula = await grader.grade(
      input(question, DROPOUT_REFERENCE, "In training, y = m · x with m ~ Bernoulli(1 − p): each neuron's output is zeroed with probability p, so the network can't rely on any single neuron."),
    );
    const wrong = await grader.grade(
      input(question, DROPOUT_REFERENCE, "Dropout multiplies each layer's learning rate by p at inference, so x converges faster and the loss's curve is smoother."),
    );
    for (const right of [worded, formula]) {
      expect(dimension(right, 'correctness').score).toBe(4);
      expect(dimension(right, 'correctness').rationale).toMatch(/what the answer says: [7-9]\d% of its own words/);
    }
    expect(dimension(wrong, 'correctness').score).toBeLessThanOrEqual(2);
    expect(wrong.overall).toBeLessThan(worded.overall - 0.5);
  });

  it('gives no depth for a cue word without content ("is when you transfer stuff")', async () => {
    const result = await grader.grade(
      input(
        'What is transfer learning?',
        'Transfer learning reuses a model trained on a large dataset for a related task. For example, an ImageNet network is fine-tuned on a few thousand medical images; this works when the tasks share low-level features, but fails when the domains differ too much.',
        'Transfer learning is when you transfer stuff a model learned to another thing.',
      ),
    );
    expect(dimension(result, 'depth').score).toBeLessThanOrEqual(2);
    expect(dimension(result, 'depth').rationale).not.toMatch(/when to use/);
  });

  it('never lists another question’s sentences as missed when the reference comes from related questions', async () => {
    const bias = fixture('bias-variance (notebook markdown)');
    const result = await grader.grade(technicalInput(bias, bias.half, true));
    expect(result.missingPoints).toEqual([]);
    expect(result.coverage).toBeUndefined();
    expect(dimension(result, 'coverage').rationale).toMatch(/weak evidence/);
    expect(result.improvements.join(' ')).not.toContain('Irreducible');
  });

  it('shows a coverage map: every key point covered, partial or missed, quoting the answer', async () => {
    const list = fixture('list vs tuple');
    const result = await grader.grade(technicalInput(list, list.half));
    const map = result.coverage ?? [];
    expect(map.length).toBeGreaterThanOrEqual(3);
    expect(map.some((point) => point.status === 'covered')).toBe(true);
    expect(map.some((point) => point.status === 'missed')).toBe(true);
    for (const point of map) {
      if (point.status === 'missed') expect(point.quote).toBeUndefined();
      else expect(list.half).toContain(point.quote ?? '∅');
    }
    expect(result.missingPoints).toEqual(map.filter((point) => point.status === 'missed').map((point) => point.point));
  });

  it('gives advice that follows from the answer: no improvement repeated across different questions', async () => {
    const results = await Promise.all(TECHNICAL_FIXTURES.map((named) => grader.grade(technicalInput(named, named.half))));
    const seen = new Map<string, string>();
    results.forEach((result, index) => {
      for (const text of result.improvements) {
        const plain = text.replace(/^Next step: /, '');
        expect(seen.get(plain), `"${plain}" also given for ${seen.get(plain)}`).toBeUndefined();
        seen.set(plain, TECHNICAL_FIXTURES[index]?.name ?? '');
      }
    });
  });
});
