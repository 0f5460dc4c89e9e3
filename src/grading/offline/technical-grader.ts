import type { KeyPointCoverage } from '../../contracts/feedback-schema.js';
import type { Rubric } from '../../contracts/rubric-schema.js';
import type { AnswerText } from './answer-text.js';
import { makesClaim } from './clauses.js';
import { correctionAdvice, correctionOf, findMisconceptions, misconceptionNote } from './misconceptions.js';
import { inNotation, isOperatorTerm, notationTerms, readCodeAsWords, readsAsSymbolDump, referenceSymbols, spellsAcronym } from './code-words.js';
import { matchPoints, type PointMatch } from './coverage.js';
import { answerItems, namesDenied, namesOnly, readAnswerItem, type ReferenceItem } from './enumeration.js';
import { ADVICE_DEPTH_EVIDENCE, GENERIC_INTRO_PATTERNS, NOT_ADVICE_PATTERNS, type CueName } from './cues.js';
import { isTruncated, measure, type Contradiction, type Features, type ReversedOrder } from './features.js';
import { readAnswerFormulas, referenceFormulas, type AnswerFormulas, type FormulaDifference } from './formulas.js';
import { readListItems, type ListItems } from './list-items.js';
import { analyzeText, type SentenceInfo, type TokenInfo } from './nlp.js';
import { withoutRepeats } from './repeated-lines.js';
import { relevanceOf, type ReferenceProfile, type ReferenceSentence } from './reference-profile.js';
import { spellAsReference } from './spelling.js';
import {
  clampScore,
  MISCONCEPTION_CORRECTNESS,
  MISCONCEPTION_FLAW,
  MISCONCEPTION_OVERALL,
  prioritise,
  scoreMap,
  toDimensions,
  type Advice,
  type DimensionDraft,
  type RubricFeedback,
} from './scoring.js';
import { deniesReference } from './denial-agreement.js';
import { predictQuality, regressionFor, type TechnicalModel } from './technical-model.js';
import { EMPTY_SENTENCE_ADVICE, emptySentence, type EmptySentence } from './no-reference.js';
import { codeLineOf } from './code-lines.js';
import { findCodeBugs } from './code-bugs.js';
import { creditCodePoints } from './code-coverage.js';
import { comparedLabels, isTermList, namesInstance, tokenStarts, proseWords, shorten, splitRunOnList, statesRelation, termCounts, verbCount, wordKeys, wordTokens } from './terms.js';
import { readYesNo } from './yes-no.js';
import { FIELD_COMMON_IDF, isCorpusTerm, termWeight } from './term-weights.js';

/** Share of a point's weighted salient terms an answer must use for the point to count as covered. */
const COVERED_SHARE = 0.5;
/** Answers to related questions only overlap in part with what this question needs. */
const COVERED_SHARE_RELATED = 0.34;
const RELATED_COVERAGE_BOOST = 1.4;
/**
 * Material from related questions is weak evidence: an answer can be right without sharing their words,
 * so the fitted estimate is pulled towards the middle of the scale instead of trusted at its extremes.
 */
const RELATED_QUALITY_FLOOR = 0.3;
const RELATED_QUALITY_SPAN = 0.5;
/** An answer with this many lines of code statements is given as code (see `gradeTechnical`'s off-topic line). */
const CODE_ANSWER_LINES = 2;
/** A name in code this long or longer that opens a question term abbreviates it ("boot"); shorter ones are stubs. */
const ABBREVIATION = 4;
/**
 * Code naming this many quantities by code's own short names ("err", "grad", "lam", "idx", `np.exp`), none the
 * reference's, computes something of its own; a perceptron's update (`pred`, `lr`) names two.
 */
const OWN_QUANTITIES = 3;
/** "Almost nothing": IDF-weighted recall and cosine with the reference under this. */
const OFF_TOPIC_OVERLAP = 0.1;
/** Share of a technical answer's distinct terms expected in the reference material (as in the relevance score). */
const TYPICAL_SHARE = 0.5;
/** How many of those shared words the card names. */
const FIELD_WORDS_SHOWN = 3;
/**
 * An answer naming this share of the question's topic terms, weighed by how informative each is, is about the
 * question: "high-degree polynomials" names "What problems can high-degree polynomials cause?", whose "problems"
 * and "cause" are said of any subject, and "learning" alone does not name "transfer learning".
 */
const ON_SUBJECT = 1 / 2;
/**
 * Highest correctness an answer earns by what it says alone (`claimsScore`): a share of words the reference
 * uses shows the answer is right, not that it is "precise throughout" (5).
 */
const CLAIMS_MAX = 4;
/**
 * Highest correctness by what it says for an answer sharing almost nothing weighted with the reference: the words it
 * shares are the common ones, which show it is on the subject, not that it is right beyond "partly" (2).
 */
const CLAIMS_APART_MAX = 2;
/** Correctness loses a point per contradicting sentence, up to this many. */
const MAX_CONTRADICTION_PENALTY = 2;
/** Why an answer stating a formula other than the model answer's is held at MISCONCEPTION_OVERALL. */
const WRONG_FORMULA_FLAW = "the answer states a formula that differs from the model answer's";
/** Highest correctness, and coverage, of an answer that reverses the sequence the reference states. */
const ORDER_ERROR_CORRECTNESS = 2;
const ORDER_ERROR_COVERAGE = 3;
/** Highest coverage of an answer that gives each of two compared things the other's properties (a role swap). */
const ROLE_SWAP_COVERAGE = 2;
/**
 * A reference this short is a short-answer key ("Abstraction and reusability.", "Private and public."):
 * a list of terms is an answer to it, not keyword stuffing.
 */
const SHORT_ANSWER_KEY_WORDS = 25;
/**
 * A question asking for a set of things (enumeration.ts) is answered by a list naming the reference's own items: at
 * least MIN_NAMED_ITEMS of the list's items name one, they make at least ANSWER_ITEMS_SHARE of the list, an item naming
 * none counted at UNKNOWN_ITEM_WEIGHT (a list mostly of other things, "bagging, neural networks, PCA, gradient clipping" to the ensemble types, is not an answer), and
 * they name at least REFERENCE_ITEMS_SHARE of the reference's items (two of a reference's eight data types, named
 * among six, is not the set asked for; one of the two DBSCAN parameters is not both).
 */
const MIN_NAMED_ITEMS = 2;
const ANSWER_ITEMS_SHARE = 2 / 3;
/**
 * What an item naming none of the reference's counts for, against one that says something wrong of one (negated, with
 * a quality it lacks, glued to another's words): a strong candidate often names one more real item ("Decision trees,
 * linear models, SVMs, neural networks, and k-nearest neighbours"), which the reference not naming does not make wrong.
 * At 3/4, half a list unknown ("bagging, boosting, PCA, dropout") is still not the set asked for; at 1/2 it was.
 */
const UNKNOWN_ITEM_WEIGHT = 3 / 4;
const REFERENCE_ITEMS_SHARE = 1 / 3;
/** A list whose items are said more than this many times each on average repeats itself rather than naming a set. */
const REPEATED_ITEMS = 2;
/**
 * Highest correctness and coverage of such a list without sentences: the right items, nothing said of them that
 * could be precisely right or that covers what each is for.
 */
const LISTED_ITEMS_MAX = 4;
/** Highest depth of such a list: it names the items without saying why or when. */
const LISTED_ITEMS_DEPTH = 2;
/** Correctness at which an answer none of whose sentences pairs with a key point is read as saying them in other words. */
const SAID_OTHERWISE_CORRECTNESS = 4;
/** A depth sentence must say something: this many content terms besides the question's own and the cue. */
const DEPTH_CONTENT_TERMS = 2;

interface DepthKind {
  readonly kind: string;
  readonly cues: readonly CueName[];
  /** A label that makes a reference block this kind of depth ("**Common pitfall:** leaving dropout on…"). */
  readonly label: RegExp;
  /** What to add, given the reference's own sentence that does it. */
  readonly advice: (reference: string) => string;
}

const DEPTH_KINDS: readonly DepthKind[] = [
  {
    kind: 'a trade-off',
    cues: ['tradeoff'],
    label: /\b(?:trade-?\s?offs?|drawbacks?|downsides?|limitations?)\b/i,
    advice: (reference) => `Add the trade-off the model answer makes, e.g. "${reference}".`,
  },
  { kind: 'when to use it', cues: ['whenToUse'], label: /\bwhen\s+to\s+use\b/i, advice: (reference) => `Say when it applies, as the model answer does: "${reference}".` },
  { kind: 'an example', cues: ['example'], label: /\bexamples?\b/i, advice: (reference) => `Give a concrete example, like the model answer's "${reference}".` },
  {
    kind: 'a pitfall',
    cues: ['pitfall'],
    label: /\b(?:pitfalls?|mistakes?|gotchas?|caveats?)\b/i,
    advice: (reference) => `Name the pitfall the model answer warns about: "${reference}".`,
  },
];

/** "Common pitfall: leaving dropout on at evaluation": a short opening label and what it labels. */
const OPENING_LABEL = /^([^:]{1,40}):\s+(\S.*)$/;

interface Shape {
  readonly words: number;
  readonly withVerbShare: number;
  readonly averageLength: number;
  /** A bag of terms rather than explanation: the whole answer, or most of it, is term lists. */
  readonly stuffed: boolean;
  /** Share of the sentences that are items of a structured list (list-items.ts). */
  readonly itemShare: number;
  /** Share of the sentences that are lines of code (code-lines.ts). */
  readonly codeShare: number;
}

/** Content terms of a sentence that explains something, rather than an aside ("That is all of it."). */
const EXPLAINING_TERMS = 3;
/** Terms an explaining sentence shares with the answer's lists: it explains what they name. */
const EXPLAINED_LIST_TERMS = 1;
/**
 * Sentences that explain the answer's own lists, past which an answer is not a bag of terms however long its lists:
 * "Scatter plots display points…; they reveal relationships…; in ML scatter plots visualize X, show Y, display Z or
 * identify W" explains what it lists. Generic sentences padding a keyword dump ("Machine learning uses data to
 * build models.") name none of its terms and do not count.
 */
