import type { FormulaDifference } from './formulas.js';
import type { MisconceptionNote } from './misconceptions.js';
import { partWord, sideClauses, type PropertyTest, type Side, type SideClause } from './attribution.js';
import { assertedPredicates, clauseOf, deniedClauses, deniedHeads, sentenceSubject, type Denial, type Predicate } from './clauses.js';
import { contrastWords, deniesOpposite, opposesContrast, swapsContrast } from './contrasts.js';
import { deniesClaim, denialAgrees, SETS_AGAINST } from './denial-agreement.js';
import type { PointMatch } from './coverage.js';
import { analyzeText, COPULAS, NAMING_POS, perSentence, type SentenceInfo, type TokenInfo } from './nlp.js';
import { contrastPairs, tokenContrasts } from './opposites.js';
import { answerStatesSequence, statesSequence, takeAnalysedSentences, type ReferenceProfile } from './reference-profile.js';
import {
  actionSeries,
  actionTerm,
  answerSequences,
  compareSteps,
  goalTokens,
  instructedSteps,
  instructionRuns,
  matchSteps,
  MAY_LIST_ACTIONS,
  reversedWay,
  waysOf,
  type ReversedWay,
  procedureStep,
  REPEATS,
  sentenceRuns,
  sentenceSteps,
  singleSteps,
  unorderedStepTerms,
  withoutOpeningCue,
  type Step,
  type StepOrder,
} from './sequence-steps.js';
import { oneEditApart } from './spelling.js';
import { termWeight } from './term-weights.js';
import { isTermList, proseWords, termCounts, tokenStarts, wordKey, wordKeys, wordTokens } from './terms.js';
import { withoutSymbolWords } from './code-words.js';
import { codeLineOf } from './code-lines.js';

/*
 * The measured signals of a technical answer against its reference, each a number the fitted model
 * (technical-model.ts) weighs. Question terms are demoted everywhere (Sultan, Salazar & Sumner 2016):
 * an answer earns nothing for repeating the words of the question.
 */
