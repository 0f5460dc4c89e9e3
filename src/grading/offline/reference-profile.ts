import { misconceptionsFor, shippedMisconceptions, type CompiledMisconception } from './misconceptions.js';
import type { GradeInput } from '../grader.js';
import { foldNotation } from '../../text/sanitize.js';
import { asideTerms, sentenceSubject } from './clauses.js';
import { contrastWords, type ContrastUse } from './contrasts.js';
import { QUESTION_FRAME_LEMMAS, type CueName } from './cues.js';
import { extractKeyPoints, fallbackKeyPoints, type Analyse, type KeyPoint } from './key-points.js';
import { createLru } from './lru.js';
import { mapOrNone, setOrNone } from './no-items.js';
import { layoutSequences, markdownToLabelledLines } from './markdown.js';
import { exclusiveClaims } from './denial-agreement.js';
import { analyzeText, type SentenceInfo } from './nlp.js';
import { opensWithInstruction } from './sequence-steps.js';
import { readStances, type ReferenceStances } from './stances.js';
import { namesInstance, termCounts, wordKeys, wordTokens } from './terms.js';
import { asksForList, referenceItems, type ReferenceItem } from './enumeration.js';
import { asksYesNo, openingAnswer, type Polarity } from './yes-no.js';

/** One sentence of the reference answer, as the features compare it with the answer. */
export interface ReferenceSentence {
  readonly text: string;
  /** Content terms in the order they are said. */
  readonly terms: readonly string[];
  /** The label of the markdown block it sits under ("Bagging" for the bullets after "**Bagging:**"), if any. */
  readonly block: string | null;
  /** The specific things of related-terms groups it names ("~regularize=l1" for "Lasso"; see `TokenInfo.identity`). */
  readonly identities: ReadonlySet<string>;
  readonly cues: ReadonlySet<CueName>;
  /** It names a concrete instance: a figure in digits, or a name after "like" (see namesInstance). */
  readonly quantified: boolean;
  /** The sentence states a sequence ("first…, then…"), so the order of its terms carries meaning. */
  readonly ordered: boolean;
  /** It is an instruction ("Assign each point to its nearest centroid."): a row of them may state a procedure. */
  readonly instruction: boolean;
  /** Its words that have an opposite ("higher", "before", "overfitting"), with their anchors: see contrasts.ts. */
  readonly contrasts: ReadonlyMap<string, ContrastUse>;
  /** Content terms it states with a negation, and without one. */
  readonly negatedTerms: ReadonlySet<string>;
  readonly affirmedTerms: ReadonlySet<string>;
  /** The verbs it limits with "only", with what "only" picks out (`exclusiveClaims`, denial-agreement.ts). */
  readonly exclusive: ReadonlyMap<string, ReadonlySet<string>>;
  /** It denies something without "not" ("stop when it stops improving"), so a plain negation may paraphrase it. */
  readonly denies: boolean;
  /** What it is about, and the terms it says only of another thing ("Unlike X where…"): see clauses.ts `sentenceSubject`, `asideTerms`. */
  readonly subject: ReadonlySet<string>;
  readonly aside: ReadonlySet<string>;
}

/** What the graders compare an answer with; built once per question and reference. */
export interface ReferenceProfile {
  /** Topic terms of the question, without its frame ("tell me about a time…"). */
  readonly questionTerms: ReadonlySet<string>;
  /** The specific things of related-terms groups the question names ("Ridge", "Lasso"; see `TokenInfo.identity`). */
  readonly questionIdentities: ReadonlySet<string>;
  /** Every content term of the reference answers and notes. */
  readonly vocabulary: ReadonlySet<string>;
  readonly keyPoints: readonly KeyPoint[];
  readonly fromRelated: boolean;
  /** Content terms of the reference answers (not the notes) with their counts. */
  readonly terms: ReadonlyMap<string, number>;
  readonly sentences: readonly ReferenceSentence[];
  /** What the reference denies and the mistakes it warns against, with their polarity (stances.ts). */
  readonly stances: ReferenceStances;
  /** Words in the reference answers: what "as long as the reference" means. */
  readonly words: number;
  /** Word keys (see `wordKey`) of the reference answers, without and with stop words, and of the question. */
  readonly referenceKeys: ReadonlySet<string>;
  readonly referenceWords: ReadonlySet<string>;
  readonly questionKeys: ReadonlySet<string>;
  /** The question asks yes or no and the reference's first sentence opens with its answer ("Yes, …"); else null. */
  readonly answersYesNo: Polarity | null;
  /**
   * The things the reference enumerates, when the question asks for a set of them ("What are the main data types…?";
   * enumeration.ts) and the reference names at least two; else empty.
   */
  readonly listItems: readonly ReferenceItem[];
  /** Cue phrases of the question itself ("…the bias-variance trade-off"): an answer repeating one shows nothing. */
  readonly questionCues: ReadonlySet<CueName>;
  /** Sequences its layout states (markdown.ts, `layoutSequences`): each a list of its steps' texts. */
  readonly layoutSteps: readonly (readonly string[])[];
  /** The misconception bank's entries whose topic the question or its own reference names (misconceptions.ts). */
  readonly misconceptions: readonly CompiledMisconception[];
}

