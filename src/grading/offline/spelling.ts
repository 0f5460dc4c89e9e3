import type { SentenceInfo, TokenInfo } from './nlp.js';
import type { ReferenceProfile } from './reference-profile.js';
import { isCorpusTerm } from './term-weights.js';

/*
 * Misspelt terms read as the reference's ("centriods" as "centroids", "funtion" as "function"): three typos in a
 * correct k-means answer cost it half a point, because a key point's terms were not found. A term is read as the
 * reference's only when it is no word the corpus uses (so "simple" is never read as "sample"), is long enough
 * for one edit to be a typo, and exactly one term of the reference is one edit in its middle away from it.
 */

/** Shortest term a typo is read in: shorter words are one edit from too many others. */
const MIN_TYPO_LENGTH = 5;

/** One edit apart (insert, delete or substitute one letter): a typo, for words of five letters or more. */
export function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

/**
 * A typo of `intended` in the middle of the word: one letter substituted, inserted or dropped, or two neighbours
 * swapped, with the first letter and at least one letter after it the same. An edit at either end is how stems of
 * different words differ ("unrel" of "unrelated" and "unreli" of "unreliable", "remaind" and "remain", "hdbscan"
 * and "dbscan").
 */
function isTypoOf(term: string, intended: string): boolean {
  if (Math.abs(term.length - intended.length) > 1) return false;
  let i = 0;
  while (i < term.length && i < intended.length && term[i] === intended[i]) i += 1;
  if (i === 0) return false;
  const rest = (a: string, b: string): boolean => a !== '' && a === b;
  return (
    rest(term.slice(i + 1), intended.slice(i + 1)) ||
    rest(term.slice(i), intended.slice(i + 1)) ||
    rest(term.slice(i + 1), intended.slice(i)) ||
    (term.length === intended.length && term[i] === intended[i + 1] && term[i + 1] === intended[i] && rest(term.slice(i + 2), intended.slice(i + 2)))
  );
}

/** The reference's term a misspelt answer term stands for, if exactly one. */
function intended(term: string, profile: ReferenceProfile): string | undefined {
  if (term.length < MIN_TYPO_LENGTH || term.startsWith('~') || profile.vocabulary.has(term) || isCorpusTerm(term)) return undefined;
  let found: string | undefined;
  for (const candidate of profile.vocabulary) {
    if (candidate.startsWith('~') || !isTypoOf(term, candidate)) continue;
    if (found !== undefined) return undefined;
    found = candidate;
  }
  return found;
}

/** The answer's sentences with misspelt terms read as the reference's; a sentence without any is returned as is. */
export function spellAsReference(sentences: readonly SentenceInfo[], profile: ReferenceProfile): readonly SentenceInfo[] {
  if (profile.vocabulary.size === 0) return sentences;
  return sentences.map((sentence) => {
    let tokens: TokenInfo[] | undefined;
    sentence.tokens.forEach((token, index) => {
      if (token.term === '') return;
      const term = intended(token.term, profile);
      if (term === undefined) return;
      tokens ??= [...sentence.tokens];
      tokens[index] = { ...token, term };
    });
    return tokens === undefined ? sentence : { ...sentence, tokens };
  });
}
