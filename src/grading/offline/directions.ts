import type { SentenceInfo, TokenInfo } from './nlp.js';

/*
 * Paired directional claims: "raising the threshold increases precision and lowers recall" says, for one change (the
 * threshold up), which way each quantity moves. An answer that moves the same quantity the other way for the same
 * change ("raising the threshold increases recall and lowers precision") states the opposite, though it shares every
 * word with the reference. Each claim is read as (what is changed, what moves, the product of the two directions), so
 * "lowering the threshold … recall increases" and "raising the threshold … lowers recall" are the same claim.
 */

/** Words that say a quantity goes up or down, by lemma; written as general English before measuring. */
const UP: ReadonlySet<string> = new Set(['increase', 'raise', 'rise', 'grow', 'higher', 'more', 'larger', 'improve', 'boost']);
const DOWN: ReadonlySet<string> = new Set(['decrease', 'lower', 'reduce', 'fall', 'drop', 'shrink', 'less', 'fewer', 'smaller', 'decline', 'worsen']);

/** Tokens that end the phrase a direction word is about: a pause or a word joining another clause. */
const BREAKS: ReadonlySet<string> = new Set([',', ';', ':', '.', 'and', 'or', 'but', 'while', 'whereas', 'so', 'because', 'which', 'that']);

const direction = (token: TokenInfo | undefined): number => {
  if (token === undefined || token.negated) return 0;
  if (UP.has(token.lemma) || UP.has(token.normal)) return 1;
  if (DOWN.has(token.lemma) || DOWN.has(token.normal)) return -1;
  return 0;
};

const isThing = (token: TokenInfo | undefined): boolean => token !== undefined && token.term !== '' && direction(token) === 0 && token.pos !== 'ADV';

/** The thing a direction word at `at` is about: the word after it ("increases recall"), else the one before ("recall increases"). */
function targetOf(tokens: readonly TokenInfo[], at: number): number {
  for (let index = at + 1; index < tokens.length && index <= at + 2; index += 1) {
    const token = tokens[index];
    if (token === undefined || BREAKS.has(token.normal)) break;
    if (isThing(token)) return index;
  }
  for (let index = at - 1; index >= 0 && index >= at - 2; index -= 1) {
    const token = tokens[index];
    if (token === undefined || BREAKS.has(token.normal)) break;
    if (isThing(token)) return index;
  }
  return -1;
}

/** A sentence's directional claims: "cause|effect" → +1 (they move together) or −1 (they move apart). */
export function directionalClaims(sentence: SentenceInfo): ReadonlyMap<string, number> {
  const claims = new Map<string, number>();
  const { tokens } = sentence;
  // The change: a gerund of a direction verb ("Raising the threshold", "lowering it") or an opening comparative
  // ("A higher learning rate"), with the first thing after it.
  const cause = tokens.findIndex(
    (token, index) => direction(token) !== 0 && (token.normal.endsWith('ing') || (index <= 1 && token.pos === 'ADJ')),
  );
  if (cause < 0) return claims;
  let thing = -1;
  for (let index = cause + 1; index < tokens.length && index <= cause + 3; index += 1) {
    if (isThing(tokens[index])) {
      thing = index;
      break;
    }
  }
  const changed = tokens[thing];
  if (changed === undefined) return claims;
  const sign = direction(tokens[cause]);
  for (let index = thing + 1; index < tokens.length; index += 1) {
    const moved = direction(tokens[index]);
    if (moved === 0) continue;
    const target = tokens[targetOf(tokens, index)];
    if (target === undefined || target.term === changed.term) continue;
    const key = `${changed.term}|${target.term}`;
    // A sentence saying both directions for one pair claims neither.
    const before = claims.get(key);
    claims.set(key, before === undefined || before === sign * moved ? sign * moved : 0);
  }
  return claims;
}

/** Directional claims with the reference sentence that makes each. */
export type DirectionalClaims = ReadonlyMap<string, { readonly sign: number; readonly text: string }>;

/** The reference's claims, each with the sentence that makes it; a pair the reference moves both ways is left out. */
export function referenceDirections(sentences: readonly SentenceInfo[]): DirectionalClaims {
  const found = new Map<string, { sign: number; text: string }>();
  for (const sentence of sentences) {
    for (const [key, sign] of directionalClaims(sentence)) {
      const known = found.get(key);
      if (known === undefined) found.set(key, { sign, text: sentence.text });
      else if (known.sign !== sign) known.sign = 0;
    }
  }
  for (const [key, { sign }] of found) if (sign === 0) found.delete(key);
  return found;
}

/** The reference sentence an answer sentence reverses a paired directional claim of, if any. */
export function reversedDirection(sentence: SentenceInfo, reference: DirectionalClaims): string | null {
  if (reference.size === 0) return null;
  for (const [key, sign] of directionalClaims(sentence)) {
    const known = reference.get(key);
    if (known !== undefined && sign !== 0 && known.sign === -sign) return known.text;
  }
  return null;
}
