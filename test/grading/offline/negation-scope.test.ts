import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../src/grading/offline/nlp.js';

/*
 * Where a denial ends. wink negates to the end of the clause, across "and"; a predicate coordinated after
 * the denied one is affirmed when its verb cannot share the negation. Sentences written for these tests.
 */

const negatedWords = (text: string): string[] =>
  analyzeText(text).flatMap((sentence) => sentence.tokens.filter((token) => token.negated && !token.stop && token.kind === 'word').map((token) => token.text));

describe('negation scope', () => {
  it('ends the denial at "and" before a verb in the third person ("does not use X and just takes Y")', () => {
    expect(negatedWords('Soft voting does not use probabilities and just takes the majority class label.')).toEqual(['use', 'probabilities']);
  });

  it('ends the denial at "and" before a finite "is" ("is not applied at inference and is switched off")', () => {
    expect(negatedWords('Dropout is not applied at inference and is switched off in evaluation mode.')).toEqual(['applied', 'inference']);
  });

  it('keeps nouns, bare verbs and participles after "and" denied', () => {
    expect(negatedWords('Soft voting does not use probabilities and weights.')).toEqual(['use', 'probabilities', 'weights']);
    expect(negatedWords('The loader does not shuffle and split the data.')).toEqual(['shuffle', 'split', 'data']);
    expect(negatedWords('The cache is not stored and computed on every request.')).toEqual(['stored', 'computed', 'request']);
  });

  it('lets a second denial after the affirmed predicate deny again', () => {
    expect(negatedWords('Bagging does not weight the models and trains them in parallel, not in sequence.')).toEqual(['weight', 'models', 'sequence']);
  });

  it('reads a verb wink tags a noun as a verb when an object pronoun follows ("and averages them")', () => {
    expect(negatedWords('Bagging does not weight its models and averages them instead.')).toEqual(['weight', 'models']);
  });

  it('ends the denial at "and" before a modal, or an inflected verb after a bare-verb denial ("and can only take", "did not use X and took Y")', () => {
    expect(negatedWords('Soft-voting ensembles do not use probabilities and can only take the majority.')).toEqual(['use', 'probabilities']);
    expect(negatedWords('It did not use probabilities and took the majority.')).toEqual(['use', 'probabilities']);
    expect(negatedWords('Hard voting did not count votes and averaged probabilities from each model.')).toEqual(['count', 'votes']);
  });

  it('keeps a denial whole when it holds a clause of its own ("no guarantee that it converges and finds…")', () => {
    expect(negatedWords('There is no guarantee that gradient descent converges and finds the global minimum.')).toContain('finds');
    expect(negatedWords('It is not true that dropout regularizes the network and improves accuracy.')).toContain('improves');
  });

  it('keeps a participle before a noun denied ("does not need labelled data and learned embeddings")', () => {
    expect(negatedWords('The encoder does not need labelled data and learned embeddings.')).toContain('embeddings');
    expect(negatedWords('The model cannot fit curved boundaries and interacting features.')).toContain('features');
  });

  it('keeps a noun followed by a relative clause denied ("the inputs and outputs it receives")', () => {
    expect(negatedWords('The layer does not rescale the inputs and outputs it receives.')).toContain('outputs');
  });
});
