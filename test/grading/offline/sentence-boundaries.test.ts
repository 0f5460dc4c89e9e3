import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../src/grading/offline/answer-text.js';
import { extractKeyPoints } from '../../../src/grading/offline/key-points.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * wink-nlp ends a sentence at the dot of a dotted name ("np." | "mean") and after abbreviations it does not
 * know ("Fig." | "3"): references lost half a key point and answers were read in halves. A sentence is read
 * whole now; a real sentence end still ends one.
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
});
