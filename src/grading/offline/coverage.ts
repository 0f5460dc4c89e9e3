import { specificNames, type KeyPoint, type PointWording } from './key-points.js';
import { deniedClauses, deniedHeads, sentenceSubject } from './clauses.js';
import { deniesClaim, denialAgrees, namesFailing } from './denial-agreement.js';
import type { SentenceInfo } from './nlp.js';
import type { ReferenceStances } from './stances.js';
import { OPPOSITES, tokenContrasts } from './opposites.js';

/** `contradicted` is set by the grader that reads the answer's contradictions, never by matching alone. */
export type PointStatus = 'covered' | 'partial' | 'missed' | 'contradicted';

export interface PointMatch {
  readonly point: KeyPoint;
  /** Weighted share of the salient terms of the point's best-matched wording found in the answer, 0..1. */
  readonly share: number;
  readonly covered: boolean;
  /** Covered; partial (part of the point's terms, one of its own among them); or missed. */
  readonly status: PointStatus;
  /** The answer sentence that shares most terms with that wording, if any shares two (one for a partial point). */
  readonly sentence: SentenceInfo | null;
  /** A salient term the answer states with the opposite polarity ("are" vs "are not"). */
  readonly contradicted: boolean;
  /**
   * Partial only because a sentence names the block's subject (`namesSubject`): shown in the coverage map
   * and counted by the coverage score, but no evidence of a claim, so neither the regression's inputs nor
   * correctness read it.
   */
  readonly bySubject: boolean;
  /**
   * Contradicted by a clause denying the point's claim with another verb (`deniesPointClaim`), which already read
   * the reference's pitfalls; a contradiction read from the denied verb is checked against them afterwards.
   */
  readonly deniedClaim?: true;
}

/** What reading a denied clause against a point needs beyond the point (see `deniesPointClaim`). */
export interface ClaimReading {
  readonly questionTerms: ReadonlySet<string>;
  readonly stances?: ReferenceStances;
}

/** No question terms: a denied clause must name two terms of the point's own. */
const NO_CLAIMS: ClaimReading = { questionTerms: new Set() };

/**
 * A wording needs this many of its core terms in the answer (all of them if it has fewer): one shared
 * word is a coincidence, and the question's words or the block's subject are given.
 */
const MIN_SHARED_CORE = 2;
const SUBJECT_BONUS = 1.5;

/**
 * The answer sentence sharing the most of the wording's terms, more than `atLeast` of them. A sentence
 * that names the point's subject counts SUBJECT_BONUS more (it wins a tie with two shared terms), so "…, use early stopping, …" is quoted for "Early
 * Stopping: monitor validation loss" rather than another sentence that mentions validation.
 */
function bestSentence(
  wording: PointWording,
  sentences: readonly SentenceInfo[],
  sentenceTerms: readonly ReadonlySet<string>[],
  atLeast: number,
  subject: ReadonlySet<string> = new Set(),
  sentenceNames: readonly ReadonlySet<string>[] = [],
): SentenceInfo | null {
  let best: SentenceInfo | null = null;
  let bestShared = atLeast;
  for (let index = 0; index < sentences.length; index += 1) {
    const terms = sentenceTerms[index];
    let shared = 0;
    if (terms) for (const term of wording.terms.keys()) if (terms.has(term)) shared += 1;
    if (terms && subject.size > 0 && [...subject].every((term) => terms.has(term))) shared += SUBJECT_BONUS;
    // A sentence naming the specific thing the wording is about is quoted before any other ("Elastic Net…",
    // not the sentence on Lasso that shares more of its words).
    const names = sentenceNames[index];
    if (names && [...wording.names].some((name) => names.has(name))) shared += wording.terms.size + 2 * SUBJECT_BONUS;
    if (shared > bestShared) {
      best = sentences[index] ?? null;
      bestShared = shared;
    }
  }
  return best;
}

/*
 * Only one direction counts: the answer negating what the reference affirms ("tuples are not
 * immutable"). The reverse is usually a paraphrase ("cannot be changed" → "changing it raises an
 * error"). Polarity is read on the sentence that best matches the point only, and a denial counts only
 * when its clause is about the point too (shares another of its terms).
 */