const MIN_EXPLAINING_SENTENCES = 3;

/**
 * How the answer reads: `lists` tells the sentences that name terms (term lists and a keyword dump's bare
 * items), `stated` the items of a structured list, which state something however short (list-items.ts).
 */
function shapeOf(sentences: readonly SentenceInfo[], listsExplain: boolean, lists: (sentence: SentenceInfo) => boolean, stated: ReadonlySet<SentenceInfo>): Shape {
  let words = 0;
  let functionWords = 0;
  // Lists are weighed in the words outside formulas: a formula's letters are neither list nor sentence.
  let proseTotal = 0;
  let listWords = 0;
  let withVerb = 0;
  let stating = 0;
  let codeLines = 0;
  const listTerms = new Set<string>();
  const prose: SentenceInfo[] = [];
  for (const sentence of sentences) {
    // A line of code states something without a verb or a function word: its words are neither list nor prose,
    // its comment's are prose.
    const code = codeLineOf(sentence);
    if (code?.kind === 'statement') {
      codeLines += 1;
      withVerb += 1;
      stating += 1;
      const comment = code.commentAt === undefined ? [] : commentWords(sentence, code.commentAt);
      words += comment.length;
      functionWords += comment.filter((token) => token.stop).length;
      proseTotal += comment.length;
      continue;
    }
    const tokens = wordTokens(sentence);
    words += tokens.length;
    functionWords += tokens.filter((token) => token.stop).length;
    const proseCount = proseWords(sentence).length;
    proseTotal += proseCount;
    if (lists(sentence)) {
      listWords += proseCount;
      for (const token of sentence.tokens) if (token.term !== '') listTerms.add(token.term);
    } else {
      prose.push(sentence);
    }
    // An equation states something without a verb ("Backward: dz2 = (probs - Y) / n, dW2 = a1.T @ dz2.").
    const verb = verbCount(sentence) > 0 || statesRelation(sentence);
    if (verb) withVerb += 1;
    // An item of a structured list states something without a verb ("Normally distributed residuals").
    if (verb || stated.has(sentence)) stating += 1;
  }
  const explaining = prose.filter((sentence) => {
    if (verbCount(sentence) === 0) return false;
    const terms = new Set(sentence.tokens.map((token) => token.term).filter((term) => term !== ''));
    return terms.size >= EXPLAINING_TERMS && [...terms].filter((term) => listTerms.has(term)).length >= EXPLAINED_LIST_TERMS;
  }).length;
  const functionShare = words === 0 ? 0 : functionWords / words;
  const withVerbShare = sentences.length === 0 ? 0 : withVerb / sentences.length;
  const statingShare = sentences.length === 0 ? 0 : stating / sentences.length;
  return {
    words,
    withVerbShare,
    averageLength: sentences.length === codeLines ? 0 : words / (sentences.length - codeLines),
    codeShare: sentences.length === 0 ? 0 : codeLines / sentences.length,
    itemShare: sentences.length === 0 ? 0 : sentences.filter((sentence) => stated.has(sentence)).length / sentences.length,
    // Few function words alone do not make a list: "C++ programs begin execution at main." is terse
    // but a sentence, with a verb.
    stuffed:
      !listsExplain &&
      words >= 4 &&
      explaining < MIN_EXPLAINING_SENTENCES &&
      ((proseTotal > 0 && listWords / proseTotal > 0.5) || (functionShare < 0.2 && statingShare < 0.5)),
  };
}

/** The words of a line's comment, which begins at `commentAt` in its text. */
function commentWords(sentence: SentenceInfo, commentAt: number): readonly TokenInfo[] {
  const starts = tokenStarts(sentence);
  return wordTokens(sentence).filter((token) => (starts[sentence.tokens.indexOf(token)] ?? -1) >= commentAt);
}

/** Highest depth of an answer that is mostly a structured list's items without verbs. */
const LIST_DEPTH = 3;

/** Mostly the items of a structured list, most of them without a verb ("Normally distributed residuals"). */
const listsOnly = (shape: Shape): boolean => shape.itemShare >= 0.5 && shape.withVerbShare < 0.5;

const quote = (text: string): string => `"${shorten(text, 90)}"`;

