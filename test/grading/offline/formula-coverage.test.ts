import { describe, expect, it } from 'vitest';
import { readCodeAsWords, withoutSymbolWords } from '../../../src/grading/offline/code-words.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * A right formula kept on topic still scored about 1.4: the coverage of key points and the recall read the answer's
 * terms, and "softmax(z)ᵢ = e^{zᵢ} / Σⱼ e^{zⱼ}" shares none of "exponentiates each score and divides by the sum". A
 * formula's symbols are read as the words they name, in a sentence given as notation only. Questions, references and
 * answers are written for these tests.
 */

const grader = createOfflineGrader();

const SOFTMAX_QUESTION = 'What is the softmax activation function?';
const SOFTMAX_REFERENCE =
  'Softmax turns a vector of scores into probabilities that sum to one. For each class it exponentiates the score and divides by the sum of all exponentiated scores. ' +
  'It is the usual output layer for multi-class classification.';
const EXPONENTIATE_POINT = /exponentiates the score/;

const termOf = (word: string) => analyzeText(word)[0]?.tokens[0]?.term ?? '';
/** The reference's terms, as the grader passes them: what a symbol's word may meet. */
const REFERENCE_TERMS = new Map(['sum', 'exponential', 'probability', 'conditional', 'variance', 'squared'].map((word) => [termOf(word), 1]));
const read = (text: string, reference: ReadonlyMap<string, number> = REFERENCE_TERMS) => readCodeAsWords(analyzeText(text), reference);
const terms = (text: string, reference?: ReadonlyMap<string, number>) => read(text, reference).flatMap((sentence) => sentence.tokens.map((token) => token.term));

describe('a formula\'s symbols read as the words they name', () => {
  it('reads Σ as a sum and e^ as an exponential in a formula', () => {
    expect(terms('softmax(z)_i = e^{z_i} / Σ_j e^{z_j}')).toEqual(expect.arrayContaining([termOf('sum'), termOf('exponential')]));
  });

  it('reads np.exp as an exponential and P(A|B) as a conditional probability in a formula', () => {
    expect(terms('p = np.exp(z) / np.exp(z).sum()')).toContain(termOf('exponential'));
    expect(terms('P(A|B) = P(A ∩ B) / P(B)')).toEqual(expect.arrayContaining([termOf('probability'), termOf('conditional')]));
  });

  it('reads a conventional function applied as what it names (Var(X) a variance) and ² as squared', () => {
    expect(terms('Var(X) = E[(X − μ)²]')).toEqual(expect.arrayContaining([termOf('variance'), termOf('squared')]));
    expect(terms('y_hat = x.var(0) + eps')).toContain(termOf('variance'));
  });

  it('does not read a symbol in prose as its word', () => {
    expect(terms('We write Σ for it and e^ means something else here.')).not.toContain(termOf('sum'));
  });

  it('keeps the share of its own words the reference uses as written (the symbols read as notation)', () => {
    const [sentence] = read('e = np.exp(z); out = e / e.max()');
    if (!sentence) throw new Error('no sentence');
    expect(sentence.tokens.map((token) => token.term)).toContain(termOf('exponential'));
    expect(withoutSymbolWords(sentence).tokens.map((token) => token.term)).not.toContain(termOf('exponential'));
  });

  it('leaves a symbol unread when the reference does not write its word', () => {
    expect(terms('F1 = 2·P·R/(R + P)')).not.toContain(termOf('product'));
    expect(terms('softmax(z)_i = e^{z_i} / Σ_j e^{z_j}', new Map())).not.toContain(termOf('sum'));
  });
});

describe('a formula that writes the reference\'s idea covers its key point', () => {
  it('credits a softmax formula with the exponentiate-and-divide point, quoting the formula', async () => {
    const formula = 'softmax(z)_i = e^{z_i} / Σ_j e^{z_j}';
    const result = await grader.grade(input(SOFTMAX_QUESTION, SOFTMAX_REFERENCE, formula));
    const point = result.coverage?.find((match) => EXPONENTIATE_POINT.test(match.point));
    expect(point?.status).not.toBe('missed');
    expect(point?.quote).toBe(formula);
  });

  it('does not credit that point to a formula of another concept', async () => {
    const result = await grader.grade(input(SOFTMAX_QUESTION, SOFTMAX_REFERENCE, 'ReLU(x) = max(0, x)'));
    expect(result.coverage?.find((match) => EXPONENTIATE_POINT.test(match.point))?.status).toBe('missed');
  });
});