export const FEATURE_NAMES = [
  /**
   * √ of the share of the reference's words (stop words and question words left out) the answer uses,
   * a misspelling ("simulates"/"stimulates" aside, "recursoin") counting 0.8. The square root: the first
   * words of a short reference the answer gets right say more than the last ones (measured on UNT).
   */
  'recall',
  /** √ of the share of the answer's own words (question words left out) that the reference material uses. */
  'precision',
  /** √ of the share of the reference's distinct words, function words included, found in the answer. */
  'wordRecall',
  /** Share of the reference's content terms the answer uses, weighted by their IDF over the corpus. */
  'weightedRecall',
  /** TF-IDF cosine between answer and reference, question terms left out. */
  'cosine',
  /** Key points covered (1) or partly covered (0.5), averaged. */
  'keyPoints',
  /** Per reference sentence, the weighted recall of the one answer sentence that matches it best; averaged. */
  'alignment',
  /** log2 of the answer's length over the reference's, clipped to ±3. */
  'lengthRatio',
  /** log2 of the answer's length in words, plus one. */
  'length',
  /** The answer negates a term the reference affirms, on a point it otherwise covers. */
  'negation',
  /**
   * Share of the pairs of a sequence the reference states ("left, then root, then right") said in reverse, when the
   * order rule finds the answer states it in another order; 0 otherwise.
   */
  'orderError',
  /** Share of the answer's words in term lists ("bias, variance, overfitting"). */
  'listShare',
  /** The answer stops mid-sentence (a draft cut off at time-up). */
  'truncated',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Readonly<Record<FeatureName, number>>;

/*
 * Words that do not end an English sentence: articles and determiners, conjunctions, auxiliaries. Not
 * prepositions, which may be stranded ("the object it points to", "what it is written for").
 */
const CUT_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'and', 'or', 'but', 'because', 'whereas', 'although', 'while', 'if', 'than', 'which', 'whose',
  'is', 'are', 'was', 'were', 'can', 'will', 'would', 'should', 'could', 'must', 'be', 'has', 'have', 'its', 'their',
  'these', 'those', 'our', 'your', 'my', 'every', 'each', 'such', 'via', 'per', 'between', 'into', 'onto', 'unlike',
  'that', 'then', 'so', 'when', 'where',
]);
// ";", "{" and "}" end lines of code, which short technical answers quote.
const SENTENCE_END = /[.!?…)"'”’\]`*;{}]$/;
const DANGLING_PUNCTUATION = /[,:(–—-]$/;

/**
 * Ends mid-sentence: on a dangling comma or dash; or, without a full stop, on a word no sentence ends
 * with; or without a full stop where the earlier sentences of the answer have one (a writer who
 * punctuates was cut off).
 */
export function isTruncated(sentences: readonly SentenceInfo[]): boolean {
  const last = sentences.at(-1);
  if (!last) return false;
  const text = last.text.trim();
  if (SENTENCE_END.test(text)) return false;
  if (DANGLING_PUNCTUATION.test(text)) return true;
  const lastWord = wordTokens(last).at(-1);
  if (lastWord !== undefined && CUT_WORDS.has(lastWord.normal)) return true;
  const earlier = sentences.slice(0, -1);
  return earlier.length > 0 && earlier.every((sentence) => /[.!?]["'”’)]?$/.test(sentence.text.trim()));
}

const clip = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/** The answer's words of five letters or more, by their first five letters and by length, for typo matching. */
interface LongWords {
  readonly prefixes: ReadonlySet<string>;
  readonly byLength: ReadonlyMap<number, readonly string[]>;
}

function longWords(answer: ReadonlySet<string>): LongWords {
  const prefixes = new Set<string>();
  const byLength = new Map<number, string[]>();
  for (const word of answer) {
    if (word.length < 5) continue;
    prefixes.add(word.slice(0, 5));
    const list = byLength.get(word.length) ?? [];
    list.push(word);
    byLength.set(word.length, list);
  }
  return { prefixes, byLength };
}

/** Credit for a word of the reference: 1 when the answer uses it, 0.8 for a near spelling, else 0. */
function wordCredit(word: string, answer: ReadonlySet<string>, long: LongWords): number {
  if (answer.has(word)) return 1;
  if (word.length < 5) return 0;
  if (long.prefixes.has(word.slice(0, 5))) return 0.8;
  for (let length = word.length - 1; length <= word.length + 1; length += 1) {
    for (const other of long.byLength.get(length) ?? []) if (oneEditApart(word, other)) return 0.8;
  }
  return 0;
}

function softRecall(counted: readonly string[], answer: ReadonlySet<string>): number {
  if (counted.length === 0) return 0;
  const long = longWords(answer);
  return counted.reduce((sum, word) => sum + wordCredit(word, answer, long), 0) / counted.length;
}

/** A reference sentence's distinct terms with their weights, prepared once per reference. */
interface WeightedSentence {
  readonly terms: readonly (readonly [string, number])[];
  readonly total: number;
}

/** What the features need of a reference, computed once per (cached) profile. */
interface Prepared {
  readonly weight: (term: string) => number;
  /** What `weightedRecall` and `cosine` read of the reference on every answer, once per profile (`referenceWeights`). */
  readonly referenceTerms: ReferenceWeights;
  /** Reference word keys that count for recall: without the question's, unless nothing else is left. */
  readonly recallWords: readonly string[];
  readonly sentences: readonly WeightedSentence[];
  /** Term sequences of the sentences that state an order, question terms left out. */
  readonly sequences: readonly (readonly string[])[];
  /** Pairs of terms the sequences order both ways ("a, then b" here, "b, then a" there): no order to get wrong. */
  readonly unordered: ReadonlySet<string>;
  /** The sentences that state an order, aligned with `sequences`: their text, and whether it is one step. */
  readonly ordered: readonly { readonly text: string; readonly oneStep: boolean }[];
  /** There are sentences, or runs of sentences, stating a sequence to read step by step. */
  readonly stepsToRead: boolean;
  /** Their steps, analysed on the first answer that states a sequence itself (most answers do not). */
  readonly steps: () => StepSequences;
  /** The sentences that say which way the process runs ("It works top-down…"). */
  readonly waySentences: readonly string[];
  /**
   * The reference says its steps repeat: in a cycle a step depends on the one before it and on the one after it
   * ("assign each point…", "recalculate the centroids…", repeated), and said from either they are in order.
   */
  readonly cycles: boolean;
}

/** The reference's sequences step by step (sequence-steps.ts). */
interface StepSequences {
  /** The sentences that state an order and the runs of sentences that state one together, with their steps. */
  readonly sequences: readonly { readonly text: string; readonly steps: readonly Step[] }[];
  /** Pairs of terms those steps order both ways. */
  readonly unordered: (first: string, second: string) => boolean;
}

const pairKey = (first: string, second: string): string => `${first}\u0000${second}`;

/**
 * Pairs the reference states in both orders. A reference that puts global pooling before the dense layer in one
 * sentence and "flattening into fully connected layers, which then…" in another sets no order between them, and
 * an answer (the reference itself, even) saying either has not put steps in the wrong order.
 */
function unorderedPairs(sequences: readonly (readonly string[])[]): ReadonlySet<string> {
  const seen = new Set<string>();
  const unordered = new Set<string>();
  for (const sequence of sequences) {
    const terms = [...new Set(sequence)];
    for (let i = 0; i < terms.length; i += 1) {
      for (let j = i + 1; j < terms.length; j += 1) {
        const first = terms[i] ?? '';
        const second = terms[j] ?? '';
        seen.add(pairKey(first, second));
        if (seen.has(pairKey(second, first))) {
          unordered.add(pairKey(first, second));
          unordered.add(pairKey(second, first));
        }
      }
    }
  }
  return unordered;
}

/** A list item or labelled block as one step: all its terms, whatever order its own sentences give them. */
function layoutStep(text: string, keep: (term: string) => boolean): Step[] {
  const terms = new Set(analyzeText(text).flatMap((sentence) => sentence.tokens.flatMap((token) => (token.term !== '' && keep(token.term) ? [actionTerm(token.term)] : []))));
  return terms.size > 0 ? [{ text, terms }] : [];
}

/** Words that may open a goal or a lead-in (see goalTokens): only a sentence with one is analysed again. */
const MAY_STATE_GOAL = /\b(?:to|order|so)\b|:/i;

/** A reference sentence's terms in order, those of a purpose clause or a lead-in before its sequence left out. */
function stepTerms(sentence: ReferenceProfile['sentences'][number]): readonly string[] {
  if (!MAY_STATE_GOAL.test(sentence.text)) return sentence.terms;
  return analyzeText(sentence.text).flatMap(({ tokens }) => {
    const goal = goalTokens(tokens);
    return tokens.flatMap((token, index) => (token.term !== '' && goal[index] !== true ? [token.term] : []));
  });
}

const prepared = new WeakMap<ReferenceProfile, Prepared>();

function prepare(profile: ReferenceProfile): Prepared {
  const cached = prepared.get(profile);
  if (cached) return cached;
  const { questionTerms } = profile;
  // Sultan et al. drop the question's words; a reference made only of them ("What is a recursive function?"
  // "A function that calls itself.") keeps them, or there would be nothing left to compare.
  const demote = [...profile.terms.keys()].some((term) => !questionTerms.has(term) && termWeight(term) > 0);
  const weight = (term: string): number => demotedWeight(term, questionTerms, demote);
  const wanted = [...profile.referenceKeys].filter((word) => !profile.questionKeys.has(word));
  const sentences: WeightedSentence[] = [];
  for (const sentence of profile.sentences) {
    const terms = [...new Set(sentence.terms)].map((term): [string, number] => [term, weight(term)]);
    const total = terms.reduce((sum, [, value]) => sum + value, 0);
    if (total > 0) sentences.push({ terms, total });
  }
  const orderedSentences = profile.sentences.filter((sentence) => sentence.ordered);
  // Its goal is no step either ("To compare models fairly, split the data first, then…"; sequence-steps.ts, goalTokens).
  const sequences = orderedSentences.map((sentence) => stepTerms(sentence).filter((term) => !questionTerms.has(term)));
  const ownTerm = (term: string): boolean => !questionTerms.has(term);
  // A sentence whose one cue opens it ("Finally, fit the scaler on the training set…") says where it stands
  // among the others, not an order of its own terms.
  const ordered = orderedSentences.map((sentence) => ({ text: sentence.text, oneStep: !statesSequence(withoutOpeningCue(sentence.text)) }));
  // A sequence stated over sentences ("First, define the problem… Second, collect…") is read step by step only.
  const runs = sentenceRuns(profile.sentences.map((sentence) => sentence.text));
  // So is one its layout states ("1. … 2. …", "**Step 1** …", "Forward pass: … Backward pass: …"): a step each item.
  const { layoutSteps } = profile;
  // And one it states as a row of instructions that say they are a procedure ("Start by… Assign… Recalculate… Repeat…").
  const instructed = instructionRuns(profile.sentences);
  // And one a sentence tells in one breath, its subject doing three things in a row ("…splits data into groups…,
  // applies a function to each group, and combines results"); the text finds the few that may, the words decide.
  const series = profile.sentences.filter((sentence) => !sentence.ordered && MAY_LIST_ACTIONS.test(sentence.text)).map((sentence) => sentence.text);
  let stepped: StepSequences | undefined;
  const steps = (): StepSequences => {
    if (stepped) return stepped;
    // The profile keeps no tokens: analysing these few sentences again costs little, once.
    const stepsOf = (text: string): Step[] => analyzeText(text).flatMap((part) => sentenceSteps(part, ownTerm));
    const all = [
      ...ordered.map(({ text }) => ({ text, steps: stepsOf(text) })),
      ...runs.map((texts) => ({ text: texts.join(' '), steps: texts.flatMap(stepsOf) })),
      ...layoutSteps.map((texts) => ({ text: texts.join('; '), steps: texts.flatMap((text) => layoutStep(text, ownTerm)) })),
      ...instructed.map((texts) => ({ text: texts.join(' '), steps: texts.flatMap((text) => layoutStep(procedureStep(text), ownTerm)) })),
      ...series.flatMap((text) => {
        const found = analyzeText(text).flatMap((part) => actionSeries(part, ownTerm));
        return found.length > 0 ? [{ text, steps: found }] : [];
      }),
    ];
    stepped = { sequences: all, unordered: unorderedStepTerms(all.map((sequence) => sequence.steps)) };
    return stepped;
  };
  const result: Prepared = {
    weight,
    referenceTerms: referenceWeights(profile.terms, weight),
    recallWords: wanted.length > 0 ? wanted : [...profile.referenceKeys],
    sentences,
    sequences,
    unordered: unorderedPairs(sequences),
    ordered,
    stepsToRead: ordered.length + runs.length + layoutSteps.length + instructed.length + series.length > 0,
    steps,
    waySentences: profile.sentences.flatMap((sentence) => (waysOf(sentence.text).size > 0 ? [sentence.text] : [])),
    cycles: profile.sentences.some((sentence) => REPEATS.test(sentence.text)),
  };
  prepared.set(profile, result);
  return result;
}

/** Terms that count: the question's own are given, unless the reference has nothing else to say. */
function demotedWeight(term: string, questionTerms: ReadonlySet<string>, demote: boolean): number {
  return demote && questionTerms.has(term) ? 0 : termWeight(term);
}

/** The reference's terms with their weights, their total, and the norm of their weighted counts. */
interface ReferenceWeights {
  readonly weights: ReadonlyMap<string, number>;
  readonly total: number;
  readonly norm: number;
}

/*
 * The reference's side of the weighted recall and the cosine is the same for every answer: weighing each of its terms
 * again on every grading was about 3% of a technical one (a profile of the warm loop). Summed in the order the gradings summed them, so the
 * figures are the same to the last bit.
 */
function referenceWeights(terms: ReadonlyMap<string, number>, weight: (term: string) => number): ReferenceWeights {
  const weights = new Map<string, number>();
  let total = 0;
  let norm = 0;
  for (const [term, count] of terms) {
    const w = weight(term);
    weights.set(term, w);
    total += w;
    const value = count * w;
    norm += value * value;
  }
  return { weights, total, norm };
}

function weightedRecall(reference: ReferenceWeights, answer: ReadonlySet<string>): number {
  let found = 0;
  for (const [term, w] of reference.weights) if (answer.has(term)) found += w;
  return reference.total === 0 ? 0 : found / reference.total;
}

function cosine(answer: ReadonlyMap<string, number>, reference: ReadonlyMap<string, number>, referenceNorm: number, weight: (term: string) => number): number {
  let dot = 0;
  let answerNorm = 0;
  for (const [term, count] of answer) {
    const w = weight(term);
    const value = count * w;
    answerNorm += value * value;
    const other = reference.get(term);
    if (other !== undefined) dot += value * other * w;
  }
  return answerNorm === 0 || referenceNorm === 0 ? 0 : dot / Math.sqrt(answerNorm * referenceNorm);
}

/** A clitic ("'s", "'re") or a one-letter name ("x", "K."): notation and grammar, not words a reference could use. */
const NOT_OWN_WORD = /^(?:['’].*|[a-z]\.?)$/i;

/**
 * Keys of the answer's own words, for the share of them the reference material uses (`wordPrecision`):
 * notation — formulas, clitics, one-letter names — is neither right nor wrong, so it counts only when the
 * material writes it too ("k folds"). "X - X.mean(axis=0)", "P(A|B)" and "an array's shape" are not words
 * the reference leaves unsaid.
 */
function ownWordKeys(sentences: readonly SentenceInfo[], shared: (key: string) => boolean): Set<string> {
  const keys = new Set<string>();
  for (const sentence of sentences) {
    const words = wordTokens(sentence);
    const prose = proseWords(sentence);
    // Most sentences have no formula: every word is prose, and no set of them is built.
    const inProse = prose.length === words.length ? null : new Set(prose);
    // A line of code is notation up to its comment: "m = a.reshape(3, 4)" names "m", "a", "np" as a formula names "x".
    const code = codeLineOf(sentence);
    const codeEnds = code?.kind === 'statement' ? (code.commentAt ?? Infinity) : -1;
    const starts = codeEnds < 0 ? undefined : tokenStarts(sentence);
    for (const token of words) {
      const key = wordKey(token);
      if (key === '' || (token.term === '' && token.stop)) continue;
      const inCode = starts !== undefined && (starts[sentence.tokens.indexOf(token)] ?? Infinity) < codeEnds;
      const notation = inCode || (inProse !== null && !inProse.has(token)) || NOT_OWN_WORD.test(token.text);
      if (!notation || shared(key)) keys.add(key);
    }
  }
  return keys;
}

/** A reference sentence matches an answer sentence that shares this many of its content terms. */
const ALIGNED_TERMS = 2;

/** An answer sentence that says the opposite of the reference sentence it matches. */
export interface Contradiction {
  readonly sentence: SentenceInfo;
  readonly reference: string;
  /** The answer's word and the reference's opposite one; null when the answer negates what the reference affirms. */
  readonly swapped: readonly [string, string] | null;
  /** The answer gives each of two contrasted things what the reference says of the other (`findRoleSwap`). */
  readonly roleSwap?: boolean;
  /** In a role swap, the answer's word for a property it gives the first thing that the reference gives the second. */
  readonly property?: string;
  /** In a role swap, every sentence that gives one side a property of the other, this one included. */
  readonly involved?: readonly SentenceInfo[];
  /** The answer affirms what the reference denies (`affirmsDenied`); `swapped` holds the two predicates' words. */
  readonly affirmsDenial?: boolean;
  /** The sentence asserts a known misconception of the bank (misconceptions.ts); `reference` is its correction. */
  readonly misconception?: MisconceptionNote;
  /** With a misconception: the terms of the words that state it; only the points about those are contradicted. */
  readonly claimTerms?: ReadonlySet<string>;
  /** With a misconception: the reference statements the same sentence opposes by another reading (a negated point…). */
  readonly opposes?: readonly string[];
  /** The sentence gives a name the reference defines a formula other than the reference's (formulas.ts). */
  readonly formula?: FormulaDifference;
}

/*
 * Role swaps: the answer gives one of two contrasted things what the reference says of the other ("high
 * bias means the model overfits, high variance means it underfits"; "bagging trains the models in
 * sequence… boosting trains independent models in parallel"; "tuples are the mutable one…, while a list is
 * fixed"). The two things are a pair of opposite words (contrasts.ts) or, when the question asks for a
 * comparison ("the difference between hard and soft voting", "how does boosting differ from bagging"), two
 * of the question's terms. Reference and answer are read clause by clause (attribution.ts): a term is bound
 * to the side its clause is about, and the terms the reference binds to one side only are its properties.
 * A swap needs both directions: a property of each bound to the other, which one loose clause cannot
 * produce.
 */

/**
 * Words by which a question asks to compare two things. "between" is a stop word, so "How do you choose between
 * Ridge and Lasso?" needs "choose" (the two things must still be joined in the question: not "How do you choose k?").
 */
const COMPARISON_WORDS = 'difference differences differ differs compare comparison contrast versus vs between choose';
let comparisonKeys: ReadonlySet<string> | undefined;

/** Two contrasted things: two opposite words ("#high", "#low") or two question terms. */
type Pair = readonly [string, string];

/** A token's term, and its identity when it names one specific thing of a related-terms group ("Lasso") or a split name ("K-means"). */
const namesOf = (token: TokenInfo): readonly string[] => [token.term, token.identity].filter((name, index) => name !== '' && (index === 0 || name !== token.term));

/**
 * Per token, the marks by which it may name a side: its names, and its opposite words marked with "#". Built in one
 * array per token (read for every sentence of every grading; spreading the names and the marked words made five).
 */
const tokenMarks: (sentence: SentenceInfo) => readonly (readonly string[])[] = perSentence((sentence) =>
  sentence.tokens.map((token) => {
    const marks: string[] = [];
    if (token.term !== '') marks.push(token.term);
    else if (STOP_NAME_POS.has(token.pos) && isStopName(token)) marks.push(stopName(token));
    if (token.identity !== '' && token.identity !== token.term) marks.push(token.identity);
    for (const word of tokenContrasts(token)) marks.push(`#${word}`);
    return marks;
  }),
);

/*
 * A compared thing whose word is a stop word or a word of little information ("the difference between mean, median,
 * and mode": "mean" is one of those) has no term: it is marked by its word, "=mean", where the question lists it beside a compared term, and
 * in the reference and the answer where it stands as a noun ("Mean is the average"; not "this means").
 */
const STOP_NAME_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN']);
const LISTED_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ']);
const isStopName = (token: TokenInfo): boolean => token.term === '' && token.kind === 'word' && token.normal.length > 2;
const stopName = (token: TokenInfo): string => `=${token.normal}`;

/** The question's stop words listed beside a compared term by a joining word ("between mean, median"), as marks. */
function listedStopNames(question: readonly SentenceInfo[]): string[] {
  const tokens = question.flatMap((sentence) => sentence.tokens);
  const joins = (at: number, step: 1 | -1): boolean =>
    JOINING_WORDS.has(tokens[at + step]?.normal ?? '') && (tokens[at + 2 * step]?.term ?? '') !== '';
  return [...new Set(tokens.flatMap((token, index) => (LISTED_POS.has(token.pos) && isStopName(token) && (joins(index, 1) || joins(index, -1)) ? [stopName(token)] : [])))];
}

/** How a sentence names the two sides: the side of each token, and a key saying which tokens name which. */
interface Naming {
  readonly sides: readonly Side[];
  readonly key: string;
}

/** The side of the pair each token of the sentence names; null when the sentence names neither side. */
function sidesOf(sentence: SentenceInfo, pair: Pair): Naming | null {
  const sides: Side[] = [];
  let key = '';
  for (const marks of tokenMarks(sentence)) {
    const side = marks.includes(pair[0]) ? 0 : marks.includes(pair[1]) ? 1 : null;
    if (side !== null) key += `${sides.length}:${side} `;
    sides.push(side);
  }
  return key === '' ? null : { sides, key };
}

/**
 * sideClauses, remembered per sentence and per way its tokens name the two sides: a sentence naming one of
 * twenty compared things is read the same for each of the nineteen pairs of that thing and one it does not name.
 */
function clauseReader(isProperty: PropertyTest): (sentence: SentenceInfo, naming: Naming) => SideClause[] {
  const memo = new Map<SentenceInfo, Map<string, SideClause[]>>();
  return (sentence, { sides, key }) => {
    let known = memo.get(sentence);
    if (!known) {
      known = new Map();
      memo.set(sentence, known);
    }
    const read = known.get(key) ?? sideClauses(sentence, sides, isProperty);
    known.set(key, read);
    return read;
  };
}

/**
 * Whether a token's term can be a property of a side. Opposite words can ("tuples are immutable"; "high bias"
 * is the group of underfitting: "overfits" is not said of it); the question's terms cannot.
 */
function propertyTest(questionTerms: ReadonlySet<string>): PropertyTest {
  return (token) => !questionTerms.has(token.term);
}

/** Words that join two compared things in a question: "between X and Y", "X vs Y", "differ from", "X, Y and Z". */
const JOINING_WORDS: ReadonlySet<string> = new Set(['and', 'or', 'nor', 'vs', 'vs.', 'v.', 'versus', 'from', 'than', 'to', 'with', 'against', ',', '/', ';', '&', '+']);

/**
 * The pairs of question terms ("a b", both orders) that a joining word stands between: "bagging and boosting",
 * not "hyperparameter tuning" nor "Bayesian optimisation", one thing each. The question is read as one run of
 * tokens: wink ends a sentence at "np." in "How does np.arange differ from np.linspace?".
 */
function joinedTerms(question: readonly SentenceInfo[], stopNames: readonly string[]): ReadonlySet<string> {
  const tokens = question.flatMap((sentence) => sentence.tokens);
  const named = tokens.flatMap((token, index) =>
    [...namesOf(token), ...(isStopName(token) && stopNames.includes(stopName(token)) ? [stopName(token)] : [])].map((term) => ({ term, index })),
  );
  const joined = new Set<string>();
  for (const [at, first] of named.entries()) {
    for (const second of named.slice(at + 1)) {
      const between = tokens.slice(first.index + 1, second.index);
      if (first.term === second.term || first.index === second.index || !between.some((token) => JOINING_WORDS.has(token.normal))) continue;
      joined.add(`${first.term} ${second.term}`);
      joined.add(`${second.term} ${first.term}`);
    }
  }
  return joined;
}

interface Roles {
  readonly pair: Pair;
  /** Per side, the reference's terms bound to it and never to the other side, with the sentence binding each. */
  readonly properties: readonly [ReadonlyMap<string, string>, ReadonlyMap<string, string>];
}

const rolesCache = new WeakMap<ReferenceProfile, readonly Roles[]>();

const contrastedWordsCache = new WeakMap<ReadonlyMap<string, string>, ReadonlySet<string>>();

/**
 * The words a side's properties hold as one part of a contrast (`word<` or `>word`), bare, once per side of a profile's
 * roles: `findRoleSwap` asks every token's contrast words of them, and spelling both keys out for each asked two strings
 * per word (a long answer's tokens ask thousands).
 */
function contrastedWords(properties: ReadonlyMap<string, string>): ReadonlySet<string> {
  const known = contrastedWordsCache.get(properties);
  if (known) return known;
  const words = new Set<string>();
  for (const key of properties.keys()) {
    if (key.endsWith('<')) words.add(key.slice(0, -1));
    if (key.startsWith('>')) words.add(key.slice(1));
  }
  contrastedWordsCache.set(properties, words);
  return words;
}

/** Block labels analysed, once each: the corpus's references share a few hundred ("Example", "Bagging"). */
const blockLabels = new Map<string, readonly SentenceInfo[]>();

function labelSentences(label: string): readonly SentenceInfo[] {
  let sentences = blockLabels.get(label);
  if (sentences === undefined) {
    sentences = analyzeText(label);
    if (blockLabels.size >= MAX_BLOCK_LABELS) blockLabels.clear();
    blockLabels.set(label, sentences);
  }
  return sentences;
}

/** The one side of the pair a block's label names ("Bagging"); null when it names neither or both, or there is none. */
function blockSide(label: string | null, pair: Pair): Side {
  if (label === null) return null;
  const named = new Set(labelSentences(label).flatMap((sentence) => sidesOf(sentence, pair)?.sides ?? []).filter((side) => side !== null));
  return named.size === 1 ? ([...named][0] ?? null) : null;
}
const MAX_BLOCK_LABELS = 2_000;

/** Words by which one clause says of its subject the contrary of what the other clause says of its own. */
const CONTRASTING: ReadonlySet<string> = new Set(['while', 'whereas', 'unlike']);
const RELATIVE: ReadonlySet<string> = new Set(['which', 'who', 'whose', 'that']);
const CONTRASTING_TEXT = new RegExp(`\\b(?:${[...CONTRASTING].join('|')})\\b`, 'i');

/**
 * The subjects of the two clauses a contrasting word sets against each other: the first noun of each that no
 * preposition governs ("While the test set remains untouched…, you use the validation set…": test, validation);
 * null when a clause names none, or both name the same.
 */
function contrastedSubjects(sentence: SentenceInfo): Pair | null {
  const { tokens } = sentence;
  const at = tokens.findIndex((token) => CONTRASTING.has(token.normal));
  if (at < 0) return null;
  const subjectFrom = (from: number, to: number): string | null => {
    for (let index = from; index < to; index += 1) {
      const token = tokens[index];
      if (token === undefined || token.term === '' || (token.pos !== 'NOUN' && token.pos !== 'PROPN')) continue;
      let before = index - 1;
      while (before >= 0 && ['DET', 'ADJ'].includes(tokens[before]?.pos ?? '')) before -= 1;
      if (tokens[before]?.pos === 'ADP' && before !== at) continue;
      // Its identity when it names one thing of a related-terms group ("L1" and "L2" share one term).
      return namesOf(token).at(-1) ?? token.term;
    }
    return null;
  };
  // "While A…, B…" sets its own clause against the one after its comma; "A…, while B…" against the sentence's first.
  const opensSentence = tokens.slice(0, at).every((token) => token.kind === 'punctuation');
  // The comma that ends the contrasting clause, not one opening a relative clause inside it ("Unlike L2, which…, L1…").
  const comma = tokens.findIndex((token, index) => index > at && token.text === ',' && !RELATIVE.has(tokens[index + 1]?.normal ?? ''));
  const first = subjectFrom(at + 1, opensSentence && comma > 0 ? comma : tokens.length);
  const second = opensSentence ? (comma > 0 ? subjectFrom(comma + 1, tokens.length) : null) : subjectFrom(0, at);
  return first === null || second === null || first === second ? null : [first, second];
}

/** A sentence going on about the thing the one before ended on: "It's sensitive to extreme values." */
const PRONOUN_OPENING = /^\W*(?:(?:however|but|also|still|yet|so|and),?\s+)?(?:it|its|they|their)\b/i;

/**
 * The side a sentence is about from its start, which a next sentence's "It" goes on about: the one it names before
 * its first verb ("Mean is the average…"; not "…takes a weighted sum of values. It connects…"). Not an opposite
 * word, which describes something else ("High bias…").
 */
function openingSide(sentence: SentenceInfo, sides: readonly Side[], pair: Pair): Side {
  if (pair[0].startsWith('#')) return null;
  for (const [index, token] of sentence.tokens.entries()) {
    const side = sides[index] ?? null;
    if (side !== null) return side;
    if (token.pos === 'VERB' || token.pos === 'AUX') return null;
  }
  return null;
}

/**
 * The sentence's subject carried on, for the reference's sentences and the answer's alike: a sentence opening with
 * "It"/"They" ("However, it…") that names no side before its first verb (`opening` null) goes on about the side the
 * sentence before is about (`last`): "Mean is the average… It's sensitive to extreme values". `next` is what the
 * sentence after it may go on about: the side carried, else the side this one opens with.
 */
function carryOn(text: string, opening: Side, last: Side): { readonly carried: Side; readonly next: Side } {
  const carried = opening === null && last !== null && PRONOUN_OPENING.test(text) ? last : null;
  return { carried, next: carried ?? opening };
}

/**
 * A sentence going on about a side (`carried`, see `carryOn`) that names a side only after its first verb gives its
 * first clauses (those about the same side as the first) to that side: "It provides less precise control than
 * explicit regularization and depends on having a validation set" is about early stopping, not regularization. Null
 * when the sentence does not go on so.
 */
function goneOn(clauses: readonly SideClause[], carried: Side): SideClause[] | null {
  const first = clauses[0];
  if (carried === null || first === undefined) return null;
  // The clauses after it that go on about the same ("…and depends on having a validation set").
  const run = clauses.findIndex((clause) => clause.side !== first.side);
  return clauses.map((clause, index) => (run < 0 || index < run ? { side: carried, terms: clause.terms } : clause));
}

/** A sentence that may define two things side by side: "X is…, Y is…". */
const TWO_DEFINITIONS = /\b(?:is|are)\b.*\b(?:is|are)\b/i;

/** Words a noun phrase that opens a clause may start with or consist of: "and the false negatives are…". */
const PHRASE_POS: ReadonlySet<string> = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'PUNCT', 'CCONJ']);

/**
 * The things a sentence defines side by side: the word before each "is"/"are" that is not denied ("true positives
 * are correctly predicted positives, false positives are negatives wrongly predicted as positive…": the four
 * cells), by its identity when it has one ("false positives" is one thing). Only a phrase that opens its clause
 * is defined in parallel with the others: not one in a clause saying when or why ("Precision is critical when
 * false positives are costly", "Median is the middle value when data is sorted").
 */
function definedSubjects(sentence: SentenceInfo): string[] {
  const { tokens } = sentence;
  const clauses = clauseOf(sentence);
  const subjects = new Set<string>();
  tokens.forEach((token, index) => {
    const subject = tokens[index - 1];
    if (!COPULAS.has(token.normal) || token.negated || tokens[index + 1]?.negated === true) return;
    if (subject === undefined || subject.term === '' || !NAMING_POS.has(subject.pos)) return;
    for (let before = index - 2; before >= 0 && clauses[before] === clauses[index]; before -= 1) {
      if (!PHRASE_POS.has(tokens[before]?.pos ?? '')) return;
    }
    const name = namesOf(subject).at(-1);
    if (name !== undefined) subjects.add(name);
  });
  return [...subjects];
}

/** Each two of the things, in their order. */
const pairsOf = (things: readonly string[]): Pair[] => things.flatMap((first, at) => things.slice(at + 1).map((second): Pair => [first, second]));

/** The pairs of things the reference contrasts, with the properties it gives each; once per profile. */
function rolesOf(profile: ReferenceProfile): readonly Roles[] {
  const cached = rolesCache.get(profile);
  if (cached) return cached;
  comparisonKeys ??= wordKeys(analyzeText(COMPARISON_WORDS), false);
  const compares = [...profile.questionKeys].some((key) => comparisonKeys?.has(key));
  const handed = takeAnalysedSentences(profile);
  const stopNames = compares && handed !== undefined ? listedStopNames(handed.question) : [];
  const stopWords = stopNames.map((name) => ({ name, pattern: new RegExp(`\\b${name.slice(1)}\\b`, 'i') }));
  const marks = profile.sentences.map(
    (sentence) =>
      new Set([
        ...sentence.terms,
        ...sentence.identities,
        ...[...sentence.contrasts.keys()].map((word) => `#${word}`),
        ...stopWords.filter(({ pattern }) => pattern.test(sentence.text)).map(({ name }) => name),
      ]),
  );
  // What the reference names, its block labels included ("Bagging:" heads bullets that never name it).
  const labels = new Set(profile.sentences.flatMap((sentence) => (sentence.block === null ? [] : [sentence.block])));
  const mentioned = new Set([
    ...marks.flatMap((sentence) => [...sentence]),
    ...[...labels].flatMap((label) => labelSentences(label).flatMap((sentence) => tokenMarks(sentence).flat())),
  ]);
  const candidates: Pair[] = [];
  for (const [a, b] of contrastPairs()) candidates.push([`#${a}`, `#${b}`]);
  if (compares) {
    // Two specific things of one related-terms group ("Ridge and Lasso") are compared by their identities,
    // which their shared key hides; one of them is not compared with its own group ("L1 regularization").
    const subjects = [...profile.questionTerms, ...profile.questionIdentities, ...stopNames];
    const joined = handed === undefined ? null : joinedTerms(handed.question, stopNames);
    for (const pair of pairsOf(subjects)) {
      const nested = pair[0].startsWith(`${pair[1]}=`) || pair[1].startsWith(`${pair[0]}=`);
      if (!nested && (joined === null || joined.has(pair.join(' ')))) candidates.push(pair);
    }
  }
  // A pair the reference sets side by side is added once, either way round.
  const addPair = (pair: Pair): void => {
    if (!candidates.some(([a, b]) => (a === pair[0] && b === pair[1]) || (a === pair[1] && b === pair[0]))) candidates.push(pair);
  };
  // The reference sentences with their tokens: as the profile analysed them when it still has them (the
  // first reading), else analysed again where they name a side of a pair it mentions.
  const analysed = new Map<number, readonly SentenceInfo[]>();
  const tokensOf = (index: number): readonly SentenceInfo[] => {
    const own = handed?.reference[index];
    if (own) return [own];
    const known = analysed.get(index);
    if (known) return known;
    const sentences = analyzeText(profile.sentences[index]?.text ?? '');
    analysed.set(index, sentences);
    return sentences;
  };
  // Two things the reference itself sets against each other ("While the test set stays untouched…, you use the
  // validation set…"), whatever the question asks.
  profile.sentences.forEach((sentence, index) => {
    if (!CONTRASTING_TEXT.test(sentence.text)) return;
    for (const analysed of tokensOf(index)) {
      const pair = contrastedSubjects(analysed);
      if (pair !== null) addPair(pair);
    }
  });
  // Two things it defines in one sentence, each in a clause of its own, whatever the question asks.
  profile.sentences.forEach((sentence, index) => {
    if (!TWO_DEFINITIONS.test(sentence.text)) return;
    for (const analysed of tokensOf(index)) for (const pair of pairsOf(definedSubjects(analysed))) addPair(pair);
  });
  const isProperty = propertyTest(profile.questionTerms);
  const read = clauseReader(isProperty);
  const roles: Roles[] = [];
  for (const pair of candidates) {
    if (!mentioned.has(pair[0]) || !mentioned.has(pair[1])) continue;
    const bound = [new Map<string, string>(), new Map<string, string>()] as const;
    // Terms of clauses about both sides are properties of neither.
    const both = new Set<string>();
    // The side the sentence before is about, for one that goes on about it ("Mean is the average… It's sensitive to
    // extreme values").
    let last: Side = null;
    marks.forEach((said, index) => {
      const text = profile.sentences[index]?.text ?? '';
      if (!said.has(pair[0]) && !said.has(pair[1])) {
        // A line under a label naming one side ("Bagging:" and the bullets under it) is about that side.
        const block = blockSide(profile.sentences[index]?.block ?? null, pair);
        const side = block ?? carryOn(text, null, last).carried;
        last = block === null ? side : null;
        const target = side === null ? null : bound[side];
        if (target === null) return;
        for (const sentence of tokensOf(index)) {
          for (const token of sentence.tokens) if (token.term !== '' && !token.negated && isProperty(token) && !target.has(token.term)) target.set(token.term, text);
        }
        return;
      }
      for (const sentence of tokensOf(index)) {
        const naming = sidesOf(sentence, pair);
        if (naming === null) continue;
        const carry = carryOn(sentence.text, openingSide(sentence, naming.sides, pair), last);
        last = carry.next;
        const clauses = read(sentence, naming);
        for (const clause of goneOn(clauses, carry.carried) ?? clauses) {
          const target = clause.side === null ? null : bound[clause.side];
          for (const term of clause.terms) {
            if (target === null) both.add(term);
            else if (!target.has(term)) target.set(term, text);
          }
        }
      }
    });
    const properties = [0, 1].map((side) => {
      const own = bound[side === 0 ? 0 : 1];
      const other = bound[side === 0 ? 1 : 0];
      return new Map([...own].filter(([term]) => !other.has(term) && !both.has(term)));
    });
    const [first, second] = properties;
    if (first && second && first.size > 0 && second.size > 0) roles.push({ pair, properties: [first, second] });
  }
  rolesCache.set(profile, roles);
  return roles;
}

/**
 * Reads what the reference says of each of the things it contrasts, ahead of the first grading: it reads the
 * contrasting sentences again with their tokens, up to a few milliseconds for a long notebook answer. Its
 * term weights too, which the first grading would otherwise compute.
 */
export function prepareRoles(profile: ReferenceProfile): void {
  prepare(profile);
  rolesOf(profile);
}

/**
 * Where the words of a side's phrase name begin ("false positives" for the mark "~falsepositive" on "positives"):
 * the words before its last one whose forms end what is left of the phrase.
 */
function phraseStart(tokens: readonly TokenInfo[], index: number, mark: string): number {
  if (!mark.startsWith('~')) return index;
  const token = tokens[index];
  let rest = mark.slice(1);
  const own = [token?.normal ?? '', token?.lemma ?? ''].find((form) => form !== '' && rest.endsWith(form));
  if (own === undefined) return index;
  rest = rest.slice(0, -own.length);
  let start = index;
  while (rest !== '' && start > 0) {
    const before = tokens[start - 1];
    const form = [before?.normal ?? '', before?.lemma ?? ''].find((candidate) => candidate !== '' && rest.endsWith(candidate));
    if (form === undefined) return index;
    rest = rest.slice(0, -form.length);
    start -= 1;
  }
  return rest === '' ? start : index;
}

/**
 * A moved property as the answer writes it: its word, or for a word moved in the part it plays what the verb made
 * it ("predicted as negative") or the word itself ("positives").
 */
function propertyText(sentence: SentenceInfo, term: string): string {
  const part = partWord(term);
  const { tokens } = sentence;
  const at = tokens.findIndex((token) => (part === null ? token.term === term : tokenContrasts(token).includes(part)));
  const token = tokens[at];
  if (token === undefined) return part ?? term;
  if (part === null || !term.startsWith('>')) return token.text;
  let verb = at - 1;
  while (verb >= 0 && tokens[verb]?.pos !== 'VERB') verb -= 1;
  return verb < 0 || at - verb > 4 ? token.text : tokens.slice(verb, at + 1).map((word) => word.text).join(' ');
}

/**
 * A sentence's distinct terms and opposite words (`tokenContrasts`), for the test whether it carries the other side's
 * properties: asked for every pair of roles the answer names and for each side, and the opposite words of each token
 * were read again (an array each) every time.
 */
const roleWordsOf = perSentence((sentence: SentenceInfo): { readonly terms: readonly string[]; readonly contrasts: readonly string[] } => {
  const terms = new Set<string>();
  const contrasts = new Set<string>();
  for (const token of sentence.tokens) {
    terms.add(token.term);
    for (const word of tokenContrasts(token)) contrasts.add(word);
  }
  return { terms: [...terms], contrasts: [...contrasts] };
});

/** The answer's first sentence binding a property of one side of a contrasted pair to the other, both ways round. */
function findRoleSwap(sentences: readonly SentenceInfo[], profile: ReferenceProfile): Contradiction | null {
  const roles = rolesOf(profile);
  if (roles.length === 0) return null;
  const isProperty = propertyTest(profile.questionTerms);
  const read = clauseReader(isProperty);
  // A pair the answer does not name both sides of cannot be swapped in it.
  const answerMarks = new Set<string>();
  for (const sentence of sentences) for (const marks of tokenMarks(sentence)) for (const mark of marks) answerMarks.add(mark);
  for (const { pair, properties } of roles) {
    if (!answerMarks.has(pair[0]) || !answerMarks.has(pair[1])) continue;
    const namings = new Map<SentenceInfo, Naming>();
    for (const sentence of sentences) {
      const naming = sidesOf(sentence, pair);
      if (naming !== null) namings.set(sentence, naming);
    }
    // A sentence naming neither side that goes on about the one the sentence before is about ("The mean is the
    // average. It is robust to outliers.").
    const continued = new Map<SentenceInfo, 0 | 1>();
    let last: Side = null;
    for (const sentence of sentences) {
      const named = namings.get(sentence);
      const { carried, next } = carryOn(sentence.text, named === undefined ? null : openingSide(sentence, named.sides, pair), last);
      if (carried !== null) continued.set(sentence, carried);
      last = next;
    }
    // A swap gives each side, in a sentence about it, a word the reference gives the other: without such a
    // sentence for both sides there is nothing to read clause by clause.
    const carriesForeign = (sentence: SentenceInfo, side: 0 | 1): boolean => {
      const foreign = properties[side === 0 ? 1 : 0];
      const contrasted = contrastedWords(foreign);
      const { terms, contrasts } = roleWordsOf(sentence);
      return terms.some((term) => foreign.has(term)) || contrasts.some((word) => contrasted.has(word));
    };
    const carries = (side: 0 | 1): boolean => {
      for (const [sentence, { sides }] of namings) if (sides.includes(side) && carriesForeign(sentence, side)) return true;
      for (const [sentence, about] of continued) if (about === side && carriesForeign(sentence, side)) return true;
      return false;
    };
    if (!carries(0) || !carries(1)) continue;
    const clausesOf = new Map<SentenceInfo, readonly SideClause[]>();
    for (const sentence of sentences) {
      const named = namings.get(sentence);
      const about = continued.get(sentence);
      if (named !== undefined) {
        const clauses = read(sentence, named);
        clausesOf.set(sentence, goneOn(clauses, about ?? null) ?? clauses);
      } else if (about !== undefined) {
        const terms = new Set(sentence.tokens.filter((token) => token.term !== '' && !token.negated && isProperty(token)).map((token) => token.term));
        clausesOf.set(sentence, [{ side: about, terms }]);
      }
    }
    // Per side, the answer's clauses about it (and the sentence of each), and every term it binds to it.
    const sides = [0, 1].map(() => ({ own: [] as { sentence: SentenceInfo; terms: ReadonlySet<string> }[], terms: new Set<string>() }));
    for (const [sentence, clauses] of clausesOf) {
      for (const clause of clauses) {
        if (clause.side === null) continue;
        const side = sides[clause.side];
        side?.own.push({ sentence, terms: clause.terms });
        for (const term of clause.terms) side?.terms.add(term);
      }
    }
    const involved = new Set<SentenceInfo>();
    const crossed = [0, 1].map((index) => {
      const side = sides[index];
      const own = properties[index];
      const foreign = properties[1 - index];
      if (!side || !own || !foreign) return null;
      // Said of this side only by the answer: the answer never gives it to the side the reference does.
      const moved = (term: string): boolean => foreign.has(term) && !sides[1 - index]?.terms.has(term);
      // At least as many of the other side's properties as of its own, over the whole answer: a correct
      // answer that strays into one of the other side's words ("how many flagged cases are real") is not a swap.
      const movedCount = [...side.terms].filter(moved).length;
      const ownCount = [...side.terms].filter((term) => own.has(term)).length;
      if (movedCount < ownCount) return null;
      for (const clause of side.own) if ([...clause.terms].some(moved)) involved.add(clause.sentence);
      for (const clause of side.own) {
        // A plain word reads best, then what a verb made of the thing ("predicted as negative").
        const terms = [...clause.terms].filter(moved);
        const term = terms.find((key) => partWord(key) === null) ?? terms.find((key) => key.startsWith('>')) ?? terms[0];
        const reference = term === undefined ? undefined : foreign.get(term);
        if (term !== undefined && reference !== undefined) return { clause, reference, term };
      }
      return null;
    });
    const [first, second] = crossed;
    if (!first || !second) continue;
    // The answer's own word for a side, as written inside a sentence ("tuples", not "Tuples" that opens one);
    // an acronym keeps its capitals wherever it stands ("UDP", "L1"), and a hyphenated name its parts ("K-means").
    const word = (side: 0 | 1): string => {
      const mark = pair[side];
      if (mark.startsWith('#')) return mark.slice(1);
      const uses = [...namings].flatMap(([sentence, named]) =>
        sentence.tokens.map((token, index) => ({ tokens: sentence.tokens, token, index })).filter(({ index }) => named.sides[index] === side),
      );
      const use = uses.find(({ index }) => index > 0) ?? uses[0];
      if (use === undefined) return mark;
      const { tokens, token, index } = use;
      const after = tokens[index + 1]?.text === '-' ? tokens[index + 2] : undefined;
      const start = phraseStart(tokens, index, mark);
      const words = start < index ? `${tokens.slice(start, index).map((before) => before.text).join(' ')} ` : '';
      const text = words + (after === undefined || after.kind !== 'word' ? token.text : `${token.text}-${after.text}`);
      return start > 0 || /[A-Z].*[A-Z0-9]/.test(token.text) ? text : text.toLowerCase();
    };
    const property = propertyText(first.clause.sentence, first.term);
    return { sentence: first.clause.sentence, reference: first.reference, swapped: [word(0), word(1)], roleSwap: true, property, involved: [...involved] };
  }
  return null;
}

/** A reference sentence's plain denial (clauses.ts, `assertedPredicates`). */
interface DeniedClaim {
  readonly reference: string;
  readonly predicate: Predicate;
}

const deniedClaimsCache = new WeakMap<ReferenceProfile, readonly DeniedClaim[]>();

/** What the reference denies as its own plain claims; read once per profile. */
function deniedClaims(profile: ReferenceProfile): readonly DeniedClaim[] {
  const cached = deniedClaimsCache.get(profile);
  if (cached) return cached;
  const claims: DeniedClaim[] = [];
  for (const { text, negatedTerms } of profile.sentences) {
    // Most reference sentences deny nothing: only those are analysed again.
    if (negatedTerms.size === 0 && !/\b(?:not|never|cannot)\b|n't\b/i.test(text)) continue;
    for (const sentence of analyzeText(text)) {
      for (const predicate of assertedPredicates(sentence)) if (predicate.negated) claims.push({ reference: text, predicate });
    }
  }
  // The reference agrees with itself: a denial it affirms elsewhere of the same subject is not one to read. Only
  // sentences that may say a denied head ("satisf" of "satisfies") are analysed again: a long notebook answer has
  // dozens of sentences.
  const stems = claims.map(({ predicate }) => predicate.head.slice(0, 4).toLowerCase());
  const affirmed = profile.sentences.flatMap(({ text }) => {
    const lower = text.toLowerCase();
    if (!stems.some((stem) => lower.includes(stem))) return [];
    return analyzeText(text).flatMap((sentence) => assertedPredicates(sentence).filter((predicate) => !predicate.negated));
  });
  const consistent = claims.filter(
    ({ predicate }) => !affirmed.some((other) => other.head === predicate.head && [...other.subject].some((term) => predicate.subject.has(term))),
  );
  deniedClaimsCache.set(profile, consistent);
  return consistent;
}

/**
 * The answer's sentence affirms, as its own plain claim, the predicate a reference sentence denies: the same head
 * (verb, or adjective or noun after a copula) with every term the reference says after it, of the same subject.
 * The subject is the same when both name it and the answer's names nothing the reference's subject or the question
 * does not; a pronoun or a left-out subject ("It is symmetric", "…, and satisfies…") is read through the reference
 * sentence the answer's aligns with, and a named subject answers a reference's pronoun when it names only the
 * question's terms ("KL divergence is symmetric" for "It is not symmetric").
 */
/** The phase a sentence speaks of ("during training", "at inference time"): a claim of one phase says nothing of another. */
const PHASE = /\b(?:during|in|at|while)\s+(?:the\s+)?(training|inference|test(?:ing)?|evaluation|eval|prediction)\b/gi;
const phasesOf = (text: string): Set<string> => new Set([...text.matchAll(PHASE)].map((match) => (match[1] ?? '').toLowerCase().replace(/^test\w*$/, 'test')));

const deniedLemmasCache = new WeakMap<readonly DeniedClaim[], ReadonlySet<string>>();

/** The heads (lemmas) of the reference's denied claims; once per profile. */
function deniedLemmas(claims: readonly DeniedClaim[]): ReadonlySet<string> {
  let lemmas = deniedLemmasCache.get(claims);
  if (lemmas === undefined) deniedLemmasCache.set(claims, (lemmas = new Set(claims.map(({ predicate }) => predicate.head))));
  return lemmas;
}

function affirmsDenied(sentence: SentenceInfo, aligned: string | undefined, profile: ReferenceProfile): Contradiction | null {
  const claims = deniedClaims(profile);
  if (claims.length === 0) return null;
  // A predicate's head is one of the sentence's words (its lemma): a sentence with none of the denied heads affirms
  // none of them, and is not read for its predicates, which in a long sentence of many clauses walks its tokens once
  // a clause (most sentences of an answer).
  const lemmas = deniedLemmas(claims);
  if (!sentence.tokens.some((token) => lemmas.has(token.lemma))) return null;
  const predicates = assertedPredicates(sentence);
  const phases = phasesOf(sentence.text);
  for (const said of predicates) {
    if (said.negated || predicates.some((other) => other.negated && other.head === said.head)) continue;
    for (const { reference, predicate: denied } of claims) {
      if (denied.head !== said.head || denied.copular !== said.copular || ![...denied.rest].every((term) => said.rest.has(term))) continue;
      // "During training a prediction depends on the batch" does not deny "At inference, it does not depend on it".
      const denialPhases = phasesOf(reference);
      if ([...phases].some((phase) => !denialPhases.has(phase))) continue;
      const sameSubject =
        said.anaphoric
          ? aligned === reference
          : denied.anaphoric
            ? [...said.subject].every((term) => profile.questionTerms.has(term))
            : [...said.subject].some((term) => denied.subject.has(term)) && [...said.subject].every((term) => denied.subject.has(term) || profile.questionTerms.has(term));
      if (sameSubject) return { sentence, reference, swapped: [said.words, denied.words], affirmsDenial: true };
    }
  }
  return null;
}

const sentencesNamingCache = new WeakMap<ReferenceProfile, ReadonlyMap<string, readonly number[]>>();

/** The reference sentences that affirm or deny each term, by their index: built once per (cached) profile. */
function sentencesNaming(profile: ReferenceProfile): ReadonlyMap<string, readonly number[]> {
  const known = sentencesNamingCache.get(profile);
  if (known) return known;
  const naming = new Map<string, number[]>();
  profile.sentences.forEach((reference, index) => {
    for (const term of new Set([...reference.affirmedTerms, ...reference.negatedTerms])) {
      const list = naming.get(term);
      if (list === undefined) naming.set(term, [index]);
      else list.push(index);
    }
  });
  sentencesNamingCache.set(profile, naming);
  return naming;
}

/** Sentences of the answer that contradict the reference sentence they share most terms with. */
export function findContradictions(sentences: readonly SentenceInfo[], profile: ReferenceProfile): Contradiction[] {
  const found: Contradiction[] = [];
  // How many of the answer sentence's terms each reference sentence affirms or denies, counted from the sentences
  // naming each term: asking every reference sentence for every one of its terms was most of this function's time.
  const naming = sentencesNaming(profile);
  const sharedBy = new Array<number>(profile.sentences.length);
  for (const [at, sentence] of sentences.entries()) {
    // Gathered in one pass: a map and a filter per sentence were a third of this function's own time.
    const terms = new Set<string>();
    for (const token of sentence.tokens) if (token.term !== '') terms.add(token.term);
    sharedBy.fill(0);
    for (const term of terms) for (const index of naming.get(term) ?? []) sharedBy[index] = (sharedBy[index] ?? 0) + 1;
    // The reference sentences sharing the most terms with it (more than one on a tie), the first of them aligned.
    let tied: ReferenceProfile['sentences'][number][] = [];
    let bestShared = ALIGNED_TERMS - 1;
    for (let index = 0; index < profile.sentences.length; index += 1) {
      const reference = profile.sentences[index];
      const shared = sharedBy[index] ?? 0;
      if (reference === undefined) continue;
      if (shared > bestShared) {
        tied = [reference];
        bestShared = shared;
      } else if (shared === bestShared && tied.length > 0) tied.push(reference);
    }
    const [aligned] = tied;
    if (!aligned) {
      // A named subject needs no aligned sentence: "Dropout is used at inference time" shares one term with the reference's.
      const reversal = affirmsDenied(sentence, undefined, profile);
      if (reversal) found.push(reversal);
      continue;
    }
    const words = contrastWords(sentence);
    const affirmed = new Set(sentence.tokens.filter((token) => !token.negated && token.term !== '').map((token) => token.term));
    const reading = (reference: ReferenceProfile['sentences'][number]) => ({ ...reference, says: (word: string) => reference.contrasts.get(word)?.negated === false });
    // Another sentence matching as well that says what the answer's sentence says: none of the answer's words with
    // an opposite against it ("view" where the answer says "copy"), nothing the answer affirms that it only denies,
    // and nothing the answer denies that it affirms. A contradiction of the aligned sentence that such a sentence
    // makes is no contradiction: "changes to a copy don't affect the original" matches "changes to the view affect
    // the original" and "a copy is independent, so changes don't affect the original" equally; "changes to a copy
    // affect the original" still contradicts the reference.
    const agreeing = tied.filter(
      (reference) =>
        reference !== aligned &&
        !opposesContrast(words, reference) &&
        ![...affirmed].some((term) => reference.negatedTerms.has(term) && !reference.affirmedTerms.has(term)) &&
        !deniedHeads(sentence).some((denial) => reference.affirmedTerms.has(denial.head.term) && !denialAgrees(denial, { statement: reading(reference) })),
    );
    // The denial's clause must be about the reference sentence too: "neural networks aren't convex" does
    // not deny "a convex function curves upward like a bowl".
    const denied = (denial: Denial): boolean =>
      aligned.affirmedTerms.has(denial.head.term) &&
      !affirmed.has(denial.head.term) &&
      [...denial.clauseTerms].some((term) => aligned.affirmedTerms.has(term)) &&
      !denialAgrees(denial, { statement: reading(aligned) }) &&
      !agreeing.some((reference) => denialAgrees(denial, { statement: reading(reference) }));
    const plain = aligned.denies || deniesOpposite(words, aligned);
    const previous = sentences[at - 1];
    const previousSubject = previous === undefined ? undefined : sentenceSubject(previous);
    const negated = plain ? undefined : deniedHeads(sentence).find(denied);
    // A denied clause whose claim the aligned sentence makes with another verb; a sentence matching as well that
    // makes no such claim leaves it unread (the clause may be about that one).
    const claim =
      plain || negated || tied.length > 1 ? undefined : deniedClauses(sentence).find((clause) =>
            deniesClaim(clause, { ...aligned, names: aligned.identities, contrasts: SETS_AGAINST.test(aligned.text) }, profile.questionTerms, profile.stances, previousSubject),
          );
    const swap = swapsContrast(words, aligned, profile.sentences, agreeing);
    if (negated || claim || swap) found.push({ sentence, reference: aligned.text, swapped: negated || claim ? null : swap });
    else {
      const reversal = affirmsDenied(sentence, aligned.text, profile);
      if (reversal) found.push(reversal);
    }
  }
  // One entry a sentence: a swapped comparison is the stronger finding.
  const role = findRoleSwap(sentences, profile);
  return role ? [...found.filter((known) => known.sentence !== role.sentence), role] : found;
}

/**
 * Kendall discordance of the shared terms' first positions, over the pairs the reference orders one way only;
 * null with fewer than three shared terms or no such pair.
 */
function discordance(sequence: readonly string[], positions: ReadonlyMap<string, number>, unordered: ReadonlySet<string>): number | null {
  const shared = [...new Set(sequence)].filter((term) => positions.has(term));
  if (shared.length < 3) return null;
  let pairs = 0;
  let reversed = 0;
  for (let i = 0; i < shared.length; i += 1) {
    for (let j = i + 1; j < shared.length; j += 1) {
      const first = shared[i] ?? '';
      const second = shared[j] ?? '';
      if (unordered.size > 0 && unordered.has(pairKey(first, second))) continue;
      pairs += 1;
      if ((positions.get(first) ?? 0) > (positions.get(second) ?? 0)) reversed += 1;
    }
  }
  return pairs === 0 ? null : reversed / pairs;
}

/** An order error: more than half of the pairs of a sequence the reference states are said the other way round… */
const ORDER_ERROR = 0.5;
/** …or one step is put on the wrong side of this many others. */
const MOVED_PAST = 2;

/** A sentence of the reference stating a sequence that the answer states in another order. */
export interface ReversedOrder {
  readonly reference: string;
  /** Share of its pairs (of terms, or of steps) the answer says the other way round. */
  readonly reversed: number;
  /** The answer's step most out of place, and the steps it is wrongly put before or after, when its steps tell. */
  readonly steps: Pick<StepOrder, 'moved' | 'before' | 'after'> | undefined;
  /** The process said to run the other way ("bottom-up" for "top-down"), when that is what is out of order. */
  readonly way?: ReversedWay;
}

export interface Measurement {
  readonly features: Features;
  /** Answer sentences that say the opposite of the reference sentence they match. */
  readonly contradictions: readonly Contradiction[];
  /** A sequence of the reference that the answer states in another order: what the order rule reads. */
  readonly reversedOrder: ReversedOrder | undefined;
  /** Share of the answer's own words (notation and the question's words left out) that the reference material uses. */
  readonly wordPrecision: number;
  /**
   * `weightedRecall` and `cosine` of what the answer says in words, without what its formulas' symbols are read as:
   * the overlap the off-topic rule reads, since a dump of symbols is read as every word they name.
   */
  readonly inWords: { readonly weightedRecall: number; readonly cosine: number };
}

/**
 * @param sentences the answer's sentences the grader reads (text addressed to the grader already dropped)
 * @param matches the key-point matches of the answer's explanatory sentences
 * @param listsExplain the reference is a short-answer key: a term list or a fragment answers it
 * @param lists the sentences that name terms rather than explain: term lists, and a keyword dump's bare list items
 */
export function measure(
  sentences: readonly SentenceInfo[],
  profile: ReferenceProfile,
  matches: readonly PointMatch[],
  listsExplain: boolean,
  lists: (sentence: SentenceInfo) => boolean = isTermList,
): Measurement {
  let words = 0;
  let listWords = 0;
  const counts = new Map<string, number>();
  const explanatory: SentenceInfo[] = [];
  for (const sentence of sentences) {
    const sentenceWords = wordTokens(sentence).length;
    words += sentenceWords;
    if (lists(sentence)) {
      listWords += sentenceWords;
      if (!listsExplain) continue;
    }
    explanatory.push(sentence);
    for (const token of sentence.tokens) {
      if (token.term === '') continue;
      counts.set(token.term, (counts.get(token.term) ?? 0) + 1);
    }
  }
  const answerTerms = new Set(counts.keys());
  const { weight, referenceTerms, recallWords, sentences: referenceSentences, sequences, unordered, ordered, stepsToRead, steps, waySentences, cycles } = prepare(profile);

  const answerKeys = wordKeys(explanatory, false);
  const answerWords = wordKeys(explanatory, true);
  const inMaterial = (key: string): boolean => profile.referenceKeys.has(key) || profile.vocabulary.has(key);
  // What a formula's symbols name counts towards what the answer covers, not towards the share of its own words the
  // reference uses (code-words.ts, `withoutSymbolWords`).
  const asWritten = explanatory.map(withoutSymbolWords);
  const symbolsRead = asWritten.some((sentence, index) => sentence !== explanatory[index]);
  const ownKeys = [...(symbolsRead ? wordKeys(asWritten, false) : answerKeys)].filter((key) => !profile.questionKeys.has(key));
  const writtenCounts = symbolsRead ? termCounts(asWritten) : counts;
  const inReference = ownKeys.filter(inMaterial).length;
  const ownWords = [...ownWordKeys(asWritten, inMaterial)].filter((key) => !profile.questionKeys.has(key));

  // Each reference sentence's best share in one answer sentence. The answer sentences saying each term are listed
  // once, and each reference term adds its weight to those sentences only: asking every answer sentence for every
  // term of every reference sentence was most of this function's time on a long reference. A sentence's weights are
  // added in the reference term's order either way, so the sums are the same.
  const sentencesSaying = new Map<string, number[]>();
  explanatory.forEach((sentence, index) => {
    for (const token of sentence.tokens) {
      const saying = sentencesSaying.get(token.term);
      if (saying === undefined) sentencesSaying.set(token.term, [index]);
      else if (saying.at(-1) !== index) saying.push(index);
    }
  });
  const found = new Array<number>(explanatory.length);
  let alignmentTotal = 0;
  for (const reference of referenceSentences) {
    found.fill(0);
    for (const [term, value] of reference.terms) for (const index of sentencesSaying.get(term) ?? []) found[index] = (found[index] ?? 0) + value;
    let best = 0;
    for (const share of found) best = Math.max(best, share / reference.total);
    alignmentTotal += best;
  }

  // Order is read within the one answer sentence that says most of an ordered reference sentence, and only in
  // sentences that state a sequence themselves ("…, then…", "first…, next…"): terms said in another order without
  // one are not steps put in another order ("minimises a loss by computing the gradient… until the loss stops
  // improving" names the goal first). The regression's orderError input is what this rule finds, so the two never
  // disagree: it read every sentence term by term, and lowered correct answers for a few pairs of terms.
  let reversedOrder: ReversedOrder | undefined;
  const keep = (found: ReversedOrder): void => {
    if (reversedOrder === undefined || found.reversed > reversedOrder.reversed) reversedOrder = found;
  };
  // Read step by step too (sequence-steps.ts): a step moved past two others is a different sequence, however
  // many of the term pairs stay in place; and the steps name what the answer put out of place.
  const stepOrders = new Map<string, StepOrder>();
  // A recap going round a cycle again from another step, after the answer has stated it in order ("In short: the
  // optimizer updates the weights, then the next batch goes through the forward pass, then…"), reverses nothing;
  // a cycle stated only from the wrong start ("Training starts when the optimizer updates…") does.
  const recaps = new Set<SentenceInfo>();
  const ownTerm = (term: string): boolean => !profile.questionTerms.has(term);
  const answerRuns = stepsToRead ? answerSequences(explanatory, ownTerm) : [];
  // An answer written as a row of instructions, with no cue, states its order by its sentences' order.
  const instructed = stepsToRead && answerRuns.length === 0 && explanatory.length >= 3 ? instructedSteps(explanatory, ownTerm) : undefined;
  const sentencesAsSteps = instructed === undefined ? [] : explanatory.flatMap((sentence) => sentenceSteps(sentence, ownTerm));
  if (answerRuns.length > 0 || instructed !== undefined) {
    const reference = steps();
    for (const { text, steps: referenceSteps } of reference.sequences) {
      // Read only when no sentence of the answer names two reference steps (`singleSteps`): one that does states
      // how they connect (a goal, a recap, the steps explained), and instructions said besides are advice about
      // them ("…the optimizer updates the weights. Pick a good optimizer. Clip gradients…"). Only a reversal of
      // most pairs counts: one step said late may be an afterthought.
      const connected = singleSteps(referenceSteps, sentencesAsSteps).length < sentencesAsSteps.length;
      const read = instructed === undefined || connected ? undefined : compareSteps(referenceSteps, instructed, reference.unordered);
      if (read !== undefined && read.reversed > ORDER_ERROR && read.reversed > (stepOrders.get(text)?.reversed ?? 0)) stepOrders.set(text, read);
      let inOrder = false;
      for (const run of answerRuns) {
        const found = compareSteps(referenceSteps, run.steps, reference.unordered);
        // Two steps in order, and none the other way round, state it in order too ("the forward pass… and the
        // loss, then backpropagation…, and finally the update" names the loss in the forward pass's step).
        if (found === undefined) inOrder ||= compareSteps(referenceSteps, run.steps, reference.unordered, 2)?.reversed === 0;
        else if (found.reversed === 0) inOrder = true;
        else if (inOrder && found.rotated && (cycles || run.sentences.some((sentence) => REPEATS.test(sentence.text)))) {
          for (const sentence of run.sentences) recaps.add(sentence);
        } else {
          const known = stepOrders.get(text);
          if (known === undefined || found.reversed > known.reversed) stepOrders.set(text, found);
        }
        // Read from the answer's side too, each answer step at the reference step it says most specifically: steps
        // that share most of their terms ("the base models" in all three) place no reference step by its own terms.
        // Only a reversal of most pairs counts, as for a row of instructions.
        const matched = run.sentences.some((sentence) => recaps.has(sentence)) ? undefined : matchSteps(referenceSteps, run.steps, reference.unordered);
        if (matched !== undefined && matched.reversed > ORDER_ERROR && !(inOrder && matched.rotated) && matched.reversed > (stepOrders.get(text)?.reversed ?? 0)) stepOrders.set(text, matched);
      }
    }
  }
  // A process run the other way ("CART works bottom-up…", "…from the input layer forwards to the output layer") puts
  // every one of its steps in the reverse order, whatever the answer's steps are called.
  const way = waySentences.length > 0 ? reversedWay(waySentences, explanatory.map((sentence) => sentence.text)) : undefined;
  if (way !== undefined) keep({ reference: way.reference, reversed: 1, steps: undefined, way });
  for (const [text, found] of stepOrders) {
    // A step put before the one it depends on is out of order even when it is the only one (two neighbours swapped).
    if (found.reversed > ORDER_ERROR || found.before.length + found.after.length >= MOVED_PAST || (found.dependent && !cycles)) keep({ reference: text, reversed: found.reversed, steps: found });
  }
  for (const sentence of sequences.length > 0 ? explanatory : []) {
    const positions = new Map<string, number>();
    const goal = goalTokens(sentence.tokens);
    sentence.tokens.forEach((token, index) => {
      if (token.term !== '' && goal[index] !== true && !positions.has(token.term)) positions.set(token.term, positions.size);
    });
    const stated = answerStatesSequence(sentence.text);
    sequences.forEach((sequence, index) => {
      const reversed = discordance(sequence, positions, unordered);
      const reference = ordered[index];
      if (reversed === null || !stated || reference === undefined || reference.oneStep || recaps.has(sentence)) return;
      if (reversed > ORDER_ERROR) keep({ reference: reference.text, reversed, steps: stepOrders.get(reference.text) });
    });
  }

  const contradictions = findContradictions(explanatory, profile);
  // A point partly made only by naming its subject is no evidence of a claim (coverage.ts, bySubject).
  const pointCredit = matches.reduce((sum, match) => sum + (match.status === 'covered' ? 1 : match.status === 'partial' && !match.bySubject ? 0.5 : 0), 0);
  return {
    contradictions,
    reversedOrder,
    wordPrecision: ownWords.length === 0 ? 0 : ownWords.filter(inMaterial).length / ownWords.length,
    features: {
      recall: Math.sqrt(softRecall(recallWords, answerKeys)),
      precision: ownKeys.length === 0 ? 0 : Math.sqrt(inReference / ownKeys.length),
      wordRecall: profile.referenceWords.size === 0 ? 0 : Math.sqrt([...profile.referenceWords].filter((word) => answerWords.has(word)).length / profile.referenceWords.size),
      weightedRecall: weightedRecall(referenceTerms, answerTerms),
      cosine: cosine(counts, profile.terms, referenceTerms.norm, weight),
      keyPoints: matches.length === 0 ? 0 : pointCredit / matches.length,
      alignment: referenceSentences.length === 0 ? 0 : alignmentTotal / referenceSentences.length,
      lengthRatio: profile.words === 0 || words === 0 ? 0 : clip(Math.log2(words / profile.words), -3, 3),
      length: Math.log2(words + 1),
      negation: matches.some((match) => match.contradicted) ? 1 : 0,
      orderError: reversedOrder?.reversed ?? 0,
      listShare: words === 0 ? 0 : listWords / words,
      // Short-answer keys get fragments typed without a full stop: only a fuller answer can be cut short.
      truncated: !listsExplain && isTruncated(sentences) ? 1 : 0,
    },
    inWords: {
      weightedRecall: weightedRecall(referenceTerms, new Set(writtenCounts.keys())),
      cosine: cosine(writtenCounts, profile.terms, referenceTerms.norm, weight),
    },
  };
}
