import { clauseOf, isPlainClaim, sentenceSubject } from './clauses.js';
import { analyzeText, type SentenceInfo, type TokenInfo } from './nlp.js';
import type { ReferenceProfile } from './reference-profile.js';

/*
 * An answer that says a thing is done the other way from the reference, in words no opposite pair reads (round 19,
 * the ML set's long wrong answers): the kernel trick "explicitly" transforming every example where the reference maps
 * "implicitly", "without explicitly calculating" the coordinates; CART "choosing a feature at random" where the
 * reference "chooses the split that best separates" the classes. Both are read only from a sentence that claims it
 * plainly (`isPlainClaim`: no condition, contrast, hedge or belief, so "rather than explicitly mapping…", "if you
 * computed them explicitly…" and "people think it picks at random" are not), and only against a reference that says
 * the one way and never the other.
 */

/** Words of a manner said outright, and of the manner that leaves it unsaid. */
const EXPLICIT: ReadonlySet<string> = new Set(['explicit', 'explicitly']);
const IMPLICIT: ReadonlySet<string> = new Set(['implicit', 'implicitly']);
/** Verbs of choosing, by lemma. */
const CHOICE: ReadonlySet<string> = new Set(['choose', 'select', 'pick']);
/**
 * Words that choose by a criterion. Not "maximum" or "minimum": a random threshold "between the minimum and the
 * maximum" is still at random.
 */
const BEST: ReadonlySet<string> = new Set(['best', 'optimal', 'optimally', 'most', 'greedy', 'greedily', 'highest', 'lowest', 'largest', 'smallest']);
const RANDOM: ReadonlySet<string> = new Set(['random', 'randomly']);
const RANDOM_TEXT = /\brandom/i;
/** A sentence opening with these tells what is done. */
const PERSONS: ReadonlySet<string> = new Set(['you', 'we', 'i', 'one']);
const MANNER_TEXT = /\b(?:implicit|explicit)/i;
const CHOICE_TEXT = /\b(?:choos|chose|select|pick)/i;

/** Content terms shared beyond the question's, for an answer's sentence to be about a reference's clause. */
const SHARED_MANNER_TERMS = 2;
const SHARED_CHOICE_TERMS = 1;

/** A sentence of the answer that says the thing is done the other way; `words` are the answer's and the reference's. */
export interface MethodReversal {
  readonly reference: string;
  readonly words: readonly [string, string];
}

interface Way {
  readonly reference: string;
  readonly words: string;
  readonly terms: ReadonlySet<string>;
}

interface ReferenceWays {
  /** Clauses saying the thing is done implicitly, or without doing it explicitly. */
  readonly implicit: readonly Way[];
  /** Clauses choosing by a criterion ("chooses the split that best separates"). */
  readonly chosen: readonly Way[];
}

const says = (token: TokenInfo, words: ReadonlySet<string>): boolean => words.has(token.normal) || words.has(token.lemma);

function clauseTokens(sentence: SentenceInfo, index: number): TokenInfo[] {
  const clauses = clauseOf(sentence);
  return sentence.tokens.filter((_, other) => clauses[other] === clauses[index]);
}

function contentTerms(tokens: readonly TokenInfo[], questionTerms: ReadonlySet<string>): Set<string> {
  const terms = new Set<string>();
  for (const token of tokens) {
    if (token.term === '' || questionTerms.has(token.term) || [EXPLICIT, IMPLICIT, CHOICE, BEST, RANDOM].some((words) => says(token, words))) continue;
    terms.add(token.term);
  }
  return terms;
}

const waysCache = new WeakMap<ReferenceProfile, ReferenceWays>();

/**
 * The reference's ways, read from its sentences only when its text names a manner or a choice: most references name
 * neither, and analysing them again would cost every answer.
 */
function referenceWays(profile: ReferenceProfile): ReferenceWays {
  const known = waysCache.get(profile);
  if (known) return known;
  const implicit: Way[] = [];
  const chosen: Way[] = [];
  let explicitClaim = false;
  const random = profile.sentences.some(({ text }) => RANDOM_TEXT.test(text));
  for (const { text } of profile.sentences) {
    if (!MANNER_TEXT.test(text) && (random || !CHOICE_TEXT.test(text))) continue;
    for (const sentence of analyzeText(text)) {
      for (const [index, token] of sentence.tokens.entries()) {
        const implied = (says(token, IMPLICIT) && !token.negated) || (says(token, EXPLICIT) && token.negated);
        if (says(token, EXPLICIT) && !token.negated && isPlainClaim(sentence)) explicitClaim = true;
        const clause = clauseTokens(sentence, index);
        if (implied) implicit.push({ reference: text, words: token.negated ? `without ${token.normal}` : token.normal, terms: contentTerms(clause, profile.questionTerms) });
        const best = clause.find((other) => says(other, BEST) && !other.negated);
        if (!random && says(token, CHOICE) && !token.negated && best) {
          // The sentence's terms, not the clause's: "considers all possible splits on all features and chooses the split
          // that best separates" chooses among the features its first clause names.
          chosen.push({ reference: text, words: `${token.normal} … ${best.normal}`, terms: contentTerms(sentence.tokens, profile.questionTerms) });
        }
      }
    }
  }
  const ways = { implicit: explicitClaim ? [] : implicit, chosen };
  waysCache.set(profile, ways);
  return ways;
}

const sharedCount = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => [...a].filter((term) => b.has(term)).length;

/**
 * The answer's sentence says explicitly what the reference says is done implicitly, or picks at random what the
 * reference chooses by a criterion, about the same things (terms in common beyond the question's).
 */
export function reversesMethod(sentence: SentenceInfo, profile: ReferenceProfile): MethodReversal | null {
  const { tokens } = sentence;
  const explicit = tokens.findIndex((token) => says(token, EXPLICIT) && !token.negated);
  const random = tokens.findIndex((token) => says(token, RANDOM) && !token.negated);
  if (explicit < 0 && random < 0) return null;
  if (!isPlainClaim(sentence)) return null;
  // Of the thing the reference describes: "A random forest selects a random subset of the features at every node" is
  // no claim about CART's splits. "You explicitly compute…" tells what is done, whoever does it.
  const person = PERSONS.has(tokens[0]?.normal ?? '');
  if (!person && ![...sentenceSubject(sentence)].every((word) => profile.questionTerms.has(word) || profile.terms.has(word))) return null;
  const ways = referenceWays(profile);
  if (explicit >= 0 && ways.implicit.length > 0 && !tokens.some((token) => says(token, IMPLICIT) || (says(token, EXPLICIT) && token.negated))) {
    const terms = contentTerms(tokens, profile.questionTerms);
    const way = ways.implicit.find((candidate) => sharedCount(terms, candidate.terms) >= SHARED_MANNER_TERMS);
    if (way) return { reference: way.reference, words: [tokens[explicit]?.normal ?? '', way.words] };
  }
  if (random < 0 || ways.chosen.length === 0 || tokens.some((token) => says(token, BEST))) return null;
  for (const [index, token] of tokens.entries()) {
    if (!says(token, RANDOM) || token.negated) continue;
    const clause = clauseTokens(sentence, index);
    const choice = clause.find((other) => says(other, CHOICE) && !other.negated);
    if (choice === undefined) continue;
    const terms = contentTerms(clause, profile.questionTerms);
    const way = ways.chosen.find((candidate) => sharedCount(terms, candidate.terms) >= SHARED_CHOICE_TERMS);
    if (way) return { reference: way.reference, words: [`${choice.normal} … at random`, way.words] };
  }
  return null;
}