function contradicts(point: KeyPoint, wording: PointWording, sentence: SentenceInfo, claims: ClaimReading, previous: SentenceInfo | undefined): 'head' | 'claim' | null {
  // Denying the opposite of the point's word restates the point: "a local variable cannot be accessed outside
  // the function" is "can only be accessed inside" (two UNT answers graded 4–5 were read as negating it).
  const deniesOpposite = sentence.tokens.some((token) => {
    if (!token.negated) return false;
    const forms = tokenContrasts(token);
    return !forms.some((form) => wording.contrasts.has(form)) && forms.some((form) => (OPPOSITES.get(form) ?? []).some((opposite) => wording.contrasts.has(opposite)));
  });
  if (deniesOpposite) return null;
  const affirmed = new Set(sentence.tokens.filter((token) => !token.negated && token.term !== '').map((token) => token.term));
  const reading = { negatedTerms: wording.negatedTerms, says: (word: string) => wording.contrasts.has(word), exclusive: wording.exclusive };
  const deniesHead = deniedHeads(sentence).some(
    (denial) =>
      wording.terms.has(denial.head.term) &&
      [...denial.clauseTerms].some((term) => wording.terms.has(term)) &&
      // "never changes the original" restates "changes don't affect the original" (see denial-agreement.ts).
      !denialAgrees(denial, { statement: reading }) &&
      // "you can change a list; a tuple cannot be changed" affirms and negates: two subjects, no contradiction.
      !affirmed.has(denial.head.term),
  );
  return deniesHead ? 'head' : deniesPointClaim(point, sentence, claims, previous) ? 'claim' : null;
}

/**
 * A clause of the sentence denies the claim of one of the point's wordings with a verb the wording does not say
 * ("Regularisation like L2 or dropout doesn't really help with overfitting" against the block "Regularization" of
 * "Prevention Strategies", whose bullets name "L2" and "Dropout"): see denial-agreement.ts, `deniesClaim`.
 */
function deniesPointClaim(point: KeyPoint, sentence: SentenceInfo, { questionTerms, stances }: ClaimReading, previous: SentenceInfo | undefined): boolean {
  const clauses = deniedClauses(sentence);
  if (clauses.length === 0) return false;
  const previousSubject = previous === undefined ? undefined : sentenceSubject(previous);
  return (point.wordings.length > 0 ? point.wordings : [point]).some((wording) => {
    // A wording saying what fails ("failing with elongated shapes") among all it says, not only its salient terms.
    const stated = {
      affirmedTerms: new Set(wording.terms.keys()),
      negatedTerms: wording.negatedTerms,
      denies: wording.negates || namesFailing(wording.said),
      names: wording.identities,
      subject: wording.about,
      aside: wording.aside,
    };
    return clauses.some((clause) => deniesClaim(clause, stated, questionTerms, stances, previousSubject));
  });
}

interface Share {
  readonly share: number;
  readonly shared: number;
  readonly sharedCore: number;
}

function shareOf(wording: PointWording, answerTerms: ReadonlySet<string>): Share {
  let found = 0;
  let total = 0;
  let shared = 0;
  let sharedCore = 0;
  for (const [term, weight] of wording.terms) {
    total += weight;
    if (!answerTerms.has(term)) continue;
    found += weight;
    shared += 1;
    if (wording.core.has(term)) sharedCore += 1;
  }
  return { share: total === 0 ? 0 : found / total, shared, sharedCore };
}

/** Share of the covering threshold at which a point counts as partly made. */
const PARTIAL_FACTOR = 0.4;

function isPartial(wording: PointWording, { share, sharedCore, shared }: Share, threshold: number): boolean {
  if (share < threshold * PARTIAL_FACTOR) return false;
  return wording.core.size === 0 ? shared >= 1 : sharedCore >= 1;
}

function isCovered(wording: PointWording, { share, shared, sharedCore }: Share, threshold: number): boolean {
  if (share < threshold) return false;
  if (wording.core.size === 0) return shared >= Math.min(MIN_SHARED_CORE, wording.terms.size);
  return sharedCore >= Math.min(MIN_SHARED_CORE, wording.core.size);
}

/**
 * "Simplify the model" names the block "Simplify Model" without its details ("reduce the number of
 * features"): the point is made in part, as a summary of it. The subject must be said in one sentence and
 * not denied there, and be specific: two terms, or one term that stands for a phrase ("early stopping");
 * a one-word heading ("Algorithm", "Analysis") is named by almost any answer.
 */