/** "a", "a and b", "a, b and c". */
function joinQuoted(texts: readonly string[]): string {
  const quoted = texts.map((text) => quote(text));
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1) ?? ''}`;
}

/** A way a process runs, as the advice names it. */
const WAY_NAME: Readonly<Record<NonNullable<ReversedOrder['way']>['said'], string>> = {
  down: 'top-down, from the root to the leaves',
  up: 'bottom-up, from the leaves to the root',
  forward: 'forward, from the input to the output',
  backward: 'backward, from the output to the input',
};

/**
 * Names the steps the answer put out of place, then the reference's sentence it reversed: quoting only the
 * reference (its first ordered sentence, before 2026.11.16) left the candidate to find what differs.
 */
function orderAdvice({ reference, steps, way }: ReversedOrder): string {
  if (way !== undefined) {
    return `Check the direction: you have it run ${WAY_NAME[way.said]} (${quote(way.clause)}), where the model answer has it run ${WAY_NAME[way.expected]} (${quote(way.reference)}).`;
  }
  const wrong =
    steps === undefined
      ? ''
      : [
          steps.before.length > 0 ? `before ${joinQuoted(steps.before)}` : '',
          steps.after.length > 0 ? `after ${joinQuoted(steps.after)}` : '',
        ].filter((part) => part !== '').join(' and ');
  return steps === undefined || wrong === ''
    ? `Check the order of the steps; the model answer says: ${quote(reference)}.`
    : `Check the order of the steps: you put ${quote(steps.moved)} ${wrong}, where the model answer has them the other way round: "${shorten(reference, 240)}".`;
}

/** What the grader found, shared by the dimensions, the advice and the coverage map. */
interface Findings {
  readonly profile: ReferenceProfile;
  readonly shape: Shape;
  readonly features: Features;
  readonly matches: readonly PointMatch[];
  /** Fitted quality estimate, 1..5 (continuous). */
  readonly quality: number;
  /** The question has its own reference answer, not related material (a question with none is graded by no-reference-grader.ts). */
  readonly ownReference: boolean;
  readonly offTopic: boolean;
  /** No key point covered and almost no weighted overlap with the reference: what it shares are the common words. */
  readonly apart: boolean;
  /**
   * An answer that names the question's subject and shares almost nothing else with the model answer: it may be
   * right in words the reference does not use, or wrong, so it is graded as it reads and the card asks to check it
   * against the model answer's first point rather than calling it about something else.
   */
  readonly namesSubject: boolean;
  /**
   * For an off-topic answer whose terms the reference material uses are all common to the whole field: how it writes
   * the first few ("decision", "trained"), which the correctness rationale names; else empty.
   */
  readonly fieldWordsOnly: readonly string[];
  /** Sentences of the answer that negate a key point or say the opposite of the reference sentence they match. */
  readonly contradictions: readonly Contradiction[];
  /** The reference's sentence stating a sequence the answer reverses, and the answer's steps out of place, if any. */
  readonly reversedOrder: ReversedOrder | undefined;
  readonly truncated: boolean;
  readonly lastSentence: SentenceInfo | undefined;
  /** The reference is a short-answer key: a phrase or a list answers it (SHORT_ANSWER_KEY_WORDS). */
  readonly shortReference: boolean;
  /** The answer names the set the question asks for in a list, and its sentences make none of the points (`namedItems`): capped at what a list shows. */
  readonly enumerated: boolean;
  /**
   * Share of the list's items that name one of the reference's, when the list names the set asked for: what it says
   * is right in that share, whatever words it names them in ("int, str, dict" for "integers, strings, dictionaries").
   */
  readonly namedShare: number | undefined;
  /** Share of the answer's own words, notation and the question's words left out, that the reference material uses. */
  readonly wordPrecision: number;
}

/** A point the answer makes, in full or in part, without saying the opposite of it. */
const credited = (match: PointMatch): boolean => match.status === 'covered' || match.status === 'partial';

/**
 * Points whose answer sentence says the opposite of them: the sentence that negates the point, or a contradiction
 * found against the reference sentence the point comes from, or any point of a sentence that swaps the two things
 * a comparison contrasts. Shown as contradicted and credited nothing.
 */
/**
 * A point the words of a misconception are about: a sentence that describes the layers correctly and ends ", and in
 * forward propagation the weights are updated" contradicts the point about updates, not the ones about the layers.
 */
function aboutClaim(point: PointMatch['point'], found: Contradiction, profile: ReferenceProfile): boolean {
  if (found.misconception === undefined) return false;
  // All the words of the point's sentences, not only the salient terms its matching weighs.
  const said = new Set([
    ...point.wordings.flatMap((wording) => [...wording.terms.keys()]),
    ...profile.sentences.filter((reference) => pointOfQuote(point.label, reference.text)).flatMap((reference) => reference.terms),
  ]);
  // The question's own terms are in every point and every claim; two of the claim's other terms, or all if fewer, mark it.
  const claim = [...(found.claimTerms ?? [])].filter((term) => !profile.questionTerms.has(term));
  return claim.filter((term) => said.has(term)).length >= Math.min(2, claim.length);
}

/** The reference statements a contradiction opposes: its own, and for a misconception what else its sentence opposes. */
const opposedBy = (found: Contradiction): string[] => [found.reference, ...(found.opposes ?? [])];

function markContradicted(matches: readonly PointMatch[], contradictions: readonly Contradiction[], profile: ReferenceProfile): PointMatch[] {
  // A contradiction is of a point when the reference sentence it opposes is the point's, or any statement of the
  // point's block (a wording all of whose terms that sentence says): "You write df.loc bracket row_label…" is a
  // statement of the point labelled "You write df.iloc bracket row_position…", and the card ticked that point
  // covered with the very sentence it asked the candidate to check.
  const sentenceTerms = new Map(profile.sentences.map((reference) => [reference.text, new Set(reference.terms)]));
  const ofPoint = (point: PointMatch['point'], reference: string): boolean => {
    if (pointOfQuote(point.label, reference)) return true;
    const said = sentenceTerms.get(reference);
    return said !== undefined && point.wordings.some((wording) => wording.terms.size >= 2 && [...wording.terms.keys()].every((term) => said.has(term)));
  };
  return matches.map((match) => {
    const { sentence } = match;
    if (!credited(match) || sentence === null) return match;
    // A point the answer denies in one sentence, or whose denial it affirms, is not made by another that shares its
    // words ("It is not connected to loss functions like MSE" against "Connection to loss functions…"): the
    // contradicting sentence is quoted.
    const denial = contradictions.find(
      (found) =>
        !found.roleSwap && (found.swapped === null || found.affirmsDenial === true) && found.sentence !== sentence && opposedBy(found).some((reference) => ofPoint(match.point, reference)),
    );
    if (denial) return { ...match, status: 'contradicted' as const, covered: false, sentence: denial.sentence };
    // Every sentence a role swap gives one side the other's property in contradicts the point it is quoted for: the
    // card ticked loc/iloc points covered with the swapped sentences its advice told the candidate to check.
    const opposed =
      match.contradicted ||
      contradictions.some(
        (found) =>
          (found.sentence === sentence && (found.roleSwap === true || aboutClaim(match.point, found, profile) || opposedBy(found).some((reference) => ofPoint(match.point, reference)))) ||
          (found.roleSwap && found.involved?.includes(sentence)),
      );
    return opposed ? { ...match, status: 'contradicted' as const, covered: false } : match;
  });
}

function pointCredit(matches: readonly PointMatch[]): { covered: number; partial: number } {
  return {
    covered: matches.filter((match) => match.status === 'covered').length,
    partial: matches.filter((match) => match.status === 'partial').length,
  };
}

function coverageDraft(findings: Findings): DimensionDraft {
  const { matches, shape, ownReference, profile } = findings;
  const evidence = [...new Set(matches.flatMap((match) => (credited(match) && match.sentence ? [match.sentence.text] : [])))].slice(0, 3);
  const { covered, partial } = pointCredit(matches);
  const opposed = matches.filter((match) => match.status === 'contradicted').length;
  const pointShare = matches.length === 0 ? 0 : (covered + 0.5 * partial) / matches.length;
  // A one-point reference ("At the main function.") is covered word by word, not all or nothing; with
  // several points, points and words count half each. recall is √ of the word share (features.ts).
  const wordShare = findings.features.recall;
  const rawShare = matches.length >= 2 ? (pointShare + wordShare) / 2 : wordShare;
  const share = profile.fromRelated ? Math.min(1, rawShare * RELATED_COVERAGE_BOOST) : rawShare;
  let score = 1 + 4 * share;
  if (shape.stuffed) score = Math.min(score, 2);
  if (findings.enumerated) score = Math.min(score, LISTED_ITEMS_MAX);
  if (findings.reversedOrder !== undefined) score = Math.min(score, ORDER_ERROR_COVERAGE);
  // A comparison with its two sides swapped says its points of the wrong thing.
  const swapped = findings.contradictions.some((found) => found.roleSwap);
  if (swapped) score = Math.min(score, ROLE_SWAP_COVERAGE);
  if (findings.offTopic) score = 1;
  if (!ownReference) {
    return {
      score,
      rationale:
        'This question has no model answer of its own: the answer was compared with answers to related questions, ' +
        'which count only as weak evidence, so no key points are listed as missed.',
      evidence,
    };
  }
  const rationale = shape.stuffed
    ? 'Key terms are listed but not explained, so they earn little coverage.'
    : findings.offTopic
      ? 'The answer is about something else and covers none of the key points.'
      : `Covers ${covered} of ${matches.length} key points of the reference answer${partial > 0 ? ` and ${partial} more in part` : ''}` +
        `${opposed > 0 ? `, says the opposite of ${opposed}` : ''}, ` +
        `using ${Math.round(wordShare * wordShare * 100)}% of its content words` +
        `${findings.reversedOrder === undefined ? '' : ', but states their sequence in another order'}.` +
        (findings.enumerated ? ' It lists the items the question asks for without saying what each is for.' : '');
  if (swapped && !shape.stuffed && !findings.offTopic) {
    return { score, rationale: `${rationale} It says them of the wrong one of the two things compared, so they count for little.`, evidence };
  }
  return { score, rationale, evidence };
}

/**
 * What the answer says, judged on its own words: 1 + 4 × the share of its words (the question's and its
 * notation left out: formulas, clitics, one-letter names the reference material does not write) that the
 * reference material uses, at most CLAIMS_MAX, when it makes at least part of a key point; else undefined.
 */
function claimsScore(findings: Findings): number | undefined {
  if (!findings.matches.some((match) => credited(match) && !match.bySubject)) return undefined;
  // An answer sharing almost nothing weighted with the reference ("Overfitting is an important concept…" among a list
  // of terms) shares its common words, "model" and "data".
  return Math.min(findings.apart ? CLAIMS_APART_MAX : CLAIMS_MAX, 1 + 4 * findings.wordPrecision);
}

/** What a role swap exchanged: the two things, and the property the answer gives the first that `source` gives the second. */
function swapNote(swapped: readonly [string, string], property: string | undefined, source: string): string {
  const [first, second] = swapped;
  const example = property === undefined ? '' : ` (it gives "${first}" "${property}", which ${source} says of "${second}")`;
  return `swaps "${first}" and "${second}": it says of each what ${source} says of the other${example}`;
}

function correctnessDraft(findings: Findings): DimensionDraft {
  const { shape, offTopic, contradictions, ownReference } = findings;
  const orderError = findings.reversedOrder !== undefined;
  if (offTopic && findings.fieldWordsOnly.length > 0) {
    const words = findings.fieldWordsOnly.map((word) => `"${word}"`).join(', ');
    return {
      score: 1,
      rationale: `Estimated offline: the answer does not address the question. It does not name the question's subject, and the words it shares with the model answer (${words}) are used across the whole field, so nothing in it can be credited as correct.`,
    };
  }
  if (offTopic) return { score: 1, rationale: 'Estimated offline: the answer does not address the question, so nothing in it can be credited as correct.' };
  // Correctness is whether what the answer says is right, not how much of the reference it says (coverage
  // counts that): an answer that makes a key point is judged at least on the share of its own words that the
  // reference material uses, so a compact correct answer is not marked down for what it leaves out.
  const claims = claimsScore(findings);
  const named = findings.namedShare === undefined ? 1 : 1 + (LISTED_ITEMS_MAX - 1) * findings.namedShare;
  let score = Math.max(findings.quality, claims ?? 1, named) - Math.min(MAX_CONTRADICTION_PENALTY, contradictions.length);
  // The right steps in the wrong order is a wrong answer to "in what order…", whatever the overlap; so is
  // the right comparison with its two sides swapped.
  if (orderError) score = Math.min(score - 1, ORDER_ERROR_CORRECTNESS);
  if (contradictions.some((found) => found.roleSwap)) score = Math.min(score, ORDER_ERROR_CORRECTNESS);
  // A wrong formula is a wrong statement of fact, as a known misconception is.
  if (contradictions.some((found) => found.misconception || found.formula)) score = Math.min(score, MISCONCEPTION_CORRECTNESS);
  if (shape.stuffed) score = Math.min(score, 2);
  if (findings.enumerated) score = Math.min(score, LISTED_ITEMS_MAX);
  const notes: string[] = [];
  const [contradiction] = contradictions;
  if (contradiction) {
    const { sentence, swapped, misconception } = contradiction;
    notes.push(
      misconception
        ? misconceptionNote(sentence, misconception)
        : contradiction.formula
        ? formulaNote(contradiction.formula)
        : contradiction.roleSwap && swapped
        ? `${quote(sentence.text)} ${swapNote(swapped, contradiction.property, 'the reference')}`
        : swapped
          ? `${quote(sentence.text)} says "${swapped[0]}" where the reference says "${swapped[1]}"`
          : `${quote(sentence.text)} appears to negate a point the reference affirms`,
    );
  }
  if (orderError) notes.push('it states the steps of a sequence in a different order from the reference');
  const basis = ownReference ? 'the reference answer' : 'answers to related questions (weak evidence)';
  const misconceived = contradictions.some((found) => found.misconception);
  const rationale = shape.stuffed
    ? 'Estimated offline: the right words are present but not used in statements that could be right or wrong.'
    : claims !== undefined && claims > findings.quality
      ? `Estimated offline from what the answer says: ${Math.round(findings.wordPrecision * 100)}% of its own words are ` +
        `used by ${basis}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}. What it leaves out counts under coverage. ${misconceived ? 'Beyond the known misconceptions, not a fact check.' : 'Not a fact check.'}`
      : `Estimated offline by a model fitted to human grades: how closely the answer's terms, sentences and key points match ${basis}` +
        `${notes.length > 0 ? `; ${notes.join('; ')}` : ''}. ${misconceived ? 'Beyond the known misconceptions, not a fact check.' : 'Not a fact check.'}`;
  return { score, rationale };
}

/** What depth detection reads of a sentence, of the answer or of the reference. */
type DepthSentence = Pick<ReferenceSentence, 'text' | 'terms' | 'cues' | 'quantified'>;

function depthSentence(sentence: SentenceInfo): DepthSentence {
  return {
    text: sentence.text,
    terms: sentence.tokens.map((token) => token.term).filter((term) => term !== ''),
    cues: new Set(sentence.cues.keys()),
    quantified: namesInstance(sentence),
  };
}

/**
 * Kinds of depth and the first sentence showing each. A cue word alone is not depth: the sentence must
 * say something with it, two content terms the question does not give ("Transfer learning is when you
 * transfer stuff" has none).
 */
