import { clauseOf, isPlainClaim } from './clauses.js';
import { analyzeText, type SentenceInfo, type TokenInfo } from './nlp.js';
import type { ReferenceProfile } from './reference-profile.js';

/*
 * What the reference names as the cause of the problem the question asks about, and what it names as its cure, given
 * the other part by the answer (round 19, the ML set's long wrong answers): "Vanishing gradients are caused by the ReLU
 * activation… The solution is to go back to sigmoid" where the reference says they happen "with activation functions
 * like sigmoid" and were solved "with solutions like ReLU". Only the things each part names are compared (after "like",
 * "by", "with", a cure's or cause's noun, or before an active verb), and only a thing the reference gives one part;
 * the answer's sentence must claim it plainly (`isPlainClaim`).
 */

type Part = 'cause' | 'cure';

/** Verbs whose subject is what causes or cures, and whose "by" object is when passive. */
const VERBS: ReadonlyMap<string, Part> = new Map([
  ['cause', 'cause'], ['trigger', 'cause'],
  ['solve', 'cure'], ['fix', 'cure'], ['prevent', 'cure'], ['cure', 'cure'], ['mitigate', 'cure'], ['remedy', 'cure'],
]);
/**
 * Nouns after which the thing named is the cause or the cure, when they are the head of what follows ("solutions like
 * ReLU", "the fix is…"): "the solution refinement stage" names a stage. Not "because" or "due to": a reason given is
 * rarely the cause of the problem asked about ("Because refining occurs before these stages").
 */
const NOUNS: ReadonlyMap<string, Part> = new Map([
  ['cause', 'cause'], ['culprit', 'cause'],
  ['solution', 'cure'], ['fix', 'cure'], ['remedy', 'cure'], ['cure', 'cure'],
]);
/** Words after such a noun that make it the head: what it is, or its instances. */
const HEAD_FOLLOWERS: ReadonlySet<string> = new Set(['like', 'such', 'is', 'are', 'was', 'were', 'include', 'includes', ':']);
/** "It happens with sigmoid": a problem said to occur with a thing. */
const OCCUR: ReadonlySet<string> = new Set(['happen', 'occur', 'arise']);
const ROLE_TEXT = /\b(?:caus|trigger|solv|solution|fix|prevent|cure|mitigat|remed|culprit|happen|occur|aris)/i;

interface Named {
  readonly part: Part;
  readonly word: string;
  readonly terms: readonly string[];
}

const termsOf = (tokens: readonly TokenInfo[], skip: ReadonlySet<string>): string[] =>
  tokens.filter((token) => token.term !== '' && !token.negated && !skip.has(token.term) && !VERBS.has(token.lemma) && !NOUNS.has(token.lemma)).map((token) => token.term);

/** The things a sentence names as causes or cures, each with the word that says which. */
function namedParts(sentence: SentenceInfo, skip: ReadonlySet<string>): Named[] {
  const { tokens } = sentence;
  const clauses = clauseOf(sentence);
  const found: Named[] = [];
  for (const [index, token] of tokens.entries()) {
    if (token.negated) continue;
    const inClause = (from: number, to: number): TokenInfo[] => tokens.slice(Math.max(0, from), to).filter((_, at) => clauses[Math.max(0, from) + at] === clauses[index]);
    const after = (): TokenInfo[] => {
      const rest = inClause(index + 1, tokens.length);
      // "solutions like ReLU and better initialisation": the instances after "like" or "such as", when said.
      const like = rest.findIndex((other) => other.normal === 'like' || other.normal === 'as');
      return like < 0 ? rest : rest.slice(like + 1);
    };
    const verbPart = token.pos === 'VERB' ? VERBS.get(token.lemma) : undefined;
    if (verbPart) {
      const passive = tokens[index - 1]?.lemma === 'be' && tokens[index + 1]?.normal === 'by';
      const terms = termsOf(passive ? inClause(index + 2, tokens.length) : inClause(0, index), skip);
      if (terms.length > 0) found.push({ part: verbPart, word: token.normal, terms });
      continue;
    }
    const nounPart = token.pos === 'VERB' || !HEAD_FOLLOWERS.has(tokens[index + 1]?.normal ?? '') ? undefined : NOUNS.get(token.lemma);
    if (nounPart) {
      const terms = termsOf(after(), skip);
      if (terms.length > 0) found.push({ part: nounPart, word: token.normal, terms });
      continue;
    }
    if (OCCUR.has(token.lemma) && tokens[index + 1]?.normal === 'with') {
      const terms = termsOf(after(), skip);
      if (terms.length > 0) found.push({ part: 'cause', word: `${token.normal} with`, terms });
    }
  }
  return found;
}

interface ReferenceParts {
  /** A term the reference names in one part only, with its sentence and word. */
  readonly byTerm: ReadonlyMap<string, { readonly part: Part; readonly word: string; readonly reference: string }>;
}

const partsCache = new WeakMap<ReferenceProfile, ReferenceParts>();

function referenceParts(profile: ReferenceProfile): ReferenceParts {
  const known = partsCache.get(profile);
  if (known) return known;
  const byTerm = new Map<string, { part: Part; word: string; reference: string }>();
  const both = new Set<string>();
  for (const { text } of profile.sentences) {
    if (!ROLE_TEXT.test(text)) continue;
    for (const sentence of analyzeText(text)) {
      for (const named of namedParts(sentence, profile.questionTerms)) {
        for (const term of named.terms) {
          const seen = byTerm.get(term);
          if (seen && seen.part !== named.part) both.add(term);
          else if (!seen) byTerm.set(term, { part: named.part, word: named.word, reference: text });
        }
      }
    }
  }
  for (const term of both) byTerm.delete(term);
  const parts = { byTerm };
  partsCache.set(profile, parts);
  return parts;
}

/** A thing the answer's sentence names as the cause where the reference names it as the cure, or the other way. */
export interface SwappedPart {
  readonly reference: string;
  readonly words: readonly [string, string];
}

export function swapsCauseAndCure(sentence: SentenceInfo, profile: ReferenceProfile): SwappedPart | null {
  if (!ROLE_TEXT.test(sentence.text) || !isPlainClaim(sentence)) return null;
  const named = namedParts(sentence, profile.questionTerms);
  if (named.length === 0) return null;
  const { byTerm } = referenceParts(profile);
  for (const { part, word, terms } of named) {
    for (const term of terms) {
      const reference = byTerm.get(term);
      if (reference === undefined || reference.part === part) continue;
      // The answer names it in the reference's part too: said both ways, not swapped.
      if (named.some((other) => other.part === reference.part && other.terms.includes(term))) continue;
      const thing = sentence.tokens.find((token) => token.term === term)?.normal ?? term;
      return { reference: reference.reference, words: [`${word} … ${thing}`, `${reference.word} … ${thing}`] };
    }
  }
  return null;
}
