import type { Correction } from '../../contracts/feedback-schema.js';
import type { GradeInput } from '../grader.js';
import { createLru } from '../offline/lru.js';
import { readMisconceptionClaims, textWords, topicsNamedIn, type MisconceptionClaim } from '../offline/misconception-bank.js';
import { MISCONCEPTIONS_VERSION } from '../offline/version.js';

/*
 * The bank's patterns catch a misconception in the words its writers foresaw, less than half the time in a candidate's
 * own words. A model reads any wording: besides the errors the offline grader found, the LLM grader lists a few more
 * of the bank's claims about the question's topic for the model to look for, and takes one it finds stated, with the
 * answer's clause that states it, into the feedback's corrections with the bank's correction.
 */

/** Claims listed to watch for, at most: the ones sharing most words with the answer. */
export const MAX_WATCHED = 4;
/** Words that say nothing of what a claim is about; acronyms (AUC, L1, PCA) are kept. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'is', 'are', 'was', 'be', 'it', 'its', 'of', 'in', 'on', 'at', 'to', 'by', 'as', 'or', 'and', 'if', 'so',
  'do', 'does', 'no', 'not', 'for', 'but', 'you', 'we', 'can', 'has', 'have', 'all', 'any', 'one', 'that', 'than', 'with',
  'from', 'this', 'they', 'them', 'their', 'there', 'when', 'what', 'which', 'into', 'just', 'also', 'some', 'will',
  'would', 'only', 'more', 'been', 'your', 'each', 'every', 'always', 'never',
]);
/** A quote of fewer words proves nothing about a claim ("bias", "the model"). */
const MIN_QUOTE_WORDS = 3;
/**
 * A claim sharing more than this share of the words of one found or already picked (Jaccard) says the same error again:
 * the bank words a few errors in several areas ("A higher/larger learning rate always makes gradient descent converge
 * faster", 0.78); different errors about the same thing stay apart ("k-means / SVMs do not need feature scaling", 0.6).
 */
const SAME_ERROR_SIMILARITY = 0.6;
/** Questions whose applicable claims are remembered: the topic test reads the question and its whole reference. */
const CACHED_QUESTIONS = 256;

interface WatchedClaim {
  readonly claim: MisconceptionClaim;
  readonly topics: readonly (readonly string[])[];
  readonly words: ReadonlySet<string>;
}

const contentWords = (text: string): Set<string> => new Set(textWords(text).filter((word) => !FUNCTION_WORDS.has(word)));

function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / Math.max(1, a.size + b.size - shared);
}

/**
 * Whether the model's quote can be the answer stating the claim: one stretch of one sentence (no "…" joining pieces, no
 * sentence ending inside), a few words at least, saying something the claim says beyond the question's own words. It
 * does not prove the stretch asserts the claim: a watched claim's correction is shown, it holds no grade.
 */
export function quoteStates(quote: string, claim: Pick<MisconceptionClaim, 'claim'>, question: string): boolean {
  if (/\.\.\.|…|[.!?]\s+\S/.test(quote.trim()) || textWords(quote).length < MIN_QUOTE_WORDS) return false;
  const asked = new Set(textWords(question));
  const said = contentWords(quote);
  return [...contentWords(claim.claim)].some((word) => !asked.has(word) && said.has(word));
}

/**
 * Picks the bank's claims to watch for in a technical answer: those whose topic the question or its own reference
 * names, not the same error as one found or already picked, that share a word with the answer beyond the question's
 * words, the most shared first. The bank is read at the first technical grading (some 50 ms), not at start-up, and
 * only if it is still the version the server started with.
 */
export function createMisconceptionWatch(read: () => readonly MisconceptionClaim[] = () => readMisconceptionClaims(undefined, MISCONCEPTIONS_VERSION)) {
  // A bank that fails to read fails every time with its first error, rather than being read again at each grading.
  let claims: readonly WatchedClaim[] | Error | undefined;
  const applicable = createLru<string, readonly WatchedClaim[]>(CACHED_QUESTIONS);
  const load = (): readonly WatchedClaim[] => {
    if (claims === undefined) {
      try {
        claims = read().map((claim) => ({
          claim,
          topics: claim.topic.map((phrase) => phrase.toLowerCase().split(/\s+/).filter((word) => word !== '')),
          words: contentWords(claim.claim),
        }));
      } catch (error) {
        claims = error instanceof Error ? error : new Error(String(error));
      }
    }
    if (claims instanceof Error) throw claims;
    return claims;
  };
  return function watchFor(input: GradeInput, found: readonly Correction[]): MisconceptionClaim[] {
    if (input.rubric !== 'technical') return [];
    const topicText = `${input.question.text}\n${input.reference.fromRelated ? '' : input.reference.answers.join('\n')}`;
    let onTopic = applicable.get(topicText);
    if (!onTopic) {
      const names = topicsNamedIn(topicText);
      onTopic = load().filter(({ topics }) => topics.some(names));
      applicable.set(topicText, onTopic);
    }
    const asked = new Set(textWords(input.question.text));
    const answered = new Set(textWords(input.answer));
    const ranked = onTopic
      .map((watched) => ({ watched, shared: [...watched.words].filter((word) => !asked.has(word) && answered.has(word)).length }))
      .filter(({ shared }) => shared > 0)
      .sort((a, b) => b.shared - a.shared || a.watched.claim.id.localeCompare(b.watched.claim.id));
    const said = found.map((correction) => contentWords(correction.claim));
    const picked: WatchedClaim[] = [];
    for (const { watched } of ranked) {
      if (picked.length === MAX_WATCHED) break;
      if ([...said, ...picked.map((other) => other.words)].some((words) => similarity(watched.words, words) > SAME_ERROR_SIMILARITY)) continue;
      picked.push(watched);
    }
    return picked.map((watched) => watched.claim);
  };
}
