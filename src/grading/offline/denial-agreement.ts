import { clauseOf, deniedClauses, deniedHeads, namingStem, type DeniedClause, type Denial } from './clauses.js';
import { analyzeText, type SentenceInfo } from './nlp.js';
import { tokenContrasts } from './opposites.js';
import type { ReferenceStances } from './stances.js';

/*
 * A denial in the answer contradicts a reference statement only when the statement affirms what it denies. It
 * agrees with a statement that is negative about the same thing, whatever words either uses: "modifying it never
 * changes the original" restates "changes don't affect the original" (both negative: negation parity), "does not
 * share data" restates "is independent", "points far from the boundary don't affect it" restates "only these
 * examples affect its position". These were read as contradictions of correct answers (written for review, not
 * from the labelled sets).
 */

/**
 * Verbs that say the same under a negation: "never changes X", "doesn't affect X", "does not modify X". Written
 * as general English before measuring; the terms are read as the analyser reads them (stems, related-terms keys).
 */
const SAME_MEANING: readonly string[] = ['change affect modify alter mutate influence impact', 'share depend'];

/** Words whose denial says a word with an opposite: "does not share" and "does not depend" say "independent". */
const DENIAL_MEANS: readonly (readonly [string, string])[] = [
  ['share', 'independent'],
  ['depend', 'independent'],
];

let groups: ReadonlyMap<string, ReadonlySet<string>> | undefined;
let denialMeans: ReadonlyMap<string, string> | undefined;

const termOf = (word: string): string => analyzeText(word)[0]?.tokens[0]?.term ?? '';

/** The terms that mean the same as `term` under a negation, itself included. */
function sameMeaning(term: string): ReadonlySet<string> {
  if (groups === undefined) {
    const map = new Map<string, Set<string>>();
    for (const line of SAME_MEANING) {
      const terms = new Set(line.split(' ').map(termOf).filter((found) => found !== ''));
      for (const member of terms) map.set(member, terms);
    }
    groups = map;
  }
  return groups.get(term) ?? new Set([term]);
}

/** The word with an opposite that denying `term` says ("independent" for "share"), if any. */
function deniedMeaning(term: string): string | undefined {
  denialMeans ??= new Map(DENIAL_MEANS.map(([word, means]) => [termOf(word), means]));
  return denialMeans.get(term);
}

/** What a reference statement says negatively: what the denial must agree with to restate it. */
export interface NegativeReading {
  /** Content terms it states under a negation. */
  readonly negatedTerms: ReadonlySet<string>;
  /** Whether it says (not negated) a word with an opposite ("independent"). */
  readonly says: (word: string) => boolean;
  /** Per verb it limits with "only", the stems of the words naming what "only" picks out (see exclusiveClaims). */
  readonly exclusive: ReadonlyMap<string, ReadonlySet<string>>;
}

/** What a denial is judged against: one statement of the reference, or the reference's own polarity (stances.ts). */
export interface DenialContext {
  /** The reference sentence or key point the denial matched, read for what it says negatively. */
  readonly statement?: NegativeReading;
  /** The reference's denials, pitfalls and clauses. */
  readonly stances?: ReferenceStances;
  /** With `stances`: the reference sentence whose clauses must affirm the denied predicate (any, when not given). */
  readonly within?: string;
}

/** Verbs that deny the action they govern: "forgetting model.eval()" is not calling it. */
export const OMITTING: ReadonlySet<string> = new Set(['forget', 'skip', 'omit', 'neglect', 'ignore']);

