import { describe, expect, it } from 'vitest';
import { notationTerms } from '../../../src/grading/offline/code-words.js';
import { nameParts } from '../../../src/grading/offline/name-parts.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';

/*
 * One splitter for names written as one word, read by the list rule (enumeration.ts) and by the words an answer's code
 * says (code-words.ts). Until round 19 each had its own: the list rule's did not split an acronym from the word after
 * it ("XGBoost", "SGDClassifier") nor at digits ("BatchNorm1d"), and the code words' split an acronym's plural as two
 * stubs ("SVMs": "sv", "ms"; "LSTMs": "lst", "ms").
 */

const termOf = (word: string): string => analyzeText(word)[0]?.tokens[0]?.term ?? '';

describe('the words of a name written as one', () => {
  it('splits snake_case and CamelCase names, an acronym before a word and at digits', () => {
    expect(nameParts('max_depth')).toEqual(['max', 'depth']);
    expect(nameParts('MinPts')).toEqual(['min', 'pts']);
    expect(nameParts('XGBoost')).toEqual(['xg', 'boost']);
    expect(nameParts('SGDClassifier')).toEqual(['sgd', 'classifier']);
    expect(nameParts('BatchNorm1d')).toEqual(['batch', 'norm', 'd']);
  });

  it("keeps an acronym's plural as one word", () => {
    expect(nameParts('SVMs')).toEqual(['svms']);
    expect(nameParts('numGPUs')).toEqual(['num', 'gpus']);
  });

  it("reads an acronym's plural in code as the acronym, not as stubs", () => {
    const terms = notationTerms(analyzeText('models = [LSTMs(64), SVMs(C=1.0)]')).names;
    expect(terms).toContain(termOf('LSTMs'));
    expect(terms).toContain(termOf('SVMs'));
    expect(terms).not.toContain(termOf('lst'));
  });
});