function depthKindsIn(sentences: readonly DepthSentence[], profile: ReferenceProfile): Map<DepthKind, string> {
  const found = new Map<DepthKind, string>();
  for (const sentence of sentences) {
    // A block labelled with a kind is that kind only: "Common pitfall: … each prediction depends on the
    // batch" is no advice on when to use it, whatever "depends on" says elsewhere.
    const label = OPENING_LABEL.exec(sentence.text)?.[1];
    const labelled = label === undefined ? undefined : DEPTH_KINDS.find((kind) => kind.label.test(label));
    // A cue the question itself uses ("Explain the bias-variance tradeoff") is the topic, not depth.
    const shown = DEPTH_KINDS.filter(
      (kind) =>
        !found.has(kind) &&
        (labelled === undefined || kind === labelled) &&
        ((kind === labelled && !kind.cues.some((cue) => profile.questionCues.has(cue))) ||
          kind.cues.some((cue) => sentence.cues.has(cue) && !profile.questionCues.has(cue)) ||
          (kind.kind === 'an example' && sentence.quantified)),
    );
    // The costlier tests only for a sentence that would show a kind of depth not yet found.
    if (shown.length === 0) continue;
    if (new Set(sentence.terms.filter((term) => !profile.questionTerms.has(term))).size < DEPTH_CONTENT_TERMS) continue;
    if (GENERIC_INTRO_PATTERNS.some((pattern) => pattern.test(sentence.text))) continue;
    for (const kind of shown) found.set(kind, sentence.text);
  }
  return found;
}

interface DepthResult {
  readonly draft: DimensionDraft;
  /** Depth the reference has and the answer lacks, with the reference's sentence that has it. */
  readonly missing: readonly { kind: DepthKind; reference: ReferenceDepth }[];
  /** Kinds of depth the answer shows ("an example", "a trade-off"), each with the answer's sentence that shows it. */
  readonly present: readonly { kind: string; text: string }[];
}

function depthDraft(
  findings: Findings,
  explanatory: readonly SentenceInfo[],
  referenceDepth: ReadonlyMap<DepthKind, ReferenceDepth>,
  coverage: number,
): DepthResult {
  const { shape, offTopic, profile, quality, truncated } = findings;
  const present = depthKindsIn(explanatory.map(depthSentence), profile);
  const evidence = [...new Set(present.values())].slice(0, 3);
  const missing = [...referenceDepth].filter(([kind]) => !present.has(kind)).map(([kind, reference]) => ({ kind, reference }));
  if (offTopic || shape.stuffed || explanatory.length === 0) {
    return { draft: { score: 1, rationale: 'No explanation of the topic beyond naming it.', evidence: [] }, missing, present: [] };
  }
  const names = [...present.keys()].map(({ kind }) => kind);
  const beyond = names.length > 0 ? ` It adds ${names.join(', ')}.` : '';
  let score: number;
  let rationale: string;
  // A question that asks for no kind of depth is answered in full by a complete explanation: a compact
  // correct answer is not marked down for trade-offs nobody asked for, even when the model answer offers
  // some. It must explain something, though: a sentence with two terms of the reference material that the
  // question does not give ("is when you transfer stuff…" has only one).
  const asksDepth = asksForDepth(profile);
  const explains = explanatory.some(
    (sentence) =>
      new Set(sentence.tokens.map((token) => token.term).filter((term) => profile.vocabulary.has(term) && !profile.questionTerms.has(term))).size >=
      DEPTH_CONTENT_TERMS,
  );
  if (referenceDepth.size === 0 || findings.shortReference) {
    score = Math.min(5, (quality + coverage) / 2 + (names.length > 0 ? 0.5 : 0));
    rationale = `The model answer is a short definition without trade-offs or examples, so depth follows how fully the answer explains what it says (coverage and match).${beyond}`;
  } else if (!asksDepth) {
    score = explains ? Math.min(5, (quality + coverage) / 2 + (names.length > 0 ? 0.5 : 0)) : 2;
    rationale = explains
      ? `The question does not ask for trade-offs, examples or pitfalls, so none is required: depth follows how fully the answer explains it (coverage and match).${beyond}`
      : `A definition that names the topic without explaining it.${beyond}`;
  } else {
    // Depth as the reference has it: its trade-offs, examples, when-to-use and pitfalls, with content.
    score = Math.min(quality + 1, 2 + present.size);
    const wanted = [...referenceDepth.keys()].map(({ kind }) => kind);
    rationale =
      names.length === 0
        ? `A definition only; the model answer also gives ${wanted.join(' and ')}.`
        : `Goes beyond a definition with ${names.join(', ')} (the model answer has ${wanted.join(', ')}).`;
  }
  // Items without verbs name what is so, not why or how: a list earns less depth than prose explaining it,
  // unless the model answer is itself a short list or phrase (a short-answer key).
  if (listsOnly(shape) && !findings.shortReference && score > LIST_DEPTH) {
    score = LIST_DEPTH;
    rationale = `${rationale} Its list items name what is so without saying why or how.`;
  }
  if (findings.enumerated && score > LISTED_ITEMS_DEPTH) {
    score = LISTED_ITEMS_DEPTH;
    rationale = 'Names the items the question asks for, without saying what each is for or when to choose it.';
  }
  if (truncated) {
    score = Math.min(score, 2);
    rationale = `The answer stops mid-sentence, so its last thought is unfinished. ${rationale}`;
  }
  return { draft: { score, rationale, evidence }, missing, present: [...present].map(([{ kind }, text]) => ({ kind, text })) };
}

function clarityDraft(sentences: readonly SentenceInfo[], findings: Findings): DimensionDraft {
  const { shape, profile, offTopic, truncated, lastSentence } = findings;
  if (shape.stuffed) return { score: 1, rationale: 'A list of keywords rather than sentences that explain them.' };
  const first = sentences[0];
  const leadTerms = new Set([...profile.questionTerms, ...(profile.keyPoints[0]?.terms.keys() ?? [])]);
  const leads = first !== undefined && first.tokens.some((token) => leadTerms.has(token.term));
  // Structure is three sentences or more; a shorter answer earns the top level by making a key point in
  // fewer words than the model answer (the level reads "structured and concise").
  const concise = shape.words < profile.words && findings.matches.some((match) => match.status === 'covered');
  let score: number;
  let rationale: string;
  if (truncated && lastSentence) {
    score = 2;
    rationale = `The answer breaks off mid-sentence at ${quote(lastSentence.text)}.`;
  } else if (findings.enumerated) {
    score = 4;
    rationale = 'A list of the items the question asks for, readable as it stands.';
  } else if (listsOnly(shape)) {
    // A list is how a chat answer is laid out: read item by item, it is not "mostly fragments", nor the
    // complete sentences the top level asks for.
    score = 4;
    rationale = 'A structured list: each item states something, though not in full sentences.';
  } else if (shape.withVerbShare < 0.5 && findings.shortReference) {
    score = 4;
    rationale = 'A short phrase, as the question asks for.';
  } else if (shape.withVerbShare < 0.5) {
    score = 2;
    rationale = `Mostly fragments: only ${Math.round(shape.withVerbShare * 100)}% of the sentences have a verb.`;
  } else if (shape.averageLength > 40) {
    score = 3;
    rationale = `Understandable, but sentences average ${Math.round(shape.averageLength)} words, which is hard to follow when spoken.`;
  } else if (shape.withVerbShare >= 0.9 && shape.averageLength >= 8 && shape.averageLength <= 28 && leads && (sentences.length >= 3 || concise)) {
    score = 5;
    rationale = concise && sentences.length < 3
      ? 'Concise: complete sentences, shorter than the model answer, opening with the main point.'
      : `Complete sentences of ${Math.round(shape.averageLength)} words on average, opening with the main point.`;
  } else if (shape.codeShare >= 0.5) {
    score = 4;
    rationale = 'Mostly code: complete statements, which show what is done but not why.';
  } else {
    score = 4;
    rationale = sentences.length === 1 ? 'One clear, complete sentence.' : `Clear, complete sentences (${Math.round(shape.averageLength)} words on average).`;
  }
  if (offTopic && score > 2) return { score: 2, rationale: 'Readable sentences, but they do not explain the topic that was asked about.' };
  return { score, rationale };
}

/** Words by which a question asks for depth ("…with an example", "the advantages and drawbacks"). */
const DEPTH_QUESTION_WORDS = 'example examples advantages disadvantages drawbacks pitfalls limitations trade-offs tradeoffs pros cons';
let depthQuestionKeys: ReadonlySet<string> | undefined;

/**
 * The question asks for depth: it names a kind of it ("…and when would you use it?", "Explain with an
 * example", "…the trade-offs"). A question that does not ("What is a validation set?") is answered in
 * full by a complete explanation.
 */
function asksForDepth(profile: ReferenceProfile): boolean {
  depthQuestionKeys ??= wordKeys(analyzeText(DEPTH_QUESTION_WORDS), false);
  const keys = depthQuestionKeys;
  return (
    profile.questionCues.has('temporal') ||
    DEPTH_KINDS.some((kind) => kind.cues.some((cue) => profile.questionCues.has(cue))) ||
    [...profile.questionKeys].some((key) => keys.has(key))
  );
}

interface ReferenceDepth {
  /** The sentence the advice quotes as the model of this kind of depth. */
  readonly text: string;
  /** It sits under a label naming the kind, so it is that kind whatever its words. */
  readonly labelled: boolean;
}

const referenceDepths = new WeakMap<ReferenceProfile, ReadonlyMap<DepthKind, ReferenceDepth>>();

/** The block a reference labels with this kind of depth, without its label; the first such block. */
function labelledDepth(kind: DepthKind, sentences: readonly ReferenceSentence[]): string | undefined {
  for (const sentence of sentences) {
    const label = OPENING_LABEL.exec(sentence.text);
    if (label?.[1] !== undefined && label[2] !== undefined && kind.label.test(label[1])) return label[2];
  }
  return undefined;
}

/**
 * The reference's sentence that shows each kind of depth, as the advice quotes it; once per profile. A
 * block labelled with the kind ("**Example:** a classifier reaches 99%…") is the model of it, rather than
 * an earlier sentence that only uses a cue word ("units cannot correct each other's mistakes").
 */
