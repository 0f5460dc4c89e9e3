import type { Correction } from '../../contracts/feedback-schema.js';
import type { GradeInput } from '../grader.js';
import { readMisconceptionClaims, textWords, topicsNamedIn, type MisconceptionClaim } from '../offline/misconception-bank.js';

/*
 * The bank's patterns catch a misconception in the words its writers foresaw, a third of the time in a candidate's own
 * words. A model reads any wording: besides the errors the offline grader found, the LLM grader lists a few more of
 * the bank's claims about the question's topic for the model to look for, and takes one it finds stated, with the
 * answer's words that state it, into the feedback's corrections with the bank's correction.
 */

/** Claims listed to watch for, at most: the ones sharing most words with the answer. */
export const MAX_WATCHED = 4;
/** Shorter words ("is", "the", "and") say nothing of what a claim is about. */
const MIN_WORD_CHARS = 4;
const FUNCTION_WORDS: ReadonlySet<string> = new Set(['that', 'than', 'with', 'from', 'this', 'they', 'them', 'their', 'there', 'when', 'what', 'which', 'have', 'does', 'into', 'just', 'also', 'some', 'will', 'would', 'only', 'more', 'been', 'your']);

interface WatchedClaim {
  readonly claim: MisconceptionClaim;
  readonly topics: readonly (readonly string[])[];
  readonly words: readonly string[];
}

const contentWords = (text: string): string[] => textWords(text).filter((word) => word.length >= MIN_WORD_CHARS && !FUNCTION_WORDS.has(word));

/**
 * Picks the bank's claims to watch for in a technical answer: those whose topic the question or its own reference
 * names, not already found, that share a word with the answer beyond the question's words, the most shared first.
 * The bank is read at the first technical grading (a fifth of a second), not at start-up.
 */
export function createMisconceptionWatch(read: () => readonly MisconceptionClaim[] = readMisconceptionClaims) {
  // A bank that fails to read fails every time with its first error, rather than being read again at each grading.
  let claims: readonly WatchedClaim[] | Error | undefined;
  return function watchFor(input: GradeInput, found: readonly Correction[]): MisconceptionClaim[] {
    if (input.rubric !== 'technical') return [];
    if (claims === undefined) {
      try {
        claims = read().map((claim) => ({
          claim,
          topics: claim.topic.map((phrase) => phrase.toLowerCase().split(/\s+/).filter((word) => word !== '')),
          words: [...new Set(contentWords(claim.claim))],
        }));
      } catch (error) {
        claims = error instanceof Error ? error : new Error(String(error));
      }
    }
    if (claims instanceof Error) throw claims;
    const names = topicsNamedIn(`${input.question.text}\n${input.reference.fromRelated ? '' : input.reference.answers.join('\n')}`);
    const asked = new Set(textWords(input.question.text));
    const answered = new Set(textWords(input.answer));
    const foundClaims = new Set(found.map((correction) => correction.claim));
    return claims
      .filter(({ claim, topics }) => !foundClaims.has(claim.claim) && topics.some(names))
      .map((watched) => ({ watched, shared: watched.words.filter((word) => !asked.has(word) && answered.has(word)).length }))
      .filter(({ shared }) => shared > 0)
      .sort((a, b) => b.shared - a.shared || a.watched.claim.id.localeCompare(b.watched.claim.id))
      .slice(0, MAX_WATCHED)
      .map(({ watched }) => watched.claim);
  };
}