/*
 * The same question is graded for every candidate and every retry, and analysing a long notebook answer
 * costs more than grading the answer itself. 1024 profiles hold every answered corpus question (about
 * 410) plus the related-answer sets of questions without one.
 */
const cache = createLru<string, ReferenceProfile>(1024);


/**
 * "…, then …", "followed by", "starts with": a sentence whose order of terms is part of what it says.
 * Not arrows, which mostly mean "leads to" ("High bias → underfitting").
 */
const SEQUENCE_CUE = /\b(?:then|followed by|finally|lastly|afterwards|starts? (?:with|at|from)|begins? (?:with|at))\b/i;

/** The text states a sequence ("first…, then…"): the order of its terms is part of what it says. */
export const statesSequence = (text: string): boolean => SEQUENCE_CUE.test(text);

/*
 * An answer also lists steps by counting them ("First…, next…, after that…"): a counter that opens a
 * clause and is followed by a comma or by its subject ("First, …", "next it…"), not one inside a noun
 * phrase ("the first layer", "the second factor", "the next token"). Not "before" or a bare "after", which
 * put the later step first in the sentence ("move the weights after computing the gradient").
 */
const COUNTED_STEP =
  /(?:^|[,;:]\s*|\b(?:and|then)\s+)(firstly|first|next|secondly|second|thirdly|third|after\s+(?:that|this)|subsequently|step\s+\d)(?=\s*,|\s+(?:it|we|you|they|i|one|this|that|the|a|an)\b)/gi;

/** An answer sentence that states a sequence: a cue of `statesSequence`, or two different counted steps. */
export const answerStatesSequence = (text: string): boolean =>
  statesSequence(text) || new Set([...text.matchAll(COUNTED_STEP)].map((match) => (match[1] ?? '').toLowerCase().replace(/\s+/g, ' '))).size >= 2;

/**
 * Words that deny without "not": a reference sentence with one ("stop when it stops improving", "without
 * computing the mapping") is matched by an answer's plain negation ("once it hasn't improved").
 */
const IMPLICIT_NEGATION = /\b(?:stops?|stopped|fails?|failed|avoids?|prevents?|without|lacks?|instead|rather than|never|neither|nor|no longer|barely|hardly)\b/i;

/**
 * The sequences a reference states by its layout. A numbered list of plain lines counts steps only when its
 * lines are instructions, half of them at least opening with a verb in its base form ("1. Split the data into K
 * folds"; wink takes some verbs for nouns, "Backpropagate:"): not names of things ("1. The business context"),
 * statements ("1. The residuals are independent"), nor properties ("1. Handles missing values"), which a list
 * numbers without ordering them. Bullets under "How it works:" or a lead-in naming a procedure count when more
 * than half of them are instructions ("- Centre the data… - Compute the covariance matrix… - Project…"): bullets
 * order nothing by their markers, and under such a lead-in they are as often facts or modes ("At inference
 * dropout is switched off").
 */
/** A phrase saying where or when, fronted before a comma: "For each feature, …", "During training, …", "If it diverges, …". */
const FRONTED_ADVERBIAL = /^(?:for|during|at|in|on|with|after|before|once|when|while|if)\b[^,:;]{0,60},\s+/i;

function layoutStepsOf(texts: readonly string[]): string[][] {
  // wink tags an imperative opening a line as a name ("Split/PROPN data…"): after "You" it tags it a verb. An
  // instruction may open with where or when it applies ("For each feature, subtract the mean…").
  const instruction = (text: string): boolean => {
    const said = text.replace(FRONTED_ADVERBIAL, '');
    const opening = analyzeText(`You ${said.charAt(0).toLowerCase()}${said.slice(1)}`)[0]?.tokens[1];
    return opening !== undefined && opening.pos === 'VERB' && opening.normal === opening.lemma;
  };
  return texts.flatMap((text) =>
    layoutSequences(text).flatMap(({ steps, instructions }) => {
      if (instructions === 'none') return [[...steps]];
      const found = steps.filter(instruction).length;
      const enough = instructions === 'half' ? found * 2 >= steps.length : found * 2 > steps.length;
      return found >= 2 && enough ? [[...steps]] : [];
    }),
  );
}

/** The reference's sentences, each with the label of the markdown block it sits under (`markdownToLabelledLines`). */
function labelledSentences(texts: readonly string[], analyse: Analyse): { readonly sentence: SentenceInfo; readonly block: string | null }[] {
  return texts.flatMap((text) => markdownToLabelledLines(text).flatMap(({ text: line, block }) => analyse(line).map((sentence) => ({ sentence, block }))));
}

