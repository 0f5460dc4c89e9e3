import type { TokenInfo } from './nlp.js';

/*
 * wink's negation scope runs from the negation to the end of the clause, across "and": in "soft voting does
 * not use probabilities and just takes the majority class label" it marks "takes the majority class label"
 * negated too, so the sentence reads as denying what it asserts. A second predicate after "and" is
 * affirmed when its verb cannot be the one the negation governs:
 * - a verb inflected for the third person ("does not use X and takes Y", "is not sorted and uses a hash"):
 *   after "does not", "cannot" or "is not" a shared verb would be bare or a participle;
 * - a finite form of "be", "have" or "do" ("is not used at inference and is turned off").
 * Nouns, bare verbs and participles stay negated: "does not use probabilities and weights", "does not shuffle
 * and split", "is not stored and computed". So does a new clause with its own subject, whose verb a
 * participle could not be told from ("and the loss exploded", "and the variance computed on the batch").
 */

const FINITE_AUXILIARIES: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were', 'has', 'have', 'had', 'does', 'do', 'did']);
const OBJECT_PRONOUNS: ReadonlySet<string> = new Set(['it', 'them', 'him', 'her', 'us', 'me']);

const thirdPerson = (token: TokenInfo): boolean => token.normal !== token.lemma && token.normal.endsWith('s') && !token.lemma.endsWith('s');

/** Whether the tokens after the "and" at `at`, past any adverbs ("and just takes"), open a predicate of their own. */
function opensPredicate(tokens: readonly TokenInfo[], at: number): boolean {
  let index = at + 1;
  while (tokens[index]?.pos === 'ADV' && tokens[index]?.negated === true) index += 1;
  const token = tokens[index];
  if (token === undefined || !token.negated) return false;
  if (token.pos === 'AUX') return FINITE_AUXILIARIES.has(token.normal);
  // wink tags some such verbs nouns ("and trains them", "and averages them"): an object pronoun tells.
  const verb = token.pos === 'VERB' || (token.pos === 'NOUN' && OBJECT_PRONOUNS.has(tokens[index + 1]?.normal ?? ''));
  return verb && thirdPerson(token);
}

/**
 * The indexes of tokens wink marks negated that belong to a predicate coordinated after the negated one,
 * up to the end of the negated run or the next negation word.
 */
export function affirmedAfterNegation(tokens: readonly TokenInfo[]): number[] {
  const affirmed: number[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === undefined || !token.negated || token.normal !== 'and' || !opensPredicate(tokens, index)) continue;
    let end = index;
    while (end < tokens.length && tokens[end]?.negated === true && !isNegation(tokens[end])) {
      affirmed.push(end);
      end += 1;
    }
    index = end;
  }
  return affirmed;
}

const NEGATION_WORDS: ReadonlySet<string> = new Set(['not', "n't", 'no', 'never', 'cannot', 'without', 'nor', 'neither']);

function isNegation(token: TokenInfo | undefined): boolean {
  return token !== undefined && (NEGATION_WORDS.has(token.normal) || token.lemma === 'not');
}
