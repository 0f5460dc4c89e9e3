import { describe, expect, it } from 'vitest';
import { notationTerms } from '../../../src/grading/offline/code-words.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';

/*
 * What an answer's symbols stand for (`notationTerms`) keeps an answer in notation on topic. A symbol's meaning by
 * convention (`@` a matrix product, η a learning rate, σ a standard deviation) holds in a formula or a line of code;
 * in prose the same marks name nothing, and reading them there let a short answer about something else pass.
 */

const termOf = (word: string): string => analyzeText(word)[0]?.tokens[0]?.term ?? '';

describe('what symbols stand for', () => {
  it('reads a conventional meaning in a formula or a line of code', () => {
    const terms = notationTerms(analyzeText('θ ← θ − η · ∇L(θ). y = X @ w')).symbols;
    expect(terms).toContain(termOf('learning'));
    expect(terms).toContain(termOf('matrix'));
  });

  it('reads no conventional meaning from the same marks in prose', () => {
    const terms = notationTerms(analyzeText('I like precision@k. Also η is nice.')).symbols;
    expect(terms).not.toContain(termOf('learning'));
    expect(terms).not.toContain(termOf('matrix'));
  });
});