/**
 * Whether a denial in an answer says what the reference says, or says nothing the reference affirms. It agrees when:
 * - it denies an omission ("don't forget to standardise the features");
 * - the statement negates the denied verb or one meaning the same (negation parity), says the word the denial
 *   means ("independent" for "does not share"), or limits the verb with "only" to something the denial's clause
 *   does not name ("only these examples affect its position" and "points far from the boundary don't affect it";
 *   not "support vectors don't affect it" against "only support vectors affect it");
 * - the reference denies it too, or names it as a pitfall ("Never leave dropout on at evaluation" against
 *   "Common pitfall: leaving dropout active at evaluation time");
 * - no clause of the reference (of `within`, when given) affirms its predicate together with another of its terms,
 *   or opens a bullet with it ("Overfits easily", whose subject its block names): "it doesn't scale past tens of
 *   thousands of points" does not deny "features must be scaled".
 * The last two need the reference's stances; a context without them judges the statement alone.
 */
export function denialAgrees(denial: Denial, context: DenialContext): boolean {
  // "Don't forget to standardise", "never skip scaling": a denied omission affirms the action.
  if (OMITTING.has(denial.head.lemma)) return true;
  const { statement, stances, within } = context;
  if (statement !== undefined && restates(denial, statement)) return true;
  if (stances === undefined) return false;
  const head = denial.head.term;
  const about = (terms: ReadonlySet<string> | ReadonlyMap<string, boolean>): boolean => [...denial.clauseTerms].some((term) => term !== head && terms.has(term));
  if (stances.stances.some((stance) => stance.bad.get(head) === true && about(stance.bad))) return true;
  const clauses = within === undefined ? [...stances.clauses.values()].flat() : (stances.clauses.get(within) ?? []);
  return !clauses.some(({ terms, subjectless }) => terms.has(head) && (subjectless || about(terms)));
}

/** What `deniesReference` reads a sentence against. */
export interface ReferenceDenial {
  /** The reference's denials, pitfalls and clauses. */
  readonly stances: ReferenceStances;
  /** The reference sentence whose clauses the sentence must deny (any of the reference's, when not given). */
  readonly within?: string;
  /** The question's terms: given, a denied clause whose claim a clause of the reference states counts too (`deniesClaim`). */
  readonly questionTerms?: ReadonlySet<string>;
}

/** Whether a sentence denies something the reference affirms. */
export function deniesReference(sentence: SentenceInfo, reference: ReferenceDenial): boolean {
  const { stances, within, questionTerms } = reference;
  if (deniedHeads(sentence).some((denial) => !denialAgrees(denial, { stances, within }))) return true;
  if (questionTerms === undefined) return false;
  const clauses = within === undefined ? [...stances.clauses.values()].flat() : (stances.clauses.get(within) ?? []);
  return deniedClauses(sentence).some((claim) =>
    clauses.some(({ terms }) =>
      deniesClaim(claim, { affirmedTerms: terms, negatedTerms: new Set(), denies: false, contrasts: within === undefined || SETS_AGAINST.test(within) }, questionTerms, stances),
    ),
  );
}

/** Words that set two things against each other in a reference sentence (see `StatedClaim.contrasts`). */
export const SETS_AGAINST = /\b(?:rather|instead|than|unlike|whereas|while|versus|vs|but)\b/i;

/** What a reference statement says, for reading a denied clause against it. */
export interface StatedClaim {
  readonly affirmedTerms: ReadonlySet<string>;
  readonly negatedTerms: ReadonlySet<string>;
  /** It denies without "not" ("stops improving", "without computing"). */
  readonly denies: boolean;
  /** The specific things of related-terms groups it names (`TokenInfo.identity`), if known. */
  readonly names?: ReadonlySet<string>;
  /**
   * It sets things against each other ("rather", "instead", "than", "unlike", "whereas"…), or may: a claim ruled out
   * with "rather than" is read only against a statement known not to, which may make the same contrast.
   */
  readonly contrasts?: boolean;
  /** What it is about (`sentenceSubject`), if known: a claim of another subject is not its claim. */
  readonly subject?: ReadonlySet<string>;
  /** Terms it says only of another thing, in an opening "Unlike X where…" (`asideTerms`). */
  readonly aside?: ReadonlySet<string>;
}

