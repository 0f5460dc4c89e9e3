import { clauseOf } from './clauses.js';
import { COPULAS, NAMING_POS, type SentenceInfo, type TokenInfo } from './nlp.js';
import { OPPOSITES, tokenContrasts } from './opposites.js';

/*
 * Which of two compared things a sentence says each of its words about. "arange takes the number of points
 * you want and linspace takes a step size" gives "number" and "points" to arange and "step" and "size" to
 * linspace; "Slicing typically creates views, while fancy indexing creates copies" gives "slicing" to views.
 * - A sentence is read clause by clause (clauseOf, and "unlike").
 * - Within a clause, "and"/"or" before the other thing opens a new claim when the clause has said something
 *   of the first: a verb or a property word after its name ("a copy shares the data… and a view is…"; not
 *   "lists and tuples are ordered", nor "hard voting and soft voting"). wink tags "shares" a noun there, so a
 *   property word counts as much as a verb.
 * - A clause naming neither goes on about the thing of the clause before it ("loc is label-based, so you give
 *   it names"), unless it says what some other thing is ("…, true negatives are correctly predicted negatives"; not "…
 *   when clusters are irregular").
 * - A clause naming both is about the one it does not name after a preposition ("threads share the memory of
 *   the process", "tuples are lighter than lists"); else, like a clause saying "both", "either" or "neither"
 *   as a pronoun, it is about both and gives its words to neither.
 * - A clause saying a word and its opposite is also read for the part each plays: what the thing is before a
 *   verb acts on it, what the verb makes it after ("false positives are negatives wrongly predicted as positive"
 *   gives "negative<" and ">positive"; "actual positives the model predicted as negative" the reverse). Two
 *   definitions in the same words differ only there. "actual(ly)", "truly", "really" bring back what the thing
 *   is ("predicted positive but actually negative"), and a clause giving both words the same part ("the model
 *   says positive for a negative example") gives neither.
 *   Nor does a clause naming its side only after "is"/"are" ("the positive class predicted for a negative example
 *   is a false positive"): its verb is said of what it defines the side as, not of the side.
 */

/** What one clause says of one side: its content terms, the side's own names and negated words left out. */
export interface SideClause {
  /** 0 or 1: the side the clause is about; null when it is about both. */
  readonly side: 0 | 1 | null;
  readonly terms: ReadonlySet<string>;
}

/** The side a token names, if any (a question term, or one of a pair of opposite words). */
export type Side = 0 | 1 | null;
/** Whether a content token that names neither side can be a property of one. */
export type PropertyTest = (token: TokenInfo) => boolean;

const JOINS: ReadonlySet<string> = new Set(['and', 'or']);
/** Words that may stand between "and" and the thing it introduces: "and a view", "and the other one". */
const LEADS: ReadonlySet<string> = new Set(['DET', 'PUNCT']);
const CLAIM_WORDS: ReadonlySet<string> = new Set(['VERB', 'AUX']);
const BOTH_WORDS: ReadonlySet<string> = new Set(['both', 'either', 'neither']);
const OBLIQUE: ReadonlySet<string> = new Set(['ADP']);
const RELATIVES: ReadonlySet<string> = new Set(['which', 'who', 'whom', 'whose']);
/** Words opening a clause that says when or why of the clause before it: "use DBSCAN when clusters are irregular". */
const SUBORDINATORS: ReadonlySet<string> = new Set(['when', 'if', 'because', 'since', 'as', 'while', 'whereas', 'although', 'though', 'where', 'unless', 'until', 'so', 'that', 'which', 'once']);
const WHAT_IT_IS: ReadonlySet<string> = new Set(['actual', 'actually', 'truly', 'really', 'genuinely']);

/** The key of an opposite word in the part it plays: before the clause's verb ("negative<") or after it (">positive"). */
const partKey = (word: string, after: boolean): string => (after ? `>${word}` : `${word}<`);

/** The opposite word of a part key ("negative" of "negative<"); null for a plain term. */
export function partWord(key: string): string | null {
  if (key.startsWith('>')) return key.slice(1);
  return key.endsWith('<') ? key.slice(0, -1) : null;
}

