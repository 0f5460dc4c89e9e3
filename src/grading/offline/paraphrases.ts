import type { SentenceInfo, TokenInfo } from './nlp.js';
import { stemWord } from './wink.js';

/*
 * Words that say the same thing in a key point, as matching keys (Porter stems or related-terms keys; see
 * `TokenInfo.term`). A candidate who says "prevents overfitting" makes the point "reduces overfitting", "finds
 * structure" makes "discovers structure", "easy to interpret" makes "interpretability". Groups are general English
 * verbs of one action (not neighbouring ideas, which were measured and dropped: data/grader/README.md), and a
 * missed term is credited only through its own group. Read by coverage alone: the related-terms groups of cues.ts
 * give keys to every reader (relevance, term weights, contradictions), where joining "avoid" to "reduce" would
 * change what a sentence denies.
 */
const GROUPS: readonly (readonly string[])[] = [
  // Acting against something: the reference's "reduces overfitting" is the answer's "prevents" or "avoids" it.
  ['~reduce', 'prevent', 'avoid', 'mitig', 'curb', 'combat', 'counteract', 'lower', 'shrink', 'cut'],
  ['find', 'discov', 'uncov', 'identifi', 'reveal'],
  ['choos', 'choic', 'select', 'pick'],
  ['comput', 'calcul'],
  ['split', 'divid', 'divis', 'partit'],
  ['improv', 'enhanc'],
  ['error', 'mistak'],
  ['chang', 'modifi', 'alter'],
  ['creat', 'creation', 'build'],
  // A verb and its noun that Porter leaves apart ("assume"/"assumption"): one word to a reader. "interpret" is the
  // verb of the interpretability group, which keys only its adjective and noun.
  ['~interpretable', 'interpret'],
  ['assum', 'assumpt'],
  ['fail', 'failur'],
  ['explain', 'explan'],
  ['solv', 'solut'],
  ['defin', 'definit'],
];

const CANONICAL: ReadonlyMap<string, string> = new Map(GROUPS.flatMap((group) => group.map((term): [string, string] => [term, group[0] ?? term])));

/** The key a point's term is matched by: its group's first member, or itself. */
export function paraphraseKey(term: string): string {
  return CANONICAL.get(term) ?? term;
}

/** A negated prefix of an adjective or participle: "unlabelled" is "without labels", "unsupervised" "not supervised". */
const NEGATING_PREFIX = 'un';

/**
 * The matching keys a sentence says in other words, as `paraphraseKey` reads them, with the prefixed form of each
 * term it negates: "trains on data without labels" says "unlabel" (the stem of "unlabelled"). A term the question
 * names (`given`) paraphrases nothing: "prevent it by…" answering "How do you prevent overfitting?" repeats the
 * question, whatever it then says it does.
 */
export function paraphraseKeys(sentence: SentenceInfo, given: ReadonlySet<string>): Set<string> {
  const keys = new Set<string>();
  for (const token of sentence.tokens) {
    if (token.term === '' || given.has(token.term)) continue;
    keys.add(paraphraseKey(token.term));
    const base = comparedBase(token);
    if (base !== null) keys.add(paraphraseKey(base));
    if (token.negated && !token.term.startsWith('~')) keys.add(`${NEGATING_PREFIX}${token.term}`);
  }
  return keys;
}

/**
 * The key of an adjective's plain form when it is said compared ("larger", "simplest"): wink lemmatises it, but the
 * key is the stem of the word as written, so "larger batches" misses "large batches".
 */
function comparedBase(token: TokenInfo): string | null {
  if (token.pos !== 'ADJ' || token.lemma === token.normal || !/(?:er|est)$/.test(token.normal)) return null;
  return stemWord(token.lemma);
}