export function referenceDepthOf(profile: ReferenceProfile): ReadonlyMap<DepthKind, ReferenceDepth> {
  const cached = referenceDepths.get(profile);
  if (cached) return cached;
  const found = new Map<DepthKind, ReferenceDepth>();
  if (!profile.fromRelated) {
    for (const [kind, text] of depthKindsIn(profile.sentences, profile)) {
      const labelled = labelledDepth(kind, profile.sentences);
      found.set(kind, { text: shorten(labelled ?? text, 100), labelled: labelled !== undefined });
    }
  }
  referenceDepths.set(profile, found);
  return found;
}

/**
 * "Both select subsets of DataFrames but use different indexing.": a sentence announcing that two things differ, whose
 * "but" weighs nothing. It is no model of a trade-off to add, nor a point to tell as missed: the sentences after it
 * say how they differ.
 */
const ANNOUNCED_DIFFERENCE = /\bboth\b[^.;:]*\bbut\b[^.;:]*\bdiffer/i;

/** A point label and a depth quote start from the same reference sentence ("Trade-offs: larger batches…" and "larger batches…"). */
function quotesSameSentence(label: string, quoted: string): boolean {
  const opening = quoted.replace(/…$/, '').toLowerCase().slice(0, 30);
  if (opening.length === 0) return false;
  const text = label.toLowerCase();
  const colon = text.indexOf(': ');
  return text.startsWith(opening) || (colon >= 0 && text.slice(colon + 2).startsWith(opening));
}

/** A key point taken from the sentence a depth advice quotes, or from within it ("There are four ways: nonconstant pointer to…"). */
function pointOfQuote(label: string, quoted: string): boolean {
  return quotesSameSentence(label, quoted) || quoted.toLowerCase().includes(label.replace(/…$/, '').toLowerCase().slice(0, 30));
}

/** Points the answer missed that are worth telling it: not a list's announcement (NOT_ADVICE_PATTERNS), nor a difference's. */
function missedPoints(matches: readonly PointMatch[]): PointMatch[] {
  return matches.filter(
    (match) => match.status === 'missed' && !NOT_ADVICE_PATTERNS.some((pattern) => pattern.test(match.point.label)) && !ANNOUNCED_DIFFERENCE.test(match.point.label),
  );
}

/** The first few terms an answer lists without explaining, as it wrote them. */
function listedTerms(sentences: readonly SentenceInfo[], lists: (sentence: SentenceInfo) => boolean): string[] {
  const terms = new Map<string, string>();
  for (const sentence of sentences) {
    if (!lists(sentence)) continue;
    for (const token of sentence.tokens) if (token.term !== '' && !terms.has(token.term)) terms.set(token.term, token.text);
  }
  return [...terms.values()].slice(0, 3);
}

function adviceFor(
  findings: Findings,
  depth: DepthResult,
  scores: ReadonlyMap<string, number>,
  sentences: readonly SentenceInfo[],
  lists: (sentence: SentenceInfo) => boolean,
  clarity: DimensionDraft,
): Advice[] {
  const { offTopic, shape, contradictions, matches, ownReference, truncated, lastSentence, profile } = findings;
  const advice: Advice[] = [];
  const firstPoint = profile.keyPoints[0];
  const mostlyCorrect = (scores.get('correctness') ?? 0) >= 3 && contradictions.length === 0;
  if (offTopic) {
    advice.push({
      key: 'correctness',
      text:
        ownReference && firstPoint
          ? `The answer does not address the question; start from its key point: "${firstPoint.label}".`
          : 'The answer does not address the question; start from the terms the question names and explain them.',
    });
  } else if (findings.namesSubject && firstPoint && !mostlyCorrect) {
    advice.push({
      key: 'correctness',
      text: `The answer names the question's subject but none of the model answer's points; check it against the first one: "${firstPoint.label}".`,
    });
  }
  if (shape.stuffed) {
    const terms = listedTerms(sentences, lists);
    advice.push({
      key: 'clarity',
      text:
        terms.length > 0
          ? `Say what ${terms.map((term) => `"${term}"`).join(', ')} and the other terms you list do here, in full sentences: a list shows recall, not understanding.`
          : 'Explain the ideas in full sentences: a list of keywords shows recall, not understanding.',
    });
  }
  for (const { sentence, reference, swapped, roleSwap, property, misconception, formula } of contradictions) {
    if (misconception) {
      advice.push({ key: 'correctness', text: correctionAdvice(sentence, misconception) });
      continue;
    }
    if (formula) {
      advice.push({ key: 'correctness', text: `${formulaNote(formula, true)}.` });
      continue;
    }
    const opposite = roleSwap && swapped ? ` It ${swapNote(swapped, property, 'the model answer')}.` : swapped ? ` It says "${swapped[0]}" where the model answer says "${swapped[1]}".` : '';
    advice.push({ key: 'correctness', text: `Check ${quote(sentence.text)} against the model answer: ${quote(reference)}.${opposite}` });
  }
  if (findings.reversedOrder !== undefined) {
    advice.push({ key: 'correctness', text: orderAdvice(findings.reversedOrder) });
  }
  if (truncated && lastSentence) {
    advice.push({ key: 'clarity', text: `Finish the thought that breaks off at ${quote(lastSentence.text)}; a complete short answer beats a cut-off long one.` });
  }
  // Depth is asked for with a reference sentence that shows it (ADVICE_DEPTH_EVIDENCE), and not when the
  // answer makes that sentence's claim in its own words, nor when the coverage map shows its point covered:
  // the card would tell the candidate to add what it has just ticked off. It is chosen first: a point whose
  // sentence it quotes is not listed again as missed ("Name the pitfall…" says more than "Cover the missed point…").
  // Depth the question did not ask for is offered only to an answer that is right so far: "to stand out" to a wrong
  // answer was on a quarter of the wrong ones, the same line as on the excellent ones.
  const asked = asksForDepth(profile);
  const depthAdvice =
    offTopic || shape.stuffed || (!asked && !mostlyCorrect)
      ? undefined
      : depth.missing.find(
          ({ kind, reference }) =>
            (reference.labelled || kind.cues.every((cue) => ADVICE_DEPTH_EVIDENCE[cue]?.test(reference.text) ?? true)) &&
            !(kind.cues.includes('tradeoff') && ANNOUNCED_DIFFERENCE.test(reference.text)) &&
            !(mostlyCorrect && makesClaim(reference.text, sentences)) &&
            !matches.some((match) => match.status === 'covered' && pointOfQuote(match.point.label, reference.text)),
        );
  const quotedByDepth = (match: PointMatch): boolean => depthAdvice !== undefined && pointOfQuote(match.point.label, depthAdvice.reference.text);
  if (ownReference && !offTopic) {
    // A point whose claim a mostly correct answer makes is not missed, whatever its elaboration ("Lists are
    // ordered." makes "Lists are ordered, meaning every item has a position…"). A wrong answer can use the claim's
    // words the wrong way round: it keeps the advice. A point made in part gets none: the coverage map shows it,
    // and "Compare <sentence> with the model answer's point" was on three cards in four, excellent answers
    // included, with nothing said about what differed.
    const made = (match: PointMatch): boolean => mostlyCorrect && makesClaim(match.point.label, sentences);
    // No point paired with any sentence, yet the fitted correctness judges the answer right: it says them in words
    // the matcher does not pair ("C++ programs begin execution at main." for "At the main function."), and asking
    // it to cover them would contradict its own score. On UNT this was on a sixth of the answers both graders gave 5/5.
    const saidOtherwise = (scores.get('correctness') ?? 0) >= SAID_OTHERWISE_CORRECTNESS && contradictions.length === 0 && matches.every((match) => match.status === 'missed');
    const missed = saidOtherwise ? [] : missedPoints(matches).filter((match) => !made(match) && !quotedByDepth(match));
    const [firstMissed, secondMissed] = missed;
    if (firstMissed) {
      advice.push({
        key: 'coverage',
        text: `Cover the missed key point${secondMissed ? 's' : ''}: "${firstMissed.point.label}"${secondMissed ? ` and "${secondMissed.point.label}"` : ''}.`,
      });
    }
  }
  if (depthAdvice) {
    const text = depthAdvice.kind.advice(depthAdvice.reference.text);
    // Depth the question did not ask for is a way to stand out, not something the answer lacks: the depth
    // rationale says none is required.
    advice.push({ key: 'depth', text: asked ? text : `To stand out, ${text.charAt(0).toLowerCase()}${text.slice(1)}` });
  }
  // The writing itself, not the cap that keeps clarity one point above correctness: a card that calls the sentences
  // clear and complete never asks for full sentences.
  if (clarity.score <= 2 && !shape.stuffed && !offTopic && !truncated) {
    advice.push({ key: 'clarity', text: 'Turn fragments into full sentences and lead with the main point.' });
  }
  return advice;
}

/** The draft with its score lowered to `cap`, saying why when a reason is given. */
function capped(draft: DimensionDraft, cap: number, reason?: string): DimensionDraft {
  if (draft.score <= cap) return draft;
  return { ...draft, score: cap, rationale: reason === undefined ? draft.rationale : `${draft.rationale} ${reason}` };
}

export interface TechnicalFeedback extends RubricFeedback {
  readonly coverage?: KeyPointCoverage[];
}

export interface TechnicalMeasurement {
  readonly features: Features;
  /** Words of the reference: which regression of the model applies. */
  readonly referenceWords: number;
  /** The reference is the question's own (not related material, not none): the model applies. */
  readonly ownReference: boolean;
}

/**
 * The answer's sentences as the technical grader reads them: a sentence said again counts once (repeated-lines.ts),
 * a term list run on into a sentence is two, and an operator or index in code has the term of its word
 * (code-words.ts).
 */
const readSentences = (answer: AnswerText, profile: ReferenceProfile): readonly SentenceInfo[] =>
  spellAsReference(
    readCodeAsWords(
      withoutRepeats(answer.sentences)
        .filter((sentence) => codeLineOf(sentence)?.kind !== 'fence')
        .flatMap(splitRunOnList),
      profile.terms,
    ),
    profile,
  );

/**
 * Whether a sentence of the answer lists terms: a keyword dump's bare items, or a term list that is neither a
 * structured list's stated item nor a row of labels compared (list-items.ts, terms.ts).
 */