/**
 * Terms that say a thing fails ("failing with elongated shapes", "struggles with clusters of different densities"): a
 * statement naming one is negative without a negation word, and a denial may agree with it ("it doesn't cope with
 * elongated shapes"). Not "limit" or "weak": "limits the weights" and "weak learners" affirm.
 */
const FAILING: ReadonlySet<string> = new Set(
  ['fail', 'failure', 'struggle', 'unable', 'inability', 'drawback'].flatMap((word) => analyzeText(word)[0]?.tokens.map((token) => token.term) ?? []).filter((term) => term !== ''),
);

/** Whether terms name a failing (see `FAILING`). */
export const namesFailing = (terms: Iterable<string>): boolean => [...terms].some((term) => FAILING.has(term));

/** A denied clause names at least this many of the statement's terms beyond the question's: one shared word is a topic. */
const CLAIM_TERMS = 2;

/**
 * Whether a denied clause denies the claim a statement makes positively, when its verb is not the statement's: every
 * term the clause names beyond the question's, two at least, is one the statement affirms, and the statement denies
 * nothing. "Regularisation like L2 or dropout doesn't really help with overfitting" denies "Regularization: L1, L2,
 * Dropout" under "Prevention Strategies"; "you can't change the decision threshold with them" denies "allowing you to
 * set custom decision thresholds". The reference's terms and the claim, not one word: a clause naming anything the
 * statement does not say is about another claim or another subject ("trees don't need feature scaling" against
 * "scale the features for k-NN"), and so is one with a number ("doesn't have to be 0.5"). Left to the readings of
 * its own: a verb the statement says (`denialAgrees`), a verb with an opposite ("doesn't increase the variance"), a
 * denied omission, a statement with a negation of its own or naming a failing (the two may agree), a claim of another
 * subject than the statement's (`sameSubject`; `previousSubject` is what "it" opening the sentence stands for), a term
 * the statement says only of another thing ("Unlike X where…"), and a pitfall of the reference that names the clause's
 * terms (a warning the denial repeats).
 */
export function deniesClaim(
  claim: DeniedClause,
  statement: StatedClaim,
  questionTerms: ReadonlySet<string>,
  stances?: ReferenceStances,
  previousSubject?: ReadonlySet<string>,
): boolean {
  const { head } = claim;
  if (claim.quantified || statement.denies || statement.negatedTerms.size > 0 || OMITTING.has(head.lemma)) return false;
  if (namesFailing(statement.affirmedTerms)) return false;
  if (claim.ruledOut ? statement.contrasts !== false : (head.term !== '' && statement.affirmedTerms.has(head.term)) || tokenContrasts(head).length > 0) return false;
  let own = 0;
  for (const term of claim.terms) {
    if (questionTerms.has(term)) continue;
    if (!statement.affirmedTerms.has(term) || statement.aside?.has(term) === true) return false;
    own += 1;
  }
  if (own < CLAIM_TERMS || !sameSubject(claim, statement, questionTerms, previousSubject)) return false;
  // "Lasso has no closed-form solution" is not about "Ridge regression with the closed-form solution": the statement
  // names another member of the group the clause names and not the clause's.
  const { names } = statement;
  const groupOf = (name: string): string => name.slice(0, name.indexOf('='));
  const groups = new Set([...claim.names].map(groupOf));
  const members = [...(names ?? [])].filter((name) => groups.has(groupOf(name)));
  if (members.length > 0 && !members.some((name) => claim.names.has(name))) return false;
  const named = (terms: ReadonlyMap<string, boolean>): number => [...claim.terms].filter((term) => terms.has(term)).length;
  return !(stances?.stances ?? []).some((stance) => named(stance.bad) >= CLAIM_TERMS);
}

