import type { AnswerText } from './answer-text.js';
import { BEHAVIOURAL_CUE_PHRASES, QUESTION_OPPOSITES, QUESTION_THEMES, type BehaviouralCue } from './behavioural-cues.js';
import { QUANTITY_ENTITY_TYPES } from './cues.js';
import { createLru } from './lru.js';
import { analyzeText, type SentenceInfo, type TokenInfo } from './nlp.js';
import { createPhraseMatcher, type PhraseCounts } from './phrase-matcher.js';
import { relevanceOf, type ReferenceProfile, type Relevance } from './reference-profile.js';
import { classifyAnswer, countActions, type StarSentence } from './star-parts.js';
import { isTermList, termCounts, wordTokens } from './terms.js';

/*
 * What the non-story behavioural graders read from an answer, computed once per grading: per sentence
 * its STAR reading (is it something that happened, a habit, a hypothetical?), the cue phrases of
 * behavioural-cues.ts, the steps it describes, and its checkable details; for the answer, relevance to
 * the question with its themes.
 */

const countCues = createPhraseMatcher(BEHAVIOURAL_CUE_PHRASES);

export interface ResponseSentence {
  readonly star: StarSentence;
  readonly cues: PhraseCounts<BehaviouralCue>;
  /** Actions described: verbs of an I/we clause and the verbs coordinated with it, or of an imperative step. */
  readonly steps: number;
  /** A bullet or a "Label: text" line of a list. */
  readonly listItem: boolean;
  /** Proper nouns, acronyms and product-like names ("PyTorch", "SHAP", "XGBoost"). */
  readonly names: readonly string[];
  /** Quantities written with digits, percentages or money: measured, checkable values. */
  readonly measured: readonly string[];
  /** Every quantity, including number words ("two teams"). */
  readonly numbers: readonly string[];
  /** Content terms: how much the sentence says, whatever it says. */
  readonly substance: number;
  /** Noun compounds naming concrete things ("class weights", "review budget", "product manager"). */
  readonly compounds: readonly string[];
  /** Tells something that happened to the candidate: a past own action or a named setting. */
  readonly experience: boolean;
}

/**
 * A case the candidate was part of, told as it happened: an own past action or a named setting, and also a
 * past event in their own setting, measured or not ("Our fraud model's recall rose 14%", "On a pricing project
 * that early baseline showed the service could only take daily batches"), or a case they saw ("On my last
 * project…", "I have seen…"), which a compact answer gives without an "I did".
 */
const OWN_SETTING =
  /\b(?:our|my|we|last (?:year|quarter|month|week|time)|on (?:a|one) (?:recent|previous|past)|(?:on|in|at|for) (?:a|one) (?:[\w-]+ ){0,2}(?:project|team|job|client|engagement|product|startup|company))\b/i;
