import { describe, expect, it } from 'vitest';
import { inverseDocumentFrequency, overlapRecall, tfidfCosine } from '../../src/eval/baselines.js';
import { linearFit, pearson, quadraticWeightedKappa, rmseAfterLinearMap, spearman } from '../../src/eval/metrics.js';

describe('agreement metrics', () => {
  it('computes Pearson r and Spearman ρ, with tied ranks shared', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // x = 1,2,3,4 against y = 1,3,2,4: r = 0.8 by hand.
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    // Monotone but not linear: ρ is 1, r is not.
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 100])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [1, 4, 9, 100])).toBeLessThan(0.9);
    // Ties share their mean rank: ranks of [1, 1, 2] are [1.5, 1.5, 3].
    expect(spearman([1, 1, 2], [1, 2, 3])).toBeCloseTo(pearson([1.5, 1.5, 3], [1, 2, 3]), 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBe(0);
  });

  it('maps predictions onto the gold scale by least squares before RMSE and kappa', () => {
    expect(linearFit([0, 1, 2], [1, 3, 5])).toEqual({ a: 1, b: 2 });
    expect(rmseAfterLinearMap([0, 0.5, 1], [0, 2.5, 5])).toBeCloseTo(0, 12);
    // Residuals of the best line through (0,0) (1,2) (2,1): y = 0.5 + 0.5x → −0.5, 1, −0.5.
    expect(rmseAfterLinearMap([0, 1, 2], [0, 2, 1])).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(quadraticWeightedKappa([0.1, 0.5, 0.9], [1, 3, 5], [1, 5])).toBeCloseTo(1, 12);
  });

  it('computes quadratic weighted kappa against chance', () => {
    expect(quadraticWeightedKappa([0, 1, 2, 2], [0, 1, 2, 2], [0, 2])).toBeCloseTo(1, 12);
    // Predictions carry no information: the least-squares map sends all of them to 0.5, rounded to 1.
    // Observed weighted disagreement 2 (two answers at 0 → 1), expected by chance 1 × 2 × 4 / 4 = 2: κ = 0.
    expect(quadraticWeightedKappa([0, 1, 0, 1], [0, 0, 1, 1], [0, 1])).toBeCloseTo(0, 12);
  });
});

describe('baselines', () => {
  it('counts the share of the reference’s content words an answer uses, without stop words', () => {
    expect(overlapRecall('The model stores keys and values', 'key value pairs stored by the model')).toBeCloseTo(1 / 5, 12);
    expect(overlapRecall('anything', '')).toBe(0);
  });

  it('gives TF-IDF cosine 1 for the same text and 0 for texts sharing no content word', () => {
    const idf = inverseDocumentFrequency(['gradient descent step', 'learning rate step', 'test set']);
    expect(tfidfCosine('gradient descent step', 'gradient descent step', idf)).toBeCloseTo(1, 12);
    expect(tfidfCosine('gradient descent', 'test set', idf)).toBe(0);
  });
});