/**
 * The claim is about the statement's subject, as far as the words its terms do not check tell: the question's own
 * terms ("hard voting doesn't require probabilities" is not about the reference's "Soft voting … requires models that
 * output meaningful probabilities") and words without a term ("K-means doesn't give membership probabilities" against
 * "Soft clustering … assigns membership probabilities"). A pronoun opening the sentence stands for the previous
 * sentence's subject ("Hard classification gives only the label. It doesn't let you set custom decision thresholds").
 * A statement whose subject is unknown or unnamed ("Adds a penalty…" under its block's label) leaves it to the terms.
 */
function sameSubject(claim: DeniedClause, statement: StatedClaim, questionTerms: ReadonlySet<string>, previousSubject?: ReadonlySet<string>): boolean {
  const stated = statement.subject;
  if (stated === undefined || stated.size === 0) return true;
  const subject = claim.antecedent ? (previousSubject ?? new Set<string>()) : claim.subject;
  return [...subject].every((word) => stated.has(word) || (claim.terms.has(word) && !questionTerms.has(word)) || (claim.antecedent && !questionTerms.has(word) && statement.affirmedTerms.has(word)));
}

/** The statement is negative about what the denial denies (see denialAgrees). */
function restates(denial: Denial, statement: NegativeReading): boolean {
  const meanings = sameMeaning(denial.head.term);
  if ([...meanings].some((term) => statement.negatedTerms.has(term))) return true;
  const means = deniedMeaning(denial.head.term);
  if (means !== undefined && statement.says(means)) return true;
  for (const term of meanings) {
    const picked = statement.exclusive.get(term);
    if (picked !== undefined && picked.size > 0 && ![...denial.clauseNames].some((other) => picked.has(other))) return true;
  }
  return false;
}

const SUBJECT_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'PRON', 'NUM', 'DET', 'ADJ']);

/**
 * The verbs a sentence limits with "only", each with the stems of the words naming what "only" picks out: the
 * subject between "only" and its verb ("only these examples affect its position": affect, "examples"), or what
 * follows the verb ("predictions depend only on the support vectors", "can only be accessed inside the
 * function"). A limit naming nothing ("initialized only once") agrees with no denial.
 */
export function exclusiveClaims(sentence: SentenceInfo): ReadonlyMap<string, ReadonlySet<string>> {
  const claims = new Map<string, Set<string>>();
  const { tokens } = sentence;
  if (!tokens.some((token) => token.normal === 'only')) return claims;
  const clauses = clauseOf(sentence);
  const inClause = (index: number, at: number): boolean => clauses[index] === clauses[at];
  const termsBetween = (from: number, to: number): string[] =>
    tokens.slice(from, to).flatMap((token) => {
      const stem = namingStem(token);
      return stem === '' ? [] : [stem];
    });
  for (const [at, token] of tokens.entries()) {
    if (token.normal !== 'only') continue;
    let verb = -1;
    for (let index = at + 1; index < tokens.length && inClause(index, at); index += 1) {
      if (tokens[index]?.pos === 'VERB') {
        verb = index;
        break;
      }
    }
    let end = at + 1;
    while (end < tokens.length && inClause(end, at)) end += 1;
    let head: number;
    let picked: string[];
    if (verb >= 0 && tokens.slice(at + 1, verb).some((between) => SUBJECT_POS.has(between.pos))) {
      head = verb;
      picked = termsBetween(at + 1, verb);
    } else if (verb >= 0) {
      head = verb;
      picked = termsBetween(verb + 1, end);
    } else {
      head = -1;
      for (let index = at - 1; index >= 0 && inClause(index, at); index -= 1) {
        if (tokens[index]?.pos === 'VERB') {
          head = index;
          break;
        }
      }
      picked = termsBetween(at + 1, end);
    }
    const term = tokens[head]?.term ?? '';
    if (head < 0 || term === '') continue;
    const known = claims.get(term) ?? new Set<string>();
    for (const found of picked) known.add(found);
    claims.set(term, known);
  }
  return claims;
}
