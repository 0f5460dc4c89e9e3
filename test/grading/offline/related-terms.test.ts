import { describe, expect, it } from 'vitest';
import { RELATED_TERMS } from '../../../src/grading/offline/cues.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/** The matching keys of a text's content words, in order. */
const terms = (text: string): string[] => analyzeText(text).flatMap((sentence) => sentence.tokens.map((token) => token.term).filter((term) => term !== ''));

const sameKey = (a: string, b: string): boolean => {
  const [x, y] = [terms(a), terms(b)];
  return x.length === 1 && y.length === 1 && x[0] === y[0];
};

describe('related-terms groups', () => {
  it('joins spellings the stemmer keeps apart', () => {
    expect(sameKey('mini-batch', 'minibatch')).toBe(true);
    expect(sameKey('mini batch', 'minibatch')).toBe(true);
    expect(sameKey('matrices', 'matrix')).toBe(true);
    expect(sameKey('nonlinear', 'non-linear')).toBe(true);
    expect(sameKey('transposition', 'transpose')).toBe(true);
    expect(sameKey('dimensionality', 'dimensions')).toBe(true);
    expect(sameKey('pretrained', 'pre-trained')).toBe(true);
    expect(sameKey('elementwise', 'element-wise')).toBe(true);
  });

  it('meets a name in its acronym', () => {
    expect(sameKey('RMSE', 'root mean squared error')).toBe(true);
    expect(sameKey('MSE', 'mean squared error')).toBe(true);
    expect(sameKey('PCA', 'principal component analysis')).toBe(true);
    expect(sameKey('p-value', 'p value')).toBe(true);
    expect(sameKey('R-squared', 'coefficient of determination')).toBe(true);
    expect(sameKey('TF-IDF', 'tfidf')).toBe(true);
  });

  it('joins the two names of a resampling direction', () => {
    expect(sameKey('upsampling', 'oversampling')).toBe(true);
    expect(sameKey('downsample', 'undersample')).toBe(true);
  });

  it('keeps neighbours and opposites apart', () => {
    expect(sameKey('precision', 'recall')).toBe(false);
    expect(sameKey('oversampling', 'undersampling')).toBe(false);
    expect(sameKey('MSE', 'RMSE')).toBe(false);
    expect(sameKey('MSE', 'MAE')).toBe(false);
    expect(sameKey('standard deviation', 'standardization')).toBe(false);
    expect(sameKey('mutable', 'immutable')).toBe(false);
    expect(sameKey('bagging', 'boosting')).toBe(false);
    // Porter stems "bagging" to "bag": the bag of words is another thing.
    expect(terms('bag of words')[0]).not.toBe(terms('bagging')[0]);
  });

  it('gives no word two groups, and none whose everyday sense is common', () => {
    const seen = new Map<string, string>();
    for (const { key, members } of RELATED_TERMS) {
      for (const member of members) {
        expect(seen.get(member), `${member} in ${key} and ${seen.get(member) ?? ''}`).toBeUndefined();
        seen.set(member, key);
      }
    }
    for (const word of ['class', 'model', 'error', 'data', 'step size', 'gradient', 'slope', 'sensitivity', 'parameter', 'parameters', 'np', 'df']) {
      expect(seen.has(word), word).toBe(false);
    }
  });
});

describe('a correct answer in the names a candidate uses', () => {
  const grader = createOfflineGrader();
  const QUESTION = 'How do you evaluate a regression model?';
  const REFERENCE =
    'Hold out a test set the model never saw during training. Report the RMSE, which is in the units of the target, and the MAE, which is less ' +
    'sensitive to outliers. R-squared gives the share of the variance of the target the features explain. Plot the residuals against the ' +
    'predictions: a pattern or a funnel shape means heteroscedasticity or a missed non-linear relationship.';
  const IN_OTHER_WORDS =
    'Keep a test set the model never saw in training. Compute the root mean squared error, which is in the units of the target, and the mean ' +
    'absolute error, which outliers pull around less. The coefficient of determination says how much of the variance of the target the ' +
    'features explain. Plot residuals against predicted values: a trend or a funnel means heteroscedasticity or a nonlinear relationship the ' +
    'model missed.';

  it('covers every point it makes with the metrics’ full names for the reference’s acronyms', async () => {
    const graded = await grader.grade(input(QUESTION, REFERENCE, IN_OTHER_WORDS));
    expect(graded.dimensions.find((dimension) => dimension.key === 'coverage')?.score).toBe(5);
  });
});
