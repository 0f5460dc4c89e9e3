import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../src/grading/offline/answer-text.js';
import { extractKeyPoints } from '../../../src/grading/offline/key-points.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * wink-nlp ends a sentence at the dot of a dotted name ("np." | "mean") and after abbreviations it does not
 * know ("Fig." | "3"): references lost half a key point and answers were read in halves. A sentence is read
 * whole now; a real sentence end still ends one, also where wink took its full stop for part of the word before
 * it ("…+ x." | "Because…"), while a name's initials stay whole.
 */

const texts = (text: string): string[] => analyzeText(text).map((sentence) => sentence.text);

const DROPOUT_REFERENCE = [
  'Dropout zeroes random units during training so the network cannot rely on any one unit.',
  'Call model.eval() before testing, which turns dropout off, and wrap inference in torch.no_grad() to save memory.',
  'Compute statistics with np.mean over the batch axis, e.g. for monitoring activations.',
  'Forgetting it makes predictions random.',
].join(' ');

describe('sentence boundaries', () => {
  it('keeps a reference sentence with model.eval(), torch.no_grad(), np.mean or e.g. one key point', () => {
    const labels = extractKeyPoints([DROPOUT_REFERENCE], new Set()).map((point) => point.label);
    expect(labels).toContain('Call model.eval() before testing, which turns dropout off, and wrap inference in torch.no_grad() to save memory.');
    expect(labels).toContain('Compute statistics with np.mean over the batch axis, e.g. for monitoring activations.');
    expect(labels.filter((label) => /^(?:eval|no_grad|mean)\b/.test(label))).toEqual([]);
  });

  it('reads an answer sentence with dotted names and e.g. whole, and quotes it whole on the coverage map', async () => {
    const answer = 'You call model.eval() before testing, which turns dropout off, and wrap inference in torch.no_grad() to save memory. Statistics come from np.mean, e.g. per batch.';
    expect(readAnswer(answer).sentences.map((sentence) => sentence.text)).toEqual([
      'You call model.eval() before testing, which turns dropout off, and wrap inference in torch.no_grad() to save memory.',
      'Statistics come from np.mean, e.g. per batch.',
    ]);
    const result = await createOfflineGrader().grade(input('How does dropout work, and what do you do at test time?', DROPOUT_REFERENCE, answer));
    const evalPoint = result.coverage?.find((entry) => entry.point.startsWith('Call model.eval()'));
    expect(evalPoint?.status).not.toBe('missed');
    expect(evalPoint?.quote).toBe('You call model.eval() before testing, which turns dropout off, and wrap inference in torch.no_grad() to save memory.');
  });

  it('reads a method called on its own (.copy()), a file name and a module path as part of their sentence', () => {
    expect(texts('Fancy indexing gives copies, and .copy() forces one.')).toEqual(['Fancy indexing gives copies, and .copy() forces one.']);
    expect(texts('Pin versions in requirements.txt and import sklearn.model_selection for the split.')).toHaveLength(1);
  });

  it('goes on after an abbreviation that never ends a sentence, and after one that may when a number or lower-case word follows', () => {
    expect(texts('As Fig. 3 shows, the loss falls. It then levels off.')).toEqual(['As Fig. 3 shows, the loss falls.', 'It then levels off.']);
    expect(texts('Dropout (Srivastava et al. 2014) regularises large networks.')).toHaveLength(1);
    expect(texts('It handles trees, forests, etc. without scaling.')).toHaveLength(1);
  });

  it('goes on inside a short aside in brackets when a lower-case word follows the full stop', () => {
    expect(texts('Dropout is cheap (one mask per step. more in the paper) and simple.')).toHaveLength(1);
  });

  it('numbers an inline list item with what follows, and never opens a sentence with a comma', () => {
    expect(texts('There are four ways. 1. nonconstant pointer to constant data. 2. constant pointer to constant data.')).toEqual([
      'There are four ways.',
      '1. nonconstant pointer to constant data.',
      '2. constant pointer to constant data.',
    ]);
    expect(texts('A char can hold letters and symbols: A, B, !, 4, 5, P, etc.')).toHaveLength(1);
  });

  it('still ends a sentence at a full stop before the next one, in lower case too', () => {
    expect(texts('The model overfits. Regularization helps.')).toEqual(['The model overfits.', 'Regularization helps.']);
    expect(texts('it overfits the data. the fix is more regularization.')).toEqual(['it overfits the data.', 'the fix is more regularization.']);
    expect(texts('It needs memory, files, etc. Also a constructor cannot return values.')).toHaveLength(2);
    expect(texts('Dropout is cheap (one mask per step. It costs little.)')).toHaveLength(2);
  });

  it('ends a sentence after a one-letter variable and quotes each half alone on the coverage map', async () => {
    expect(texts('Set the learning rate to a. Then it works.')).toEqual(['Set the learning rate to a.', 'Then it works.']);
    expect(texts('Use variable y. It is the label.')).toEqual(['Use variable y.', 'It is the label.']);
    const reference = [
      'A residual block learns a residual function F(x) and outputs F(x) plus its input x.',
      'Because the identity shortcut carries the gradient back unchanged, very deep networks still train.',
    ].join(' ');
    const answer = 'A block learns a residual F(x) and outputs F(x) + x. Because the identity path carries the gradient back, deep nets train.';
    expect(readAnswer(answer).sentences.map((sentence) => sentence.text)).toEqual([
      'A block learns a residual F(x) and outputs F(x) + x.',
      'Because the identity path carries the gradient back, deep nets train.',
    ]);
    const result = await createOfflineGrader().grade(input('What does a residual connection do, and why does it help?', reference, answer));
    const quotes = (result.coverage ?? []).map((entry) => entry.quote).filter((quote) => quote !== undefined && quote !== '');
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(quote === 'A block learns a residual F(x) and outputs F(x) + x.' || quote === 'Because the identity path carries the gradient back, deep nets train.').toBe(true);
  });

  it('ends a sentence after a capital letter or an ellipsis when no name follows, and after a word wink took for an abbreviation', () => {
    expect(texts('The elbow is the best K. As K grows, inertia falls.')).toEqual(['The elbow is the best K.', 'As K grows, inertia falls.']);
    expect(texts('It stores data of a certain type... A local variable lives in a function.')).toHaveLength(2);
    expect(texts('Nothing from the test data leaks in. Train a baseline first.')).toEqual(['Nothing from the test data leaks in.', 'Train a baseline first.']);
  });

  it('keeps the initials of a name, and the abbreviations before a name or a term, in their sentence', () => {
    expect(texts('Residual networks were described by J. Smith, and A. Ng cites them.')).toHaveLength(1);
    expect(texts('Andrew Y. Ng taught it, e.g. Adam, and Dr. Smith agreed.')).toHaveLength(1);
  });

  it('goes on from the sentence before into a lower-case i.e. or e.g., an inline numbered list, and obj. before a lower-case word', () => {
    expect(texts('It picks the best split. i.e. the one with the lowest impurity.')).toHaveLength(1);
    expect(texts('There are two types: 1. constant pointer 2. non-constant pointer.')).toEqual(['There are two types: 1. constant pointer 2. non-constant pointer.']);
    expect(texts('obj. are initialized by the constructor.')).toHaveLength(1);
    expect(texts('It grows from 1 to 2. then it stops.')).toHaveLength(2);
  });

  it('ends a sentence after milliseconds in lower case and after a value of 1 after a colon, where no list goes on', () => {
    expect(texts('It takes 40 ms. Batching then halves it.')).toEqual(['It takes 40 ms.', 'Batching then halves it.']);
    expect(texts('Precision: 1. Recall is lower.')).toEqual(['Precision: 1.', 'Recall is lower.']);
    expect(texts('There are two kinds: 1. Bagging trains in parallel. 2. Boosting trains in sequence.')).toEqual([
      'There are two kinds: 1. Bagging trains in parallel.',
      '2. Boosting trains in sequence.',
    ]);
    expect(texts('Ask Ms. Jones about it.')).toHaveLength(1);
  });
});
