import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { readCorpus } from '../../src/corpus/parse-corpus.js';
import { createRelatedIndex, learnCompounds, subjectTerms, type RelatedIndex } from '../../src/corpus/related-questions.js';

/*
 * Round 10, S6: "What is the bias-variance trade-off?" borrowed no model answer while "…tradeoff?" did. A pasted
 * question in another spelling of a compound (dashed, closed, spaced, with an en dash) must borrow what the corpus
 * spelling borrows. Before the change 3 of these 11 lent the question they respell; after, 11 of 11.
 */
const VARIANTS: readonly (readonly [string, string])[] = [
  ['What is the bias-variance trade-off?', 'What is the bias-variance tradeoff? Explain with an example.'],
  ['Can you explain the bias\u2013variance trade-off?', 'What is the bias-variance tradeoff? Explain with an example.'],
  ['What is the bias variance trade off?', 'What is the bias-variance tradeoff? Explain with an example.'],
  ['What is minibatch gradient descent?', 'What is mini-batch gradient descent?'],
  ['How do minibatches enable parallelization?', 'How do mini-batches enable parallelization?'],
  ['Can logistic regression handle multi-class problems?', 'Can logistic regression handle multiclass problems?'],
  ['How do confusion matrices extend to multi-class problems?', 'How do confusion matrices extend to multiclass problems?'],
  ['How does an SVM handle nonlinearly separable data?', 'How does SVM handle non-linearly separable data?'],
  ['How do precision and recall trade-off?', 'How do precision and recall trade off?'],
  ['Which hyper-parameters are important for boosting?', 'What hyperparameters are important for boosting?'],
  ['How does the chain rule apply to back-propagation?', 'How does the chain rule apply to backpropagation?'],
];

let index: RelatedIndex;

beforeAll(() => {
  index = createRelatedIndex(readCorpus(path.join(projectRoot, 'data', 'corpus')).questions);
});

describe('related questions across spellings of a compound', () => {
  it.each(VARIANTS)('"%s" borrows the answer of "%s"', (variant, corpusQuestion) => {
    expect(index.related(variant).map((candidate) => candidate.record.text)).toContain(corpusQuestion);
  });

  it('scores the hyphenated, closed, spaced and en-dash spellings of the bias-variance question the same', () => {
    const scores = ['What is the bias-variance tradeoff?', 'What is the bias-variance trade-off?', 'What is the bias variance trade off?', 'What is the bias\u2013variance trade\u2011off?'].map(
      (text) => index.score(text)[0]?.score,
    );
    expect(scores[0]).toBeGreaterThanOrEqual(0.4);
    for (const score of scores) expect(score).toBeCloseTo(scores[0] ?? 0, 10);
  });

  it('writes a compound the way the corpus does: closed when it writes it closed, else in its parts', () => {
    const compounds = learnCompounds(['A tradeoff and a trade-off.', 'Each mini-batch is small.', 'The bias-variance view: bias and variance.']);
    expect(subjectTerms('the trade-off', compounds)).toEqual(subjectTerms('the tradeoff', compounds));
    expect(subjectTerms('the trade off', compounds)).toEqual(subjectTerms('the tradeoff', compounds));
    expect(subjectTerms('a minibatch', compounds)).toEqual(subjectTerms('a mini-batch', compounds));
    expect(subjectTerms('bias-variance', compounds)).toEqual(subjectTerms('bias and variance', compounds));
    // Without a vocabulary nothing is joined: the practice module's terms are as before.
    expect(subjectTerms('the trade-off')).toEqual(['trade']);
  });

  it('does not join two words the corpus never writes as one', () => {
    const compounds = learnCompounds(['Data arrives online.', 'A trade-off.']);
    expect(subjectTerms('on line five', compounds)).toEqual(subjectTerms('line five'));
  });
});