/**
 * Adds a clause's opposite words with their parts where its opposite plays the other part and not this one: a part
 * alone says little ("more stable with correlated features" against "handles correlated features").
 */
function addParts(terms: Set<string>, parts: ReadonlySet<string>): void {
  for (const key of parts) {
    const after = key.startsWith('>');
    const opposites = OPPOSITES.get(partWord(key) ?? key) ?? [];
    if (opposites.some((other) => parts.has(partKey(other, !after))) && !opposites.some((other) => parts.has(partKey(other, after)))) terms.add(key);
  }
}

/** The clause of each token (clauseOf), with "unlike", a relative pronoun and "and <the other side>" opening clauses too. */
function clausesFor(sentence: SentenceInfo, sides: readonly Side[], isProperty: PropertyTest): number[] {
  const { tokens } = sentence;
  const base = clauseOf(sentence);
  const clauses: number[] = [];
  let clause = 0;
  let named: Side = null;
  let claimed = false;
  // The last token before this one that is not a determiner or punctuation: "and a view", "and, the other one".
  let lead = -1;
  for (const [index, token] of tokens.entries()) {
    const side = sides[index] ?? null;
    const opens =
      index > 0 &&
      (base[index] !== base[index - 1] ||
        token.normal === 'unlike' ||
        opensRelative(tokens, sides, index, lead) ||
        (side !== null && named !== null && side !== named && claimed && JOINS.has(tokens[lead]?.normal ?? '')));
    if (opens) {
      clause += 1;
      named = null;
      claimed = false;
    }
    clauses.push(clause);
    if (side !== null && named === null) named = side;
    else if (named !== null && side === null && (CLAIM_WORDS.has(token.pos) || (token.term !== '' && isProperty(token)))) claimed = true;
    if (!LEADS.has(token.pos)) lead = index;
  }
  return clauses;
}

/**
 * "which"/"who"/"whom"/"whose", or "that" right after a side's name ("TCP, that guarantees…"), opens a
 * relative clause; "that" after anything else is a conjunction or a determiner ("guarantees that packets…").
 */
function opensRelative(tokens: SentenceInfo['tokens'], sides: readonly Side[], index: number, lead: number): boolean {
  const word = tokens[index]?.normal ?? '';
  if (RELATIVES.has(word)) return true;
  return word === 'that' && lead >= 0 && (sides[lead] ?? null) !== null;
}

/**
 * The sentence's clauses with the side each is about, in order; clauses about neither side are left out.
 * `sides` gives the side each token names (null: neither), so a sentence's tokens are looked up once.
 */