function listTest(sentences: readonly SentenceInfo[], items: ListItems): (sentence: SentenceInfo) => boolean {
  const compared = comparedLabels(sentences);
  return (sentence) => items.bare.has(sentence) || (isTermList(sentence) && !items.stated.has(sentence) && !compared.has(sentence));
}

function analyse(sentences: readonly SentenceInfo[], profile: ReferenceProfile) {
  const shortKey = profile.words > 0 && profile.words <= SHORT_ANSWER_KEY_WORDS;
  // A structured list's items state something however short, and a keyword dump's bare items name terms
  // however few: both are read from the list as a whole (list-items.ts), other sentences on their own.
  const items = readListItems(sentences);
  const lists = listTest(sentences, items);
  // A list of the things a question asks for answers it, as a list answers a short-answer key, alone or beside
  // sentences saying what its items are for; alone, it is capped at what a list shows (`enumerated`).
  // To a question asking for a set, a sentence of two or three short names is a list too ("eps and MinPts.", "eps,
  // min_samples, and the distance metric."), where the term-list test wants more items or no article.
  const names = (sentence: SentenceInfo): boolean => lists(sentence) || namesOnly(sentence);
  const naming = shortKey ? undefined : namedItems(sentences, names, profile);
  const listsExplain = shortKey || naming !== undefined;
  // Term lists count against the answer's shape (stuffing) but never towards what it explains, unless
  // the question asks for a list or a phrase.
  const explanatory = listsExplain ? [...sentences] : sentences.filter((sentence) => !lists(sentence));
  // A denial that says what the reference denies or warns against, or that no claim of the reference is about,
  // contradicts nothing (denial-agreement.ts).
  const measured = creditCodePoints(
    matchPoints(profile.keyPoints, explanatory, profile.fromRelated ? COVERED_SHARE_RELATED : COVERED_SHARE, profile).map((match) =>
      match.contradicted && match.sentence && match.deniedClaim !== true && !deniesReference(match.sentence, { stances: profile.stances }) ? { ...match, contradicted: false } : match,
    ),
    explanatory,
  );
  const measuredFindings = measure(sentences, profile, measured, listsExplain, lists);
  const { features, reversedOrder, wordPrecision, inWords } = measuredFindings;
  const opposed = measuredFindings.contradictions.filter(
    (found) => found.roleSwap === true || found.swapped !== null || deniesReference(found.sentence, { stances: profile.stances, within: found.reference, questionTerms: profile.questionTerms }),
  );
  // A yes/no question answered the other way (or the same way) than the reference: read after the regression's
  // inputs, which it leaves as fitted.
  const answered = readYesNo(sentences, profile, measured);
  const matches = naming ? answered.matches.map((match) => itemsNamed(match, naming)) : answered.matches;
  // A list alone, or beside sentences that make none of the reference's points ("These are important in machine
  // learning."), is all the answer says: capped at what a list shows.
  const enumerated = naming !== undefined && !matches.some((match) => match.status === 'covered' && match.sentence !== null && !names(match.sentence));
  // A role swap (the stronger finding, which caps correctness), a known misconception, the wrong yes or no, a key
  // point the answer negates, then sentences opposing the reference sentence they match; one entry a sentence.
  const contradictions: Contradiction[] = opposed.filter((found) => found.roleSwap);
  const swapSentences = new Set(contradictions.map((found) => found.sentence));
  const misconceptions = [...findMisconceptions(explanatory, profile.misconceptions), ...findCodeBugs(explanatory)];
  for (const { sentence, entry, terms } of misconceptions) {
    if (!swapSentences.has(sentence)) contradictions.push({ sentence, reference: entry.correction, swapped: null, misconception: entry, claimTerms: terms });
  }
  // One entry a sentence; a sentence that states a misconception keeps the misconception (its card names the error) and
  // records what else it opposes, whose points it contradicts too.
  const note = (found: Contradiction): void => {
    const index = contradictions.findIndex((entry) => entry.sentence === found.sentence);
    const existing = contradictions[index];
    if (!existing) contradictions.push(found);
    else if (existing.misconception) contradictions[index] = { ...existing, opposes: [...(existing.opposes ?? []), found.reference] };
  };
  if (answered.contradiction) note(answered.contradiction);
  for (const match of matches) {
    if (match.contradicted && match.sentence) note({ sentence: match.sentence, reference: match.point.label, swapped: null });
  }
  for (const found of opposed) note(found);
  return { explanatory, matches, features, listsExplain, enumerated, namedShare: naming?.share, contradictions, misconceptions, reversedOrder, wordPrecision, inWords, items, lists, wrongYesNo: answered.contradiction !== null };
}

/**
 * A point whose items the list names is covered: "Integers, floats, booleans and strings" names the items of "The
 * basic ones include integers for whole numbers, floats for decimal numbers…", "eps, min_samples" those of "Epsilon
 * defines the radius…" and "Min_samples sets…". Half its items at least, the list being all the answer says of them.
 * Read after the regression's inputs, which it leaves as fitted.
 */
function itemsNamed(match: PointMatch, named: ListNaming): PointMatch {
  if (match.status === 'covered') return match;
  // An item named by the question's own word ("Linearity" of linear regression) has no term of its own to place it:
  // it belongs to the statement that opens with it ("Linearity means…").
  const items = named.reference.filter((item) =>
    item.terms.size > 0
      ? match.point.wordings.some((wording) => [...item.terms].every((term) => wording.said.has(term)))
      : match.point.label.toLowerCase().startsWith(item.text.toLowerCase()),
  );
  const covered = items.filter((item) => named.items.has(item));
  if (covered.length === 0 || covered.length < items.length / 2) return match;
  return { ...match, status: 'covered', covered: true, contradicted: false, bySubject: false, sentence: named.sentence };
}

interface ListNaming {
  /** The reference's items, and those the answer's list names. */
  readonly reference: readonly ReferenceItem[];
  readonly items: ReadonlySet<ReferenceItem>;
  /** Share of the answer's list items that name one of them less the share that names none (-1 to 1). */
  readonly share: number;
  /** The list sentence that names the most. */
  readonly sentence: SentenceInfo;
}

/** The reference items the answer's list names, when the list names the set asked for (MIN_NAMED_ITEMS and the shares). */
function namedItems(sentences: readonly SentenceInfo[], lists: (sentence: SentenceInfo) => boolean, profile: ReferenceProfile): ListNaming | undefined {
  const reference = profile.listItems;
  if (reference.length === 0) return undefined;
  const listed = sentences.filter(lists);
  const named = new Set<ReferenceItem>();
  let naming = 0;
  let wrong = 0;
  let unknown = 0;
  let best: { sentence: SentenceInfo; count: number } | undefined;
  // An item said again is named once: a list repeated to fill the answer says no more than the list.
  const seen = new Set<string>();
  let said = 0;
  for (const sentence of listed) {
    let count = 0;
    for (const item of answerItems([sentence])) {
      said += 1;
      const key = item.tokens.map((token) => token.normal).join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      const { names, wrong: against } = readAnswerItem(item, reference, profile.questionTerms);
      if (names.length === 0 && reference.some((entry) => entry.negated && namesDenied(item, entry))) continue;
      // The question's own thing ("Linearity" of linear regression), where no item is named by it, is neither for nor
      // against the list.
      if (names.length === 0 && item.tokens.every((token) => token.term === '' || token.stop || profile.questionTerms.has(token.term))) continue;
      if (names.length === 0) {
        if (against) wrong += 1;
        else unknown += 1;
        continue;
      }
      naming += 1;
      count += 1;
      for (const entry of names) named.add(entry);
    }
    if (best === undefined || count > best.count) best = { sentence, count };
  }
  // Mostly the same items over and over is a dump, not an answer.
  const repeated = said > REPEATED_ITEMS * (naming + wrong + unknown);
  const weighed = naming + wrong + UNKNOWN_ITEM_WEIGHT * unknown;
  const enough = !repeated && naming >= MIN_NAMED_ITEMS && naming >= ANSWER_ITEMS_SHARE * weighed && named.size >= REFERENCE_ITEMS_SHARE * reference.length;
  // A wrong item costs what a right one earns ("Computational cost, memory use, stable convergence"), an unknown one less.
  return enough && best ? { reference, items: named, share: (naming - wrong - UNKNOWN_ITEM_WEIGHT * unknown) / weighed, sentence: best.sentence } : undefined;
}

/** How an answer reads before anything is compared with a reference: for the reading without one (no-reference-grader.ts). */
export interface AnswerShape {
  readonly sentences: readonly SentenceInfo[];
  /** The sentences that explain: term lists left out. */
  readonly explanatory: readonly SentenceInfo[];
  /** Mostly a list of terms (keyword stuffing). */
  readonly stuffed: boolean;
  readonly withVerbShare: number;
  readonly averageLength: number;
  /** Mostly a structured list's items without verbs. */
  readonly listsOnly: boolean;
  readonly truncated: boolean;
  /** The first few terms the answer lists without explaining, as written. */
  readonly listedTerms: readonly string[];
}

export function answerShape(answer: AnswerText, profile: ReferenceProfile): AnswerShape {
  const sentences = readSentences(answer, profile);
  const items = readListItems(sentences);
  const lists = listTest(sentences, items);
  const shape = shapeOf(sentences, false, lists, items.stated);
  return {
    sentences,
    explanatory: sentences.filter((sentence) => !lists(sentence)),
    stuffed: shape.stuffed,
    withVerbShare: shape.withVerbShare,
    averageLength: shape.averageLength,
    listsOnly: listsOnly(shape),
    truncated: isTruncated(sentences),
    listedTerms: listedTerms(sentences, lists),
  };
}

/** The answer's sentences that make no point of their own (no-reference.ts, `emptySentence`), with why. */
function emptySentences(explanatory: readonly SentenceInfo[], question: string, profile: ReferenceProfile): ReadonlyMap<SentenceInfo, EmptySentence> {
  const empty = new Map<SentenceInfo, EmptySentence>();
  for (const sentence of explanatory) {
    const kind = emptySentence(sentence, question, profile.questionTerms);
    if (kind !== undefined) empty.set(sentence, kind);
  }
  return empty;
}