const WITNESSED = /\b(?:i(?:'ve| have) seen|i saw|in my experience|on (?:my|our) (?:last|previous|current|recent))\b/i;
export const realCase = (sentence: ResponseSentence): boolean =>
  sentence.experience ||
  (sentence.star.mode !== 'hypothetical' &&
    sentence.substance >= 3 &&
    // Told as it happened once: a habit ("our pipelines usually see 5% missing values") is no case, number or not.
    ((sentence.star.mode === 'narrative' && OWN_SETTING.test(sentence.star.sentence.text)) ||
      WITNESSED.test(sentence.star.sentence.text)));

/** Whether the sentence says at least one phrase of this behavioural cue. */
export const hasCue = (sentence: ResponseSentence, cue: Parameters<ResponseSentence['cues']['get']>[0]): boolean => (sentence.cues.get(cue) ?? 0) > 0;

export interface ThemedRelevance extends Relevance {
  /** How many topic words the question has (0 for "Why do you want to work here?"). */
  readonly questionWords: number;
  /** The question's topic words the answer uses none of (nor of their themes); empty when it uses some. */
  readonly unusedQuestionWords: readonly string[];
  /** Lowered to 2 because the answer uses none of the question's topic words. */
  readonly capped: boolean;
  /**
   * Strong evidence that the answer is about something else: none of the question's topic words (nor
   * their themes) and, with the question's own reference to compare, little of its vocabulary. Weaker
   * evidence only lowers relevance: a candidate's own wording of an on-topic answer must not sink every
   * dimension.
   */
  readonly offTopic: boolean;
}

export interface ResponseFeatures {
  readonly sentences: readonly ResponseSentence[];
  readonly words: number;
  /**
   * Distinct checkable specifics: names, measured values and noun compounds ("class weights", "review
   * budget"). Vague answers name almost nothing; specific ones, short or long, name several.
   */
  readonly concrete: readonly string[];
  /** Share of the words that carry content (see concision.ts). */
  readonly density: number;
  readonly relevance: ThemedRelevance;
  /** Sum of a cue over all sentences. */
  cue(name: BehaviouralCue): number;
  /** The sentences with a cue, in order. */
  withCue(name: BehaviouralCue): ResponseSentence[];
}

const SUBJECTS: ReadonlySet<string> = new Set(['i', 'we']);

/** Acronyms every ML answer uses: naming the field is not a checkable detail. */
const FIELD_ACRONYMS: ReadonlySet<string> = new Set(['AI', 'ML', 'DL', 'IT', 'OK', 'MLE', 'DS']);

/** Whether a word has a capital letter anywhere: the cheap test before the patterns below. */
const hasCapital = (text: string): boolean => text.toLowerCase() !== text;

const isNameToken = (token: TokenInfo): boolean =>
  token.kind === 'word' &&
  token.text.length > 1 &&
  hasCapital(token.text) &&
  !FIELD_ACRONYMS.has(token.text) &&
  (token.pos === 'PROPN' || /^[A-Z][A-Z0-9]+s?$/.test(token.text) || /[a-z][A-Z]/.test(token.text));

/**
 * Named things a listener could check: runs of proper nouns ("Random Forest"), acronyms ("SHAP") and
 * CamelCase tools ("XGBoost"), distinct. A lone capitalised word opening a sentence is not a name.
 */
function namesOf(tokens: readonly TokenInfo[]): string[] {
  const names = new Set<string>();
  let run: string[] = [];
  let runStart = 0;
  const flush = () => {
    const single = run.length === 1 && runStart === 0 && !/^[A-Z][A-Z0-9]+s?$|[a-z][A-Z]/.test(run[0] ?? '');
    if (run.length > 0 && !single) names.add(run.join(' '));
    run = [];
  };
  tokens.forEach((token, index) => {
    if (isNameToken(token)) {
      if (run.length === 0) runStart = index;
      run.push(token.text);
    } else flush();
  });
  flush();
  return [...names];
}

/** Content words that fill an answer without saying anything checkable ("it depends on the situation"). */
const VAGUE_LEMMAS: ReadonlySet<string> = new Set([
  'depend', 'situation', 'circumstance', 'best', 'hard', 'effort', 'stuff', 'thing', 'everything', 'anything', 'always',
  'really', 'whatever', 'fine', 'okay', 'nice', 'approach',
]);

function compoundsOf(tokens: readonly TokenInfo[]): string[] {
  const compounds: string[] = [];
  for (let k = 0; k + 1 < tokens.length; k += 1) {
    const [left, right] = [tokens[k], tokens[k + 1]];
    if (left?.pos === 'NOUN' && right?.pos === 'NOUN' && left.term !== '' && right.term !== '') compounds.push(`${left.normal} ${right.normal}`);
  }
  return compounds;
}

const isMeasured = (value: string, type: string): boolean => /\d/.test(value) || type === 'PERCENT' || type === 'MONEY';

const LABEL_LINE = /^\s*(?:[-*•]\s+|\d+[.)]\s+|[A-Z][\w /&()-]{1,40}:\s)/;

function sentenceOf(star: StarSentence, source: string): ResponseSentence {
  const { sentence } = star;
  const quantities = sentence.entities.filter((entity) => QUANTITY_ENTITY_TYPES.has(entity.type) && entity.value.toLowerCase() !== 'one');
  const lineStart = source.lastIndexOf('\n', sentence.start - 1) + 1;
  const listItem = LABEL_LINE.test(source.slice(lineStart, sentence.end)) && source.slice(lineStart, sentence.start).trim() === '';
  return {
    star,
    cues: countCues(sentence.tokens),
    steps: countActions(sentence.tokens, { subjects: SUBJECTS, imperative: true }) + (listItem ? 1 : 0),
    listItem,
    names: namesOf(sentence.tokens),
    measured: quantities.filter((entity) => isMeasured(entity.value, entity.type)).map((entity) => entity.value),
    numbers: quantities.map((entity) => entity.value),
    substance: sentence.tokens.filter((token) => token.term !== '' && !VAGUE_LEMMAS.has(token.lemma)).length,
    compounds: compoundsOf(sentence.tokens),
    experience: (star.mode === 'narrative' && star.ownAction) || sentence.cues.has('setting'),
  };
}

/** Theme word term → the terms of its related words, built once from QUESTION_THEMES. */
let themeTerms: Map<string, Set<string>> | undefined;
/** Focus word term → the terms of its opposites, built once from QUESTION_OPPOSITES. */
let oppositeTerms: Map<string, Set<string>> | undefined;

function termOf(word: string): string {
  return analyzeText(word)[0]?.tokens[0]?.term ?? '';
}

function termsByWord(lists: Readonly<Record<string, readonly string[]>>): Map<string, Set<string>> {
  const byTerm = new Map<string, Set<string>>();
  for (const [word, members] of Object.entries(lists)) {
    const key = termOf(word);
    if (key === '') continue;
    const set = byTerm.get(key) ?? new Set<string>();
    for (const member of members) {
      const term = termOf(member);
      if (term !== '' && term !== key) set.add(term);
    }
    byTerm.set(key, set);
  }
  return byTerm;
}

const themes = (): Map<string, Set<string>> => (themeTerms ??= termsByWord(QUESTION_THEMES));
const opposites = (): Map<string, Set<string>> => (oppositeTerms ??= termsByWord(QUESTION_OPPOSITES));

/** The question's topic words by term, for rationales ("pressure" rather than its stem "pressur"). */
const questionWords = createLru<string, Map<string, string>>(512);

function wordsOfQuestion(question: string): Map<string, string> {
  const cached = questionWords.get(question);
  if (cached) return cached;
  const words = new Map<string, string>();
  for (const sentence of analyzeText(question)) {
    for (const token of sentence.tokens) if (token.term !== '' && !words.has(token.term)) words.set(token.term, token.text.toLowerCase());
  }
  questionWords.set(question, words);
  return words;
}

/**
 * Relevance as in reference-profile.ts, except that a question word counts as used when the answer uses
 * one of its theme words, and an answer that uses none of the question's topic words scores at most 2
 * however much vocabulary it shares with the reference: sharing the domain is not answering the question.
 */
/*
 * Question words a story shows by its timeline rather than names: "two days before the board meeting our forecast
 * broke" is a story of pressure without the word. A deadline close ahead, or two points in time in one sentence
 * ("the launch was Friday and the model broke on Wednesday"), tells it.
 */
const TIMELINE_WORDS = ['pressure', 'deadline', 'deadlines', 'tight', 'urgent', 'stress', 'stressful'];
const CLOSE_AHEAD =
  /\b(?:\d+|an?|one|two|three|four|five|six|seven|a few|few|several) (?:hours?|days?|weeks?|nights?) (?:before|ahead of|until|to go|left)\b|\b(?:in time for|at the last minute|last[- ]minute|overnight|against the clock|the night before|the day before|the morning of)\b/i;
const POINT_IN_TIME: ReadonlySet<string> = new Set(['DATE', 'TIME']);
let timelineTerms: ReadonlySet<string> | null = null;

function toldAsTimeline(sentence: SentenceInfo): boolean {
  return CLOSE_AHEAD.test(sentence.text) || sentence.entities.filter((entity) => POINT_IN_TIME.has(entity.type)).length >= 2;
}

/*
 * Words that set the scene of a behavioural question rather than say what it probes: "a project", "a team member",
 * "machine learning", "a model". Repeating them shows nothing: a success story answers "Tell me about a project that
 * failed" with "project" in it, and a story from another question answers "a time you worked under pressure" with
 * "worked". The question's focus is its other topic words; an answer that touches none of them (nor a word of their
 * themes) is about something else. Written as general English of interview questions, before looking at which
 * labelled answers it changes.
 */
const SCENE_WORDS = [
  'project', 'projects', 'team', 'teams', 'member', 'job', 'company', 'organisation', 'organization', 'machine', 'learning',
  'ml', 'ai', 'data', 'model', 'models', 'engineer', 'engineers', 'work', 'working', 'keep', 'make', 'take', 'use', 'get',
];
let sceneTerms: ReadonlySet<string> | null = null;

/** The question's topic terms that say what it probes: its topic terms without the words that set its scene. */
function focusTerms(profile: ReferenceProfile): string[] {
  sceneTerms ??= new Set(SCENE_WORDS.map(termOf).filter((term) => term !== ''));
  const scene = sceneTerms;
  return [...profile.questionTerms].filter((term) => !scene.has(term));
}

/*
 * A superlative says which story a question asks for: "the hardest problem", "your biggest mistake", "the best decision".
 * Many have no grading term ("hardest" is tagged an adverb, "biggest", "best" and "greatest" have lemmas that carry no
 * topic anywhere else), so "The hardest thing I've worked on…" shared nothing with "What's the hardest problem you've
 * worked on?". A question's superlative counts as a topic word the answer uses when the answer says the same word in
 * the same degree or as a content word ("hard", "harder"); one the answer does not repeat costs nothing, since a good
 * answer to "your biggest weakness" need not say "biggest".
 */
const isSuperlative = (token: TokenInfo): boolean =>
  (token.pos === 'ADJ' || token.pos === 'ADV') && token.kind === 'word' && token.normal !== token.lemma && /(?:est|^worst)$/.test(token.normal);

const questionSuperlatives = createLru<string, ReadonlyMap<string, string>>(512);

/** The question's superlatives: the key each counts under (its term, else one of its own) by lemma. */
function superlativesOf(question: string): ReadonlyMap<string, string> {
  const cached = questionSuperlatives.get(question);
  if (cached) return cached;
  const keys = new Map<string, string>();
  for (const sentence of analyzeText(question)) {
    for (const token of sentence.tokens) if (isSuperlative(token)) keys.set(token.lemma, token.term === '' ? `superlative:${token.lemma}` : token.term);
  }
  questionSuperlatives.set(question, keys);
  return keys;
}

/** The keys of the question's superlatives the answer repeats. */
function superlativesUsed(sentences: readonly SentenceInfo[], question: string): string[] {
  const keys = superlativesOf(question);
  if (keys.size === 0) return [];
  const used = new Set<string>();
  for (const sentence of sentences) {
    for (const token of sentence.tokens) {
      const key = keys.get(token.lemma);
      if (key !== undefined && (token.term !== '' || isSuperlative(token))) used.add(key);
    }
  }
  return [...used];
}

/** Whether the sentences affirm, not deny, an opposite of one of the focus terms ("proudest" for "failed"). */
function saysOppositeOf(focus: readonly string[], sentences: readonly SentenceInfo[]): boolean {
  const oppositeMap = opposites();
  const affirmed = new Set(sentences.flatMap((sentence) => sentence.tokens.filter((token) => !token.negated && token.term !== '').map((token) => token.term)));
  return focus.some((term) => [...(oppositeMap.get(term) ?? [])].some((opposite) => affirmed.has(opposite)));
}

export function themedRelevance(
  sentences: readonly SentenceInfo[],
  asked: ReferenceProfile,
  question: string,
  typicalShare: number,
  terms: ReadonlyMap<string, number> = termCounts(sentences),
): ThemedRelevance {
  const expanded = new Map(terms);
  const superlatives = superlativesUsed(sentences, question);
  for (const key of superlatives) expanded.set(key, 1);
  const profile = superlatives.every((key) => asked.questionTerms.has(key))
    ? asked
    : { ...asked, questionTerms: new Set([...asked.questionTerms, ...superlatives]) };
  const themeMap = themes();
  for (const term of profile.questionTerms) {
    if (expanded.has(term)) continue;
    const related = themeMap.get(term);
    if (related && [...related].some((member) => terms.has(member))) expanded.set(term, 1);
  }
  timelineTerms ??= new Set(TIMELINE_WORDS.map(termOf).filter((term) => term !== ''));
  const timed = [...profile.questionTerms].filter((term) => !expanded.has(term) && timelineTerms?.has(term));
  if (timed.length > 0 && sentences.some(toldAsTimeline)) for (const term of timed) expanded.set(term, 1);
  // Answers to other questions, borrowed because they looked related, say nothing about whether a
  // behavioural answer is on topic: only the question's words are checked then.
  const relevance = relevanceOf(expanded, profile.fromRelated ? { ...profile, vocabulary: new Set() } : profile, typicalShare);
  const unused = [...profile.questionTerms].filter((term) => !expanded.has(term));
  // Which story is asked for is no focus of its own: "my biggest success" does not answer "your biggest failure".
  const focus = focusTerms(asked);
  const missesFocus = focus.length > 0 && focus.every((term) => !expanded.has(term));
  const usesNone = profile.questionTerms.size > 0 && unused.length === profile.questionTerms.size;
  const words = wordsOfQuestion(question);
  // An answer that misses the question's focus and says its opposite, not denied ("the project I'm proudest of" for
  // "a project that failed"; "I'm not proud of this one" is no opposite), is about something else. Missing the focus
  // while sharing little with the model answer was read so too, and dropped after a review: strong stories told in
  // their own words ("the planners simply didn't use it" for a failure, "the hardest thing I've worked on") were
  // held at 2 on every dimension.
  // The affirmed terms are gathered only for an answer that misses the focus: most answers do not, and gathering them
  // for every grading (twice for a behavioural one) was a fifth of this function's time.
  const saysOpposite = missesFocus && saysOppositeOf(focus, sentences);
  const focusMissed = saysOpposite;
  const score = usesNone || focusMissed ? Math.min(relevance.score, 2) : relevance.score;
  // Without a reference only the question's own words can be checked, and a candidate's paraphrase
  // misses them as surely as an off-topic answer does: that evidence lowers relevance, never more.
  // Both signs are needed: a behavioural reference is someone else's answer, so an on-topic answer can
  // share little of its vocabulary; and a paraphrase can miss the question's words.
  // "What are your weaknesses?" has one topic word, which a good answer need not repeat.
  // A focus answered by its opposite is evidence by itself.
  const offTopic =
    profile.questionTerms.size >= 2 &&
    ((score <= 2 && relevance.referenceShare !== null && relevance.referenceShare < typicalShare && usesNone) || focusMissed);
  return {
    ...relevance,
    questionWords: profile.questionTerms.size,
    offTopic,
    score,
    capped: (usesNone || focusMissed) && relevance.score > 2,
    unusedQuestionWords: (usesNone ? unused : focusMissed ? focus : []).map((term) => words.get(term) ?? term),
  };
}

/** What readResponse reads from the answer alone, whatever the question: computed once per answer. */
interface AnswerReading {
  readonly sentences: readonly ResponseSentence[];
  readonly words: number;
  readonly concrete: readonly string[];
  readonly density: number;
  /** Prose sentences that say something: the ones relevance is measured on. */
  readonly saying: readonly SentenceInfo[];
  /** Their terms, counted once: the type grader and the behavioural calibration both measure relevance on them. */
  readonly sayingTerms: ReadonlyMap<string, number>;
}

// The type grader and the behavioural calibration both read the same answer: the second reading is free.
const readings = new WeakMap<AnswerText, AnswerReading>();

function readingOf(answer: AnswerText): AnswerReading {
  const cached = readings.get(answer);
  if (cached) return cached;
  // A bare list of terms says nothing about them; it is read, but earns no relevance or length.
  const prose = answer.sentences.filter((sentence) => !isTermList(sentence));
  const sentences = classifyAnswer(answer.sentences).map((star) => sentenceOf(star, answer.source));
  const words = prose.reduce((sum, sentence) => sum + wordTokens(sentence).length, 0);
  // Filler ("It depends on the situation.") is on no topic: only sentences that say something count.
  const saying = new Set(sentences.filter((sentence) => sentence.substance > 0).map((sentence) => sentence.star.sentence));
  const contentWords = prose.reduce((sum, sentence) => sum + sentence.tokens.filter((token) => token.term !== '').length, 0);
  const measuredOn = prose.filter((sentence) => saying.has(sentence));
  const reading: AnswerReading = {
    sentences,
    words,
    concrete: [...new Set(sentences.flatMap((sentence) => [...sentence.names, ...sentence.measured, ...sentence.compounds]))],
    density: words === 0 ? 0 : contentWords / words,
    saying: measuredOn,
    sayingTerms: termCounts(measuredOn),
  };
  readings.set(answer, reading);
  return reading;
}

export function readResponse(answer: AnswerText, profile: ReferenceProfile, question: string, typicalShare: number): ResponseFeatures {
  const { sentences, words, concrete, density, saying, sayingTerms } = readingOf(answer);
  return {
    sentences,
    words,
    concrete,
    density,
    relevance: themedRelevance(saying, profile, question, typicalShare, sayingTerms),
    cue: (name) => sentences.reduce((sum, sentence) => sum + (sentence.cues.get(name) ?? 0), 0),
    withCue: (name) => sentences.filter((sentence) => (sentence.cues.get(name) ?? 0) > 0),
  };
}