function referenceSentences(texts: readonly string[], analyse: Analyse): SentenceInfo[] {
  return labelledSentences(texts, analyse).map(({ sentence }) => sentence);
}

/** `analyzeText` remembered for one profile: key-point extraction reads the same lines again. */
function memoisedAnalysis(): Analyse {
  const memo = new Map<string, readonly SentenceInfo[]>();
  return (text) => {
    const known = memo.get(text);
    if (known) return known;
    const sentences = analyzeText(text);
    memo.set(text, sentences);
    return sentences;
  };
}

/** The analysed question, and reference sentences aligned with the profile's `sentences`. */
export interface AnalysedProfileText {
  readonly question: readonly SentenceInfo[];
  readonly reference: readonly SentenceInfo[];
}

/*
 * The analysed question and reference of a profile, until the role-swap reading (features.ts) takes them: it
 * needs their tokens once, and analysing them again cost as much as the rest of that reading. A profile never
 * read for roles drops them with itself.
 */
const analysedSentences = new WeakMap<ReferenceProfile, AnalysedProfileText>();

/** The profile's analysed question and sentences, once: later calls get undefined. */
export function takeAnalysedSentences(profile: ReferenceProfile): AnalysedProfileText | undefined {
  const sentences = analysedSentences.get(profile);
  analysedSentences.delete(profile);
  return sentences;
}

function specificIdentities(sentences: readonly SentenceInfo[]): ReadonlySet<string> {
  return new Set(sentences.flatMap((sentence) => sentence.tokens.filter((token) => token.identity !== token.term).map((token) => token.identity)));
}

/*
 * Superscripts and subscripts are folded here, once per question and reference, as the grader folds the answer
 * (offline-grader.ts): the corpus's model answers and a pasted reference keep "R²" as typed, and the profile is
 * keyed by the text as typed, so the thread's warm-up, its pre-grading build and the grading find the same one.
 */
function buildProfile(typedQuestion: string, typedReference: GradeInput['reference']): ReferenceProfile {
  const question = foldNotation(typedQuestion);
  const reference = { ...typedReference, answers: typedReference.answers.map(foldNotation), notes: typedReference.notes.map(foldNotation) };
  const questionSentences = analyzeText(question);
  const questionTerms = new Set(termCounts(questionSentences, QUESTION_FRAME_LEMMAS).keys());
  // Notes are guidance (mistakes to avoid, tips), not content to cover: they widen the vocabulary only,
  // and stand in as the points to cover when a question has no reference answer at all.
  const pointSource = reference.answers.length > 0 ? reference.answers : reference.notes;
  const analyse = memoisedAnalysis();
  const labelled = labelledSentences(pointSource, analyse);
  const sentences = labelled.map(({ sentence }) => sentence);
  // Notes are analysed only when they are not the point source already.
  const noteSentences = pointSource === reference.notes ? sentences : referenceSentences(reference.notes, analyse);
  const answerSentences = pointSource === reference.answers ? sentences : referenceSentences(reference.answers, analyse);
  const questionIdentities = specificIdentities(questionSentences);
  const extracted = extractKeyPoints(pointSource, questionTerms, analyse, questionIdentities);
  const profile: ReferenceProfile = {
    questionTerms,
    questionIdentities,
    vocabulary: new Set([...termCounts(answerSentences).keys(), ...termCounts(noteSentences).keys()]),
    // A one-line reference ("At the main function.") is too short to rank statements in: it is the point.
    keyPoints: extracted.length > 0 ? extracted : fallbackKeyPoints(sentences, questionTerms, questionIdentities),
    fromRelated: reference.fromRelated,
    terms: termCounts(sentences),
    stances: readStances(labelled),
    sentences: labelled.map(({ sentence, block }) => ({
      text: sentence.text,
      terms: sentence.tokens.map((token) => token.term).filter((term) => term !== ''),
      block,
      identities: setOrNone(specificIdentities([sentence])),
      cues: setOrNone(new Set(sentence.cues.keys())),
      quantified: namesInstance(sentence),
      ordered: statesSequence(sentence.text),
      instruction: opensWithInstruction(sentence),
      contrasts: mapOrNone(contrastWords(sentence)),
      negatedTerms: setOrNone(new Set(sentence.tokens.filter((token) => token.negated && token.term !== '').map((token) => token.term))),
      denies: IMPLICIT_NEGATION.test(sentence.text),
      affirmedTerms: new Set(sentence.tokens.filter((token) => !token.negated && token.term !== '').map((token) => token.term)),
      exclusive: mapOrNone(exclusiveClaims(sentence)),
      subject: sentenceSubject(sentence),
      aside: asideTerms(sentence),
    })),
    words: sentences.reduce((sum, sentence) => sum + wordTokens(sentence).length, 0),
    referenceKeys: wordKeys(sentences, false),
    referenceWords: wordKeys(sentences, true),
    questionKeys: wordKeys(questionSentences, false),
    questionCues: new Set(questionSentences.flatMap((sentence) => [...sentence.cues.keys()])),
    layoutSteps: layoutStepsOf(pointSource),
    listItems: listItemsOf(question, questionSentences, reference.fromRelated ? [] : labelled, questionTerms),
    answersYesNo: sentences[0] && asksYesNo(questionSentences) ? (openingAnswer(sentences[0])?.polarity ?? null) : null,
    // Another question's answers lent as reference name that question's topics, not this one's.
    misconceptions: misconceptionsFor(question, reference.fromRelated ? '' : reference.answers.join('\n'), shippedMisconceptions()),
  };
  analysedSentences.set(profile, { question: questionSentences, reference: sentences });
  return profile;
}