/**
 * A point "made" by a sentence that makes none is missed: "not too simple and not too complex, but honestly it
 * depends" shares the words of underfitting and overfitting with the model answer and says nothing of either.
 */
function withoutEmpty(matches: PointMatch[], empty: ReadonlyMap<SentenceInfo, EmptySentence>): PointMatch[] {
  if (empty.size === 0) return matches;
  return matches.map((match) =>
    match.sentence !== null && empty.has(match.sentence) && credited(match) ? { ...match, status: 'missed' as const, covered: false, sentence: null, bySubject: false } : match,
  );
}

/**
 * Highest correctness and coverage of an answer made only of sentences that make no point: nothing in it can be right
 * or wrong, whatever words of the model answer it uses (the reading without a reference caps it too).
 */
const HOLLOW_MAX = 1;

function hollowCapped(draft: DimensionDraft, hollow: boolean, note?: string): DimensionDraft {
  return hollow ? capped(draft, HOLLOW_MAX, note) : draft;
}

/** What the correctness rationale says of a hollow answer, quoting its first empty sentence of the commonest kind. */
function emptyNote(explanatory: readonly SentenceInfo[], empty: ReadonlyMap<SentenceInfo, EmptySentence>): string {
  const first = (kind: EmptySentence) => explanatory.find((sentence) => empty.get(sentence) === kind);
  const circular = first('circular');
  if (circular) return `It defines the question's term with its own words (${quote(circular.text)}), so it makes no claim to check.`;
  const deferral = first('defers');
  if (deferral) return `It puts off the answer without committing to a claim (${quote(deferral.text)}), so it makes no claim to check.`;
  return `It warns or rates without saying what or why (${quote((first('hedge') ?? explanatory[0])?.text ?? '')}), so it makes no claim to check.`;
}

/** The advice for a hollow answer, as the reading without a reference gives it: one line per kind of empty sentence. */
function hollowAdvice(explanatory: readonly SentenceInfo[], empty: ReadonlyMap<SentenceInfo, EmptySentence>): Advice[] {
  return (['circular', 'defers', 'hedge'] as const).flatMap((kind) => {
    const sentence = explanatory.find((candidate) => empty.get(candidate) === kind);
    return sentence === undefined ? [] : [{ key: 'correctness', text: EMPTY_SENTENCE_ADVICE[kind](quote(sentence.text)) }];
  });
}

/** Share of the question's topic terms the answer uses, each weighed by how informative it is. */
function subjectCoverage(answerTerms: ReadonlyMap<string, number>, questionTerms: ReadonlySet<string>): number {
  let named = 0;
  let total = 0;
  for (const term of questionTerms) {
    const weight = termWeight(term);
    total += weight;
    if (answerTerms.has(term)) named += weight;
  }
  return total === 0 ? 0 : named / total;
}

/**
 * Whether an answer that does not name the question's subject still talks in the reference's words: at least half the
 * share of its distinct terms an on-topic answer typically has in the reference material, and not only the words
 * common to the whole field. "Random Forest is an ensemble of decision trees trained on bootstrap samples…" has a
 * third of its terms in the kernel trick's model answer ("decision", "train", "sample", "feature", "predict"), which
 * every model answer uses; what it says of its own subject ("forest", "ensemble", "bootstrap") is not there. So the
 * shared words must include an uncommon one, or the answer must name part of the question's subject. An operator's
 * word is arithmetic, no subject's: "MSE = (1/n) Σ (yᵢ − ŷᵢ)²" reads "divide", which the softmax reference writes too.
 * With the subject test this holds whatever the regression's weights, so a refit cannot move such an answer across the
 * off-topic line; only a reference too short to have a vocabulary leaves it to the fitted estimate.
 */
function sharesVocabulary(answerTerms: ReadonlyMap<string, number>, profile: ReferenceProfile, subject: number, fittedHigh: boolean): boolean {
  const { referenceShare } = relevanceOf(answerTerms, profile, TYPICAL_SHARE);
  // A one-line key says too little of its subject to tell an answer about something else from one in other words,
  // and only the estimate can.
  if (referenceShare === null) return fittedHigh;
  if (referenceShare < TYPICAL_SHARE / 2) return false;
  return subject >= ON_SUBJECT / 2 || sharedTerms(answerTerms, profile).some((term) => termWeight(term) >= FIELD_COMMON_IDF && !isOperatorTerm(term));
}

/** The answer's terms the reference material uses, in the answer's order. */
function sharedTerms(answerTerms: ReadonlyMap<string, number>, profile: ReferenceProfile): string[] {
  return [...answerTerms.keys()].filter((term) => profile.vocabulary.has(term));
}

/** How the answer first writes its first few shared terms ("trained" for "train") when every one is common to the field. */
function fieldWordsOf(shared: readonly string[], sentences: readonly SentenceInfo[]): string[] {
  if (!shared.every((term) => termWeight(term) < FIELD_COMMON_IDF)) return [];
  const tokens = sentences.flatMap((sentence) => sentence.tokens);
  return shared.slice(0, FIELD_WORDS_SHOWN).flatMap((term) => {
    const token = tokens.find((candidate) => candidate.term === term);
    return token === undefined ? [] : [token.text.toLowerCase()];
  });
}

/** The fitted model's inputs for an answer, for fitting the weights (src/eval/fit.ts). */
export function measureTechnical(answer: AnswerText, profile: ReferenceProfile): TechnicalMeasurement {
  const { features } = analyse(readSentences(answer, profile), profile);
  return { features, referenceWords: profile.words, ownReference: !profile.fromRelated && profile.terms.size > 0 };
}

/**
 * A wrong formula is a contradiction of the reference's formula for its name, one per sentence: it takes the place of
 * a vaguer reading of the same sentence (a negated point), not of a misconception or a role swap, which name their error.
 * A role swap every sentence of which gives both swapped things the reference's own formulas ("precision = tp/(tp+fp)
 * is how many flagged cases are real; recall = tp/(tp+fn) is…") is a misreading of their words: it is dropped.
 */
function withFormulas(contradictions: readonly Contradiction[], formulas: AnswerFormulas | undefined): Contradiction[] {
  if (formulas === undefined) return [...contradictions];
  const formulated = (found: Contradiction): boolean =>
    found.roleSwap === true &&
    found.swapped !== null &&
    [found.sentence, ...(found.involved ?? [])].every((sentence) => found.swapped?.every((name) => formulas.agreeing.get(sentence)?.has(name.toLowerCase())) === true);
  const merged = contradictions.filter((found) => !formulated(found));
  for (const formula of formulas.differences) {
    const found: Contradiction = { sentence: formula.sentence, reference: formula.reference, swapped: null, formula };
    const index = merged.findIndex((entry) => entry.sentence === formula.sentence);
    const existing = merged[index];
    if (existing === undefined) merged.push(found);
    else if (existing.misconception === undefined && existing.roleSwap !== true) merged[index] = found;
  }
  return merged;
}

/** What the card says of a formula that differs from the model answer's, to the candidate ("Your formula…") or of the answer. */
const formulaNote = (formula: FormulaDifference, candidate = false): string =>
  formula.value
    ? `${candidate ? 'Your value' : 'the value it gives'} for ${formula.name}, ${formula.answer}, is not what the model answer's ${formula.reference} gives with ${formula.value.givens} (${formula.value.result})`
    : `${candidate ? 'Your formula' : 'the formula it gives'} for ${formula.name}, ${formula.answer}, differs from the model answer's ${formula.reference}`;

