import { NEGATORS } from './cues.js';
import type { TokenInfo } from './nlp.js';

/*
 * wink's negation scope runs from the negation to the end of the clause, across "and": in "soft voting does
 * not use probabilities and just takes the majority class label" it marks "takes the majority class label"
 * negated too, so the sentence reads as denying what it asserts. A second predicate after "and" is
 * affirmed when its verb cannot be the one the negation governs:
 * - a verb inflected for the third person ("does not use X and takes Y", "is not sorted and uses a hash"):
 *   after "does not", "cannot" or "is not" a shared verb would be bare or a participle;
 * - a finite form of "be", "have" or "do", or a modal ("is not used at inference and is turned off", "and can
 *   only take");
 * - after "did not", "cannot" and other bare-verb denials, any inflected verb ("did not use X and took Y").
 * A denial holding a clause of its own ("there is no guarantee that it converges and finds…", "it is not true
 * that…", "whether…") is left whole: its "and" may join that clause.
 * Nouns, bare verbs and participles stay negated: "does not use probabilities and weights", "does not shuffle
 * and split", "is not stored and computed". So does a new clause with its own subject, whose verb a
 * participle could not be told from ("and the loss exploded", "and the variance computed on the batch").
 */

const MODALS = ['can', 'could', 'will', 'would', 'may', 'might', 'must', 'should', 'shall', 'ca', 'wo'];
const FINITE_AUXILIARIES: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'does', 'do', 'did', ...MODALS]);
const OBJECT_PRONOUNS: ReadonlySet<string> = new Set(['it', 'them', 'him', 'her', 'us', 'me']);
/** Auxiliaries after which the negated verb is bare ("did not use", "cannot see"): any inflected verb after "and" is another. */
const BARE_VERB_AUXILIARIES: ReadonlySet<string> = new Set(['do', 'does', 'did', ...MODALS]);
/** Words that open a clause inside the denial: an "and" after them joins that clause ("no guarantee that it converges and finds…"). */
const EMBEDDING_WORDS: ReadonlySet<string> = new Set(['that', 'whether', 'if']);

const thirdPerson = (token: TokenInfo): boolean => token.normal !== token.lemma && token.normal.endsWith('s') && !token.lemma.endsWith('s');
const inflected = (token: TokenInfo): boolean => token.normal !== token.lemma;
/** What a participle describes when it stands before it. */
const ATTRIBUTED: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'ADJ']);

/** Whether the tokens after the "and" at `at`, past any adverbs ("and just takes"), open a predicate of their own. */
function opensPredicate(tokens: readonly TokenInfo[], at: number, bareBefore: boolean, past: boolean): boolean {
  let index = at + 1;
  while (tokens[index]?.pos === 'ADV' && tokens[index]?.negated === true) index += 1;
  const token = tokens[index];
  if (token === undefined || !token.negated) return false;
  if (token.pos === 'AUX') return FINITE_AUXILIARIES.has(token.normal);
  // wink tags some such verbs nouns ("and trains them", "and averages them"): an object pronoun tells, unless
  // a verb follows it ("the inputs and outputs it receives").
  const next = tokens[index + 1];
  const after = tokens[index + 2]?.pos ?? '';
  const verb = token.pos === 'VERB' || (token.pos === 'NOUN' && OBJECT_PRONOUNS.has(next?.normal ?? '') && after !== 'VERB' && after !== 'AUX');
  // A participle before a noun describes it ("does not need labelled data and learned embeddings").
  const finite = token.pos === 'VERB' && inflected(token) && !token.normal.endsWith('ing') && (past || !ATTRIBUTED.has(next?.pos ?? ''));
  return verb && (thirdPerson(token) || (bareBefore && finite));
}

/**
 * Whether the denial before the "and" at `at` governs a bare verb ("did not use", "cannot see"), and whether it
 * holds a clause of its own that the "and" may continue instead ("no guarantee that it converges and finds…").
 */
function readDenial(tokens: readonly TokenInfo[], at: number): { bareBefore: boolean; embedded: boolean; past: boolean } {
  let start = at;
  while (start > 0 && tokens[start - 1]?.negated === true) start -= 1;
  let embedded = false;
  for (let index = start; index < at; index += 1) {
    const token = tokens[index];
    if (token && (EMBEDDING_WORDS.has(token.normal) || (token.pos === 'VERB' && thirdPerson(token)))) embedded = true;
  }
  let negator = start - 1;
  while (negator >= 0 && tokens[negator]?.kind === 'punctuation') negator -= 1;
  const auxiliary = tokens[negator - 1]?.normal ?? '';
  return { bareBefore: BARE_VERB_AUXILIARIES.has(auxiliary) || tokens[negator]?.normal === 'cannot', embedded, past: auxiliary === 'did' };
}

/**
 * The indexes of tokens wink marks negated that belong to a predicate coordinated after the negated one,
 * up to the end of the negated run or the next negation word.
 */
export function affirmedAfterNegation(tokens: readonly TokenInfo[]): number[] {
  const affirmed: number[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === undefined || !token.negated || token.normal !== 'and') continue;
    const { bareBefore, embedded, past } = readDenial(tokens, index);
    if (embedded || !opensPredicate(tokens, index, bareBefore, past)) continue;
    let end = index;
    while (end < tokens.length && tokens[end]?.negated === true && !isNegation(tokens[end])) {
      affirmed.push(end);
      end += 1;
    }
    index = end;
  }
  return affirmed;
}

/** A word that denies again ("n't" reads as "not"). */
function isNegation(token: TokenInfo | undefined): boolean {
  return token !== undefined && (NEGATORS.has(token.normal) || token.lemma === 'not');
}