function listItemsOf(
  question: string,
  questionSentences: readonly SentenceInfo[],
  sentences: readonly { readonly sentence: SentenceInfo; readonly block: string | null }[],
  questionTerms: ReadonlySet<string>,
): readonly ReferenceItem[] {
  if (!asksForList(question)) return [];
  const items = referenceItems(questionSentences, sentences, questionTerms);
  return items.length >= 2 ? items : [];
}

/** A list as a key part: each item prefixed with its length, so no two lists give the same string. */
function listKey(items: readonly string[]): string {
  let key = `${items.length}`;
  for (const item of items) key += `:${item.length}:${item}`;
  return key;
}

/*
 * Every grading looks its profile up, and a notebook reference runs to thousands of characters: joining
 * length-prefixed parts costs a third of serialising them as JSON, and is as unambiguous.
 */
const profileKey = (question: string, reference: GradeInput['reference']): string =>
  `${question.length}:${question}|${listKey(reference.answers)}|${listKey(reference.notes)}|${reference.fromRelated ? 1 : 0}`;

/** Whether the next grading of this question against this reference finds its profile built. */
export function hasReferenceProfile(question: string, reference: GradeInput['reference']): boolean {
  return cache.has(profileKey(question, reference));
}

export function referenceProfile(question: string, reference: GradeInput['reference']): ReferenceProfile {
  const key = profileKey(question, reference);
  const cached = cache.get(key);
  if (cached) return cached;
  const profile = buildProfile(question, reference);
  cache.set(key, profile);
  return profile;
}

export interface Relevance {
  /** 1..5 */
  readonly score: number;
  /** Share of the question's topic terms the answer uses. */
  readonly questionCoverage: number;
  /** Share of the answer's distinct terms that belong to the question or the reference; null without a reference. */
  readonly referenceShare: number | null;
}

/** Fewer reference terms than this say too little about the topic to judge an answer's vocabulary. */
const MIN_VOCABULARY = 15;

/**
 * @param typicalShare share of an on-topic answer's distinct terms expected in the reference: about half
 * for a technical answer; less for a behavioural one, whose reference is someone else's story and can
 * only share its theme.
 */
export function relevanceOf(answerTerms: ReadonlyMap<string, number>, profile: ReferenceProfile, typicalShare: number): Relevance {
  const { questionTerms, vocabulary } = profile;
  let questionHits = 0;
  for (const term of questionTerms) if (answerTerms.has(term)) questionHits += 1;
  const questionCoverage = questionTerms.size > 0 ? questionHits / questionTerms.size : 0;

  let referenceShare: number | null = null;
  if (vocabulary.size >= MIN_VOCABULARY && answerTerms.size > 0) {
    let inTopic = 0;
    for (const term of answerTerms.keys()) if (vocabulary.has(term) || questionTerms.has(term)) inTopic += 1;
    referenceShare = inTopic / answerTerms.size;
  }

  if (answerTerms.size === 0) return { score: 1, questionCoverage, referenceShare };
  const vocabularyFit = referenceShare === null ? null : Math.min(1, referenceShare / typicalShare);
  let combined: number;
  // Without a reference only the question's own words can be checked, and a candidate may well use
  // synonyms: a miss says little, so it costs less (it floors at "touches the question in passing").
  if (vocabularyFit === null) combined = questionTerms.size > 0 ? 0.15 + 0.85 * questionCoverage : 0.5;
  else if (questionTerms.size === 0) combined = vocabularyFit;
  else combined = 0.5 * questionCoverage + 0.5 * vocabularyFit;

  const score = combined >= 0.75 ? 5 : combined >= 0.5 ? 4 : combined >= 0.3 ? 3 : combined >= 0.12 ? 2 : 1;
  return { score, questionCoverage, referenceShare };
}