/** Words that dismiss what a sentence names ("…is not needed", "…are useless"): it makes no point of it. */
const DISMISSAL =
  /\b(?:useless|unnecessary|pointless|needless|never|no\s+need|overrated|irrelevant)\b|(?:\bnot|n't)\s+(?:needed|necessary|required|useful|important|worth)\b/i;

function namesSubject(point: KeyPoint, sentences: readonly SentenceInfo[]): SentenceInfo | null {
  const { subject } = point;
  const specific = subject.size >= 2 || [...subject].some((term) => term.startsWith('~'));
  if (!specific) return null;
  return (
    sentences.find((sentence) => {
      if (DISMISSAL.test(sentence.text)) return false;
      const said = new Map<string, boolean>();
      for (const token of sentence.tokens) if (subject.has(token.term)) said.set(token.term, (said.get(token.term) ?? false) || !token.negated);
      return said.size === subject.size && [...said.values()].every(Boolean);
    }) ?? null
  );
}

/**
 * Matches each key point against the answer's explanatory sentences by term overlap (terms are stems or
 * related-term groups, so "underfits" meets "too simple"). A point counts as covered when the answer
 * uses enough of the salient terms of one of its wordings, weighted by their rarity in the reference,
 * including two of its core terms: repeating the question's words covers no point about them.
 */
export function matchPoints(points: readonly KeyPoint[], sentences: readonly SentenceInfo[], threshold: number, reading: ClaimReading = NO_CLAIMS): PointMatch[] {
  const answerTerms = new Set<string>();
  for (const sentence of sentences) for (const token of sentence.tokens) if (token.term !== '') answerTerms.add(token.term);
  const sentenceNames = sentences.map(specificNames);
  const answerNames = new Set(sentenceNames.flatMap((names) => [...names]));
  // A wording about one specific thing of a related-terms group ("Elastic Net combines both penalties") is not
  // made by an answer that names another of the group ("Lasso…") and not it, though their shared key meets; an
  // answer naming none of the group may describe it ("a penalty for large weights").
  const groupOf = (name: string): string => name.slice(0, name.indexOf('='));
  const named = (wording: PointWording): boolean => {
    const names = [...wording.names];
    if (names.length === 0 || names.some((name) => answerNames.has(name))) return true;
    const groups = new Set(names.map(groupOf));
    return ![...answerNames].some((name) => groups.has(groupOf(name)));
  };
  // Each point looks for its best sentence: the sentences' terms are gathered once, not once per point.
  const sentenceTerms = sentences.map((sentence) => new Set(sentence.tokens.map((token) => token.term)));
  return points.map((point) => {
    let best: { wording: PointWording; share: number; rank: number } | null = null;
    for (const wording of point.wordings.length > 0 ? point.wordings : [point]) {
      const match = shareOf(wording, answerTerms);
      const { share } = match;
      const rank = !named(wording) ? 0 : isCovered(wording, match, threshold) ? 2 : isPartial(wording, match, threshold) ? 1 : 0;
      // The first covering wording wins; among the others, the closest one explains the miss.
      if (best === null || rank > best.rank || (rank === best.rank && share > best.share)) best = { wording, share, rank };
    }
    if (best === null) return { point, share: 0, covered: false, status: 'missed', sentence: null, contradicted: false, bySubject: false };
    const naming = best.rank === 0 ? namesSubject(point, sentences) : null;
    if (naming) return { point, share: best.share, covered: false, status: 'partial', sentence: naming, contradicted: false, bySubject: true };
    const covered = best.rank === 2;
    const sentence = bestSentence(best.wording, sentences, sentenceTerms, best.rank === 1 ? 0 : 1, point.subject, sentenceNames);
    const denied = covered && sentence !== null ? contradicts(point, best.wording, sentence, reading, sentences[sentences.indexOf(sentence) - 1]) : null;
    return {
      point,
      share: best.share,
      covered,
      status: covered ? 'covered' : best.rank === 1 ? 'partial' : 'missed',
      sentence,
      contradicted: denied !== null,
      ...(denied === 'claim' ? { deniedClaim: true } : {}),
      bySubject: false,
    };
  });
}