export function gradeTechnical(
  rubric: Rubric,
  answer: AnswerText,
  profile: ReferenceProfile,
  extraAdvice: readonly Advice[],
  model: TechnicalModel,
  question: string,
  referenceAnswers: readonly string[],
): TechnicalFeedback {
  const sentences = readSentences(answer, profile);
  const analysed = analyse(sentences, profile);
  const { explanatory, matches, features, listsExplain, enumerated, namedShare, misconceptions, reversedOrder, wordPrecision, inWords, items, lists, wrongYesNo } = analysed;
  const formulas = profile.fromRelated ? undefined : readAnswerFormulas(sentences, referenceFormulas(profile, question, referenceAnswers));
  const contradictions = withFormulas(analysed.contradictions, formulas);
  const empty = emptySentences(explanatory, question, profile);
  const hollow = explanatory.length > 0 && explanatory.every((sentence) => empty.has(sentence));
  const shape = shapeOf(sentences, listsExplain, lists, items.stated);
  const ownReference = !profile.fromRelated;
  const fitted = predictQuality(model, features, profile.words);
  const estimate = ownReference ? fitted : RELATED_QUALITY_FLOOR + RELATED_QUALITY_SPAN * fitted;
  const anyCovered = matches.some((match) => match.status === 'covered');
  // Off-topic: none of the reference's key points or informative terms, and nothing else says the answer is about the
  // question. Overlap alone misfired on UNT (a fifth of the answers, mean human score 3.85): answers in their own
  // words share little vocabulary with a one-line reference. It misfired on correct answers to long references too,
  // whose weighted overlap leaves out the question's own terms and is a share of many terms.
  // What a formula's symbols stand for counts towards the overlap only when most of them are the reference's words: a
  // dump of symbols, or another concept's formula, is read by what it says in words (code-words.ts).
  const overlapApart = (overlap: { readonly weightedRecall: number; readonly cosine: number }): boolean =>
    overlap.weightedRecall < OFF_TOPIC_OVERLAP && overlap.cosine < OFF_TOPIC_OVERLAP;
  let dumpRead: boolean | undefined;
  const dump = (): boolean => (dumpRead ??= readsAsSymbolDump(sentences, profile.terms, profile.questionTerms));
  const apart =
    !shape.stuffed &&
    explanatory.length > 0 &&
    !anyCovered &&
    // An equation equal to the reference's own for its name ("F1 = 2·P·R/(R + P)" for "F1 = 2 * precision * recall /
    // (precision + recall)") writes the reference in other letters, however few of its words it shares.
    (formulas?.agreeing.size ?? 0) === 0 &&
    (overlapApart(features) || (overlapApart(inWords) && dump())) &&
    // "Yes" to a yes/no question the reference answers "No" answers the question, wrongly: the contradiction says so.
    !wrongYesNo;
  // Read only of an answer apart from the reference (few are): every sentence's words, since a term list naming
  // "shadow mode, canary" is on the subject of deployment strategies. A dump's formulas say nothing in words ("log" and
  // "L" in "L = −Σ y log p" are notation): only its prose is read.
  const answerTerms = apart ? termCounts(dump() ? sentences.filter((sentence) => !inNotation(sentence)) : sentences) : new Map<string, number>();
  const subject = apart ? subjectCoverage(answerTerms, profile.questionTerms) : 0;
  const onSubject = subject >= ON_SUBJECT;
  // Code and notation say little in words: correct k-means code or backpropagation in notation may name neither the
  // question's subject nor enough of the reference's words (its names are C, labels, dz2, δ_L). Such an answer stays on
  // topic when the fitted estimate, which reads code lines, ranks it above the fit's low line, or when what its symbols
  // and names stand for ("∂L/∂W_l" takes derivatives, "np.cov" a covariance) is what the question or reference says.
  // An answer of one formula or one line of statements is given in notation too ("θ ← θ − η∇L(θ)"), and so is one whose
  // formulas are half its sentences ("a·b = Σᵢ aᵢbᵢ", then a line the reader does not take for a relation).
  const givenAsCode = (): boolean => {
    const notation = sentences.filter(inNotation).length;
    return notation >= CODE_ANSWER_LINES || (notation > 0 && 2 * notation >= sentences.length);
  };
  // The reference's own symbols are its words too: its "γ" is the answer's `gamma`, its "alpha" the answer's "α", its
  // "mean squared error" the answer's `mse`. A name no corpus text uses that opens a question term abbreviates it
  // (`X_boot` for "bootstrap"; not `class` for "classifier", nor `data` for "dataset"). A dump's symbols credit nothing:
  // every formula of the field writes "σ", "η", "∇" and "P(A|B)", so a row of them met some reference word, even the
  // reference's own notation, on every question.
  const symbolsShared = (): boolean => {
    const references = ownReference ? referenceAnswers : [];
    const referenceNotation = referenceSymbols(references);
    const questionTerms = [...profile.questionTerms];
    const shared = (term: string): boolean =>
      profile.questionTerms.has(term) ||
      referenceNotation.has(term) ||
      (profile.vocabulary.has(term) && termWeight(term) >= FIELD_COMMON_IDF) ||
      (term.length >= ABBREVIATION && !isCorpusTerm(term) && questionTerms.some((questionTerm) => questionTerm.startsWith(term)));
    const notation = notationTerms(sentences);
    // Code multiplying arrays with "@" says "matrix" and "multiply" on any question about a matrix. Code that computes
    // quantities of its own (an error, a gradient, λ, an index, an exponential) and nothing the reference describes is
    // code for another task: its "@" says nothing of the question.
    if ([...notation.names].some(shared)) return true;
    const ownTask = notation.quantities.size >= OWN_QUANTITIES;
    const symbols = dump() ? [] : [...notation.symbols].filter(shared);
    return symbols.some((term) => !(ownTask && notation.productOnly.has(term))) || spellsAcronym(sentences, [question, ...references]);
  };
  // "Low" is where the fit ranks its training answers graded under 2 (`lowEstimate`), not a level a refit moves.
  const fittedHigh = apart && fitted >= regressionFor(model, profile.words).lowEstimate;
  const offTopic =
    apart && !onSubject && !sharesVocabulary(answerTerms, profile, subject, fittedHigh) && !((fittedHigh || symbolsShared()) && givenAsCode());
  const findings: Findings = {
    profile,
    shape,
    features,
    // An answer about something else makes no point, whatever heading it happens to name.
    matches: withoutEmpty(
      offTopic
        ? matches.map((match) => (match.bySubject ? { ...match, status: 'missed' as const, sentence: null, bySubject: false } : match))
        : markContradicted(matches, contradictions, profile),
      empty,
    ),
    quality: 1 + 4 * estimate,
    ownReference,
    offTopic,
    apart,
    namesSubject: apart && onSubject && ownReference && profile.keyPoints.length > 0,
    fieldWordsOnly: offTopic ? fieldWordsOf(sharedTerms(answerTerms, profile), sentences) : [],
    contradictions,
    reversedOrder,
    truncated: features.truncated === 1,
    lastSentence: sentences.at(-1),
    shortReference: listsExplain,
    enumerated,
    namedShare,
    wordPrecision,
  };
  // The coverage map marks the points the answer makes in the steps it put out of place, the one moved and those it is
  // moved past (or in the clause running the process the other way): made, but not where the model answer has them.
  const { way: reversedWay, steps: reversedSteps } = reversedOrder ?? {};
  const misplaced = reversedWay !== undefined ? [reversedWay.clause] : reversedSteps === undefined ? [] : [reversedSteps.moved, ...reversedSteps.before, ...reversedSteps.after];
  const misplacedTerms = misplaced.map((step) => ({ step, terms: new Set(analyzeText(step).flatMap((part) => part.tokens.map((token) => token.term))) }));
  const outOfOrder = (match: PointMatch): boolean =>
    match.status !== 'missed' &&
    misplacedTerms.some(
      ({ step, terms }) =>
        match.sentence?.text.includes(step) === true &&
        match.point.wordings.some((wording) => [...wording.terms.keys()].some((term) => !profile.questionTerms.has(term) && terms.has(term))),
    );
  const referenceDepth = referenceDepthOf(profile);
  const coverage = hollowCapped(coverageDraft(findings), hollow);
  // A sentence that makes no point shows no depth either: "it depends" is no condition, "trade-offs either way" no trade-off.
  const depth = depthDraft(findings, explanatory.filter((sentence) => !empty.has(sentence)), referenceDepth, coverage.score);
  const correctness = hollowCapped(correctnessDraft(findings), hollow, emptyNote(explanatory, empty));
  // No depth, and no clarity, beyond what is right: a detailed answer that is wrong is not deep, and a
  // fluent one is not clear about the topic.
  const depthCap = clampScore(correctness.score) + 1;
  const clarity = clarityDraft(explanatory, findings);
  const drafts: Record<string, DimensionDraft> = {
    correctness,
    coverage,
    depth: capped(depth.draft, depthCap),
    clarity: capped(clarity, clampScore(correctness.score) + 1, 'Clear, but clarity counts only one point above correctness, which is judged against the model answer.'),
  };
  const dimensions = toDimensions(rubric, drafts);
  const scores = scoreMap(dimensions);

  // Strengths name what this answer does, quoting it, and no sentence the advice asks the candidate to check.
  // Clarity is not one: its rationale is already on the card under its dimension, and as a strength it was on
  // four answers in five, wrong ones as often as right ones (UNT answers both graders scored 0–2: 45%).
  const strengths: string[] = [];
  const { covered } = pointCredit(findings.matches);
  // Every sentence of a swap is questioned, not only the one the card quotes: those giving a side the other's
  // property, and any naming one of the two things, whose points the swap puts in doubt.
  const swappedNames = contradictions.flatMap((contradiction) => (contradiction.roleSwap && contradiction.swapped ? contradiction.swapped.map((name) => name.toLowerCase()) : []));
  const namesSwapped = (sentence: SentenceInfo): boolean => sentence.tokens.some((token) => swappedNames.includes(token.normal) || swappedNames.includes(token.text.toLowerCase()));
  const questioned = new Set([
    ...contradictions.flatMap((contradiction) => [contradiction.sentence, ...(contradiction.involved ?? [])]),
    ...sentences.filter(namesSwapped),
  ]);
  const firstCovered = findings.matches.find((match) => match.status === 'covered' && match.sentence && !questioned.has(match.sentence));
  if (ownReference && !shape.stuffed && !offTopic && firstCovered?.sentence) {
    strengths.push(`Covers ${covered} of ${matches.length} key points, e.g. ${quote(firstCovered.sentence.text)}`);
  }
  // The depth strength quotes one sentence and names the kinds that sentence shows.
  const questionedText = new Set([...questioned].map((sentence) => sentence.text));
  const depthEvidence = depth.present.find(({ text }) => !questionedText.has(text))?.text;
  if ((scores.get('depth') ?? 0) >= 4 && depthEvidence !== undefined) {
    const kinds = depth.present.filter(({ text }) => text === depthEvidence).map(({ kind }) => kind);
    strengths.push(`Goes beyond a definition with ${kinds.join(' and ')}: ${quote(depthEvidence)}`);
  }

  // Every misconception stated is on the card, also one in a sentence whose role swap the advice names first.
  const corrections = misconceptions.map(correctionOf);
  const wrongFormula = contradictions.some((found) => found.formula);
  return {
    ...(corrections.length > 0 ? { flaw: { overall: MISCONCEPTION_OVERALL, because: MISCONCEPTION_FLAW }, corrections } : {}),
    ...(corrections.length === 0 && wrongFormula ? { flaw: { overall: MISCONCEPTION_OVERALL, because: WRONG_FORMULA_FLAW } } : {}),
    dimensions,
    strengths,
    improvements: prioritise(rubric, scores, [...(hollow ? hollowAdvice(explanatory, empty) : []), ...adviceFor(findings, depth, scores, sentences, lists, clarity), ...extraAdvice]),
    // Another question's sentences are never "missed": only the question's own reference has points to miss.
    // A contradicted point is not made either: the export and the drill planner read missingPoints.
    missingPoints: ownReference
      ? [...missedPoints(findings.matches), ...findings.matches.filter((match) => match.status === 'contradicted')].map((match) => match.point.label)
      : [],
    ...(ownReference
      ? {
          coverage: findings.matches.map((match) => ({
            point: match.point.label,
            status: match.status,
            ...(match.status !== 'missed' && match.sentence ? { quote: match.sentence.text } : {}),
            ...(outOfOrder(match) ? { note: reversedWay === undefined ? 'said in the wrong order' : 'said to run the other way' } : {}),
          })),
        }
      : {}),
  };
}