export function sideClauses(sentence: SentenceInfo, sides: readonly Side[], isProperty: PropertyTest = () => true): SideClause[] {
  const { tokens } = sentence;
  const clauses = clausesFor(sentence, sides, isProperty);
  const read: ClauseReading[] = [];
  let last: Side = null;
  for (const [index, token] of tokens.entries()) {
    const number = clauses[index] ?? 0;
    if (read[number] === undefined) {
      let first = index;
      while (first < tokens.length - 1 && tokens[first]?.pos === 'PUNCT' && clauses[first + 1] === number) first += 1;
      const opener = tokens[first]?.normal ?? '';
      let lead = first - 1;
      while (lead >= 0 && LEADS.has(tokens[lead]?.pos ?? '')) lead -= 1;
      read[number] = {
        names: 0,
        subjects: 0,
        both: false,
        bothAfterPreposition: false,
        terms: new Set(),
        parts: new Set(),
        acted: false,
        copulaBeforeName: false,
        inverted: false,
        other: false,
        subordinate: SUBORDINATORS.has(opener),
        aside: opener === 'unlike',
        relativeTo: opensRelative(tokens, sides, first, lead) ? last : null,
      };
    }
    const clause = read[number];
    const side = sides[index] ?? null;
    if (side !== null) last = side;
    if (side !== null && clause.names === 0 && clause.copulaBeforeName) clause.inverted = true;
    if (COPULAS.has(token.normal) && clause.names === 0 && clause.parts.size > 0) clause.copulaBeforeName = true;
    // A side named after a preposition is not what the clause is about: "threads share the memory of the
    // process", "tuples are lighter than lists". (wink often tags the verb after a plural subject a noun.)
    let before = index - 1;
    while (before >= 0 && tokens[before]?.pos === 'DET') before -= 1;
    // Nor is "both" after one ("high variance means it underfits with high error on both" is about variance). Before a
    // naming word "both", "either", "neither" is a determiner ("both endpoints", "both X and Y"), not a pronoun.
    if (BOTH_WORDS.has(token.normal) && !NAMING_POS.has(tokens[index + 1]?.pos ?? '')) {
      if (OBLIQUE.has(tokens[before]?.pos ?? '')) clause.bothAfterPreposition = true;
      else clause.both = true;
    }
    if (side !== null && !OBLIQUE.has(tokens[before]?.pos ?? '') && tokens[before]?.normal !== 'than') clause.subjects |= BIT[side];
    if (WHAT_IT_IS.has(token.normal)) clause.acted = false;
    if (side === null && clause.names === 0 && !clause.subordinate && token.term !== '' && NAMING_POS.has(token.pos) && COPULAS.has(tokens[index + 1]?.normal ?? '')) clause.other = true;
    // A denied property is not given to the subject: "bagging does not train its models sequentially".
    if (token.negated) continue;
    if (side !== null) clause.names |= BIT[side];
    else if (token.term !== '' && isProperty(token)) {
      clause.terms.add(token.term);
      for (const word of tokenContrasts(token)) clause.parts.add(partKey(word, clause.acted));
    }
    if (token.pos === 'VERB') clause.acted = true;
  }
  const result: SideClause[] = [];
  let current: Side = null;
  // The side before an "unlike X" aside: the main clause goes back to it ("UDP, unlike TCP, is connectionless").
  let resume: Side | undefined;
  for (const clause of read) {
    if (clause === undefined) continue;
    if (clause.bothAfterPreposition && clause.subjects === 0) clause.both = true;
    const before = current;
    const names = clause.both || clause.names !== 0;
    if (clause.both || (!names && clause.other)) current = null;
    else if (clause.names === BOTH) current = clause.subjects === BIT[0] ? 0 : clause.subjects === BIT[1] ? 1 : null;
    else if (clause.names !== 0) current = clause.names === BIT[0] ? 0 : 1;
    // A relative clause is about the side named last before it ("lighter than TCP, which guarantees…").
    else if (clause.relativeTo !== null) current = clause.relativeTo;
    else if (resume !== undefined) current = resume;
    if (clause.aside) resume = before;
    else if (names) resume = undefined;
    if (!names && current === null) continue;
    if (!clause.inverted) addParts(clause.terms, clause.parts);
    result.push({ side: current, terms: clause.terms });
  }
  return result;
}

/** The sides a clause names, and names as a subject, as bits: a clause is read for every pair of things. */
const BIT = [1, 2] as const;
const BOTH = 3;

interface ClauseReading {
  names: number;
  subjects: number;
  both: boolean;
  /** "both" after a preposition ("high error on both"): about both sides only if the clause names neither as its subject. */
  bothAfterPreposition: boolean;
  readonly terms: Set<string>;
  /** Its opposite words with the part each plays (`partKey`). */
  readonly parts: Set<string>;
  /** A verb has come since the clause opened or since a word saying what the thing actually is. */
  acted: boolean;
  /** An "is"/"are" has come after opposite words and before the clause names a side. */
  copulaBeforeName: boolean;
  /**
   * The clause names its side after "is"/"are", its opposite words before ("the positive class predicted for a
   * negative example is a false positive"): the verb there says what the thing is, not what it made of the side,
   * so the parts its words play say nothing of the side.
   */
  inverted: boolean;
  /** Before naming either side, the clause says what some other thing is ("true negatives are…"). */
  other: boolean;
  /** The clause opens with a word that ties it to the clause before ("when", "because"). */
  readonly subordinate: boolean;
  /** The clause opens with "unlike": an aside about the other side. */
  readonly aside: boolean;
  /** For a relative clause, the side named last before it. */
  readonly relativeTo: Side;
}
