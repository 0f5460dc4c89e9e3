import type { Rubric } from '../../contracts/rubric-schema.js';
import type { AnswerText } from './answer-text.js';
import { EMPTY_SENTENCE_ADVICE, predictWithoutReference, readWithoutReference, type NoReferenceFeatures, type NoReferenceModel, type NoReferenceReading } from './no-reference.js';
import type { ReferenceProfile } from './reference-profile.js';
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
} from './scoring.js';
import { findCodeBugs } from './code-bugs.js';
import { correctionAdvice, correctionOf, findMisconceptions, misconceptionNote } from './misconceptions.js';
import { answerShape, type AnswerShape, type TechnicalFeedback } from './technical-grader.js';
import { shorten } from './terms.js';

/*
 * The technical grade of an answer to a question with no reference at all (no-reference.ts reads it). The card says
 * that no model answer was available and what the score rests on; its dimensions and advice follow from what was
 * measured: a tautology or a hedge is not called clear, and the advice names what is missing for this question
 * ("say why", "cover Y as well as X").
 */

/** Without a reference nothing is checked: a fitted estimate never earns more correctness than this. */
const UNCHECKED_MAX = 4;
/** Highest correctness, coverage and clarity of an answer that defines the question's term by itself or only hedges. */
const EMPTY_MAX = 2;
/** Share of empty sentences (fewer than two terms beyond the question's) past which the answer says next to nothing. */
const MOSTLY_EMPTY = 0.5;
/** Coverage lost for each thing the question asks for that the answer does not give (a reason, how, when, the other side). */
const UNMET_COST = 1;

const quote = (text: string): string => `"${shorten(text, 90)}"`;

/** "a, b and c". */
const listed = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`);

const NO_MODEL_ANSWER = 'No model answer was available for this question, so nothing in the answer was checked against one';

/** What the estimate rests on, in words: the measured signals. */
function basisOf(reading: NoReferenceReading): string {
  const { features } = reading;
  const parts = [
    `${reading.domainWords.length >= 6 ? '6 or more' : reading.domainWords.length} terms the corpus uses beyond the question's own words (rarer ones weigh more)${reading.domainWords.length > 0 ? ` (${listed(reading.domainWords.slice(0, 3).map((word) => `"${word}"`))}…)` : ''}`,
    `${features.reasons} sentence${features.reasons === 1 ? '' : 's'} giving a reason or mechanism`,
    `${features.examples} with an example or a number`,
    `${features.conditions} with a condition or trade-off`,
  ];
  return parts.join(', ');
}

function draftsOf(reading: NoReferenceReading, shape: AnswerShape, quality: number): Record<string, DimensionDraft> {
  const { features, circular, unmet, demands } = reading;
  const mostlyEmpty = features.emptyShare >= MOSTLY_EMPTY && features.reasons === 0;
  // Hollow as a whole: mostly sentences that add nothing, among them a circular definition or a hedge. One such
  // sentence in an answer that explains elsewhere is advised on, not capped.
  const hollow = mostlyEmpty && (circular !== undefined || reading.hedges.length > 0);
  const emptyNote = !hollow
    ? ''
    : circular !== undefined
      ? ` It defines the question's term with its own words (${quote(circular)}).`
      : reading.deferrals.length > 0
        ? ` Most of it puts off the answer without committing to a claim (${quote(reading.deferrals[0] ?? '')}).`
        : ` Most of it warns or rates without saying what or why (${quote(reading.hedges[0] ?? '')}).`;

  let correctness = Math.min(UNCHECKED_MAX, quality);
  if (shape.stuffed || hollow) correctness = Math.min(correctness, EMPTY_MAX);
  const correctnessDraft: DimensionDraft = {
    score: correctness,
    rationale: shape.stuffed
      ? `${NO_MODEL_ANSWER}; the answer lists terms without statements that could be right or wrong.`
      : `${NO_MODEL_ANSWER}: this is an estimate of how much the answer explains, not a fact check, and a fluent answer that is wrong can score mid-scale. It rests on ${basisOf(reading)}.${emptyNote}`,
  };

  // Coverage: what the question asks for, as far as it can be told without a model answer.
  let coverage = quality - UNMET_COST * unmet.length;
  if (shape.stuffed || hollow) coverage = Math.min(coverage, EMPTY_MAX);
  const asked = [
    demands.reason ? 'why' : '',
    demands.mechanism ? 'how' : '',
    demands.conditions ? 'when' : '',
    demands.sides ? `both ${quote(demands.sides[0].text)} and ${quote(demands.sides[1].text)}` : '',
  ].filter((part) => part !== '');
  const missing = unmet.map((kind) =>
    kind === 'sides' && demands.sides
      ? `it names ${reading.sidesNamed.length === 0 ? 'neither side' : `only ${quote(reading.sidesNamed[0]?.text ?? '')}`}`
      : kind === 'reason'
        ? 'it gives no reason'
        : kind === 'mechanism'
          ? 'it does not say how'
          : 'it states no condition',
  );
  const coverageDraft: DimensionDraft = {
    score: Math.max(1, coverage),
    rationale:
      asked.length === 0
        ? 'No reference answer for this question, so no key points could be checked; judged by how much of the topic the answer explains.'
        : `No reference answer for this question, so no key points could be checked; the question asks ${listed(asked)}${missing.length > 0 ? `, and ${listed(missing)}` : ', and the answer addresses it'}.`,
    evidence: [...reading.reasons, ...reading.conditions].slice(0, 2),
  };

  const kinds = [features.reasons > 0 ? 'reasons' : '', features.examples > 0 ? 'an example' : '', features.conditions > 0 ? 'conditions or trade-offs' : ''].filter((kind) => kind !== '');
  // Depth follows the estimate, half a point up for each kind of explanation shown (at most one), down for none: the
  // kinds alone are cue words with content, which fluent wrong answers have as often as right ones.
  let depth = Math.min(5, quality + (kinds.length >= 2 ? 1 : kinds.length === 1 ? 0.5 : -0.5));
  let depthRationale = kinds.length > 0 ? `Explains with ${listed(kinds)}, e.g. ${quote(reading.reasons[0] ?? reading.examples[0] ?? reading.conditions[0] ?? '')}.` : 'States no reason, example or condition.';
  if (shape.stuffed || hollow) {
    depth = 1;
    depthRationale = 'No explanation of the topic beyond naming it.';
  } else if (shape.truncated) {
    depth = Math.min(depth, 2);
    depthRationale = `The answer stops mid-sentence. ${depthRationale}`;
  }
  const depthDraft: DimensionDraft = { score: depth, rationale: depthRationale, evidence: [...reading.reasons, ...reading.examples].slice(0, 2) };

  const clarityDraft = clarityOf(shape, hollow, emptyNote, clampScore(correctness) + 1);
  return { correctness: correctnessDraft, coverage: coverageDraft, depth: depthDraft, clarity: clarityDraft };
}

function clarityOf(shape: AnswerShape, hollow: boolean, emptyNote: string, cap: number): DimensionDraft {
  if (shape.stuffed) return { score: 1, rationale: 'A list of keywords rather than sentences that explain them.' };
  if (hollow) return { score: EMPTY_MAX, rationale: `Grammatical, but it says next to nothing beyond the question's words.${emptyNote}` };
  let draft: DimensionDraft;
  const last = shape.sentences.at(-1);
  if (shape.truncated && last) draft = { score: 2, rationale: `The answer breaks off mid-sentence at ${quote(last.text)}.` };
  else if (shape.listsOnly) draft = { score: 4, rationale: 'A structured list: each item states something, though not in full sentences.' };
  else if (shape.withVerbShare < 0.5) draft = { score: 2, rationale: `Mostly fragments: only ${Math.round(shape.withVerbShare * 100)}% of the sentences have a verb.` };
  else if (shape.averageLength > 40) draft = { score: 3, rationale: `Understandable, but sentences average ${Math.round(shape.averageLength)} words, which is hard to follow when spoken.` };
  else draft = { score: 4, rationale: shape.sentences.length === 1 ? 'One clear, complete sentence.' : `Clear, complete sentences (${Math.round(shape.averageLength)} words on average).` };
  return draft.score > cap ? { ...draft, score: cap, rationale: `${draft.rationale} Clarity counts at most one point above the estimated correctness.` } : draft;
}

function adviceOf(reading: NoReferenceReading, shape: AnswerShape, scores: ReadonlyMap<string, number>): Advice[] {
  const advice: Advice[] = [];
  const { demands, circular, unmet } = reading;
  if (shape.stuffed) {
    advice.push({
      key: 'clarity',
      text:
        shape.listedTerms.length > 0
          ? `Say what ${shape.listedTerms.map((term) => `"${term}"`).join(', ')} and the other terms you list do here, in full sentences: a list shows recall, not understanding.`
          : 'Explain the ideas in full sentences: a list of keywords shows recall, not understanding.',
    });
  }
  if (circular !== undefined) {
    advice.push({ key: 'correctness', text: EMPTY_SENTENCE_ADVICE.circular(quote(circular)) });
  }
  const [hedge] = reading.hedges;
  const [deferral] = reading.deferrals;
  if (deferral !== undefined && reading.features.reasons === 0) {
    advice.push({ key: 'correctness', text: EMPTY_SENTENCE_ADVICE.defers(quote(deferral)) });
  } else if (hedge !== undefined && reading.features.reasons === 0) {
    advice.push({ key: 'depth', text: EMPTY_SENTENCE_ADVICE.hedge(quote(hedge)) });
  }
  if (unmet.includes('reason')) advice.push({ key: 'coverage', text: 'The question asks why: say why, with the reason ("because …", "so that …").' });
  if (unmet.includes('mechanism')) advice.push({ key: 'coverage', text: 'The question asks how: say how it works or what you would do, step by step.' });
  if (unmet.includes('conditions')) advice.push({ key: 'coverage', text: 'The question asks when: state the conditions under which it applies, and when it does not.' });
  if (unmet.includes('sides') && demands.sides) {
    const [first, second] = demands.sides;
    const named = reading.sidesNamed[0];
    const other = named === undefined ? undefined : named === first ? second : first;
    advice.push({
      key: 'coverage',
      text:
        named !== undefined && other !== undefined
          ? `Cover ${quote(other.text)} as well as ${quote(named.text)}: the question asks you to compare the two.`
          : `Name both ${quote(first.text)} and ${quote(second.text)} and say how they differ.`,
    });
  }
  if (!shape.stuffed && circular === undefined && reading.features.examples === 0 && (scores.get('depth') ?? 0) <= 3) {
    advice.push({ key: 'depth', text: 'Give a concrete example or a number that shows it in practice.' });
  }
  if (!shape.stuffed && reading.features.reasons === 0 && !unmet.includes('reason') && circular === undefined && hedge === undefined) {
    advice.push({ key: 'depth', text: 'Say why it works or what it leads to, not only what it is.' });
  }
  if (!shape.stuffed && !shape.truncated && !shape.listsOnly && shape.withVerbShare < 0.5) {
    advice.push({ key: 'clarity', text: 'Turn fragments into full sentences and lead with the main point.' });
  }
  if (shape.truncated && !shape.stuffed) {
    const last = shape.sentences.at(-1);
    if (last) advice.push({ key: 'clarity', text: `Finish the thought that breaks off at ${quote(last.text)}; a complete short answer beats a cut-off long one.` });
  }
  advice.push({
    key: 'none',
    text: "There is no model answer for this question, so nothing in the answer was checked against one: grade it against your own reference answer (a course's answer key, documentation) to have its points checked.",
  });
  return advice;
}

export interface NoReferenceMeasurement {
  readonly features: NoReferenceFeatures;
}

const readingOf = (answer: AnswerText, profile: ReferenceProfile, question: string): { shape: AnswerShape; reading: NoReferenceReading } => {
  const shape = answerShape(answer, profile);
  return { shape, reading: readWithoutReference(question, profile.questionTerms, shape.explanatory, shape.sentences, shape.stuffed) };
};

/** The no-reference model's inputs for an answer, for fitting (src/eval/no-reference-fit.ts). */
export function measureWithoutReference(answer: AnswerText, profile: ReferenceProfile, question: string): NoReferenceMeasurement {
  return { features: readingOf(answer, profile, question).reading.features };
}

export function gradeWithoutReference(
  rubric: Rubric,
  answer: AnswerText,
  profile: ReferenceProfile,
  question: string,
  extraAdvice: readonly Advice[],
  model: NoReferenceModel,
): TechnicalFeedback {
  const { shape, reading } = readingOf(answer, profile, question);
  const quality = 1 + 4 * predictWithoutReference(model, reading.features);
  // The question's topic is enough to know its common errors: a misconception is wrong with or without a model answer.
  // Known bugs in the answer's own code need no reference either, as in the technical grader.
  const misconceptions = [...findMisconceptions(shape.explanatory, profile.misconceptions), ...findCodeBugs(shape.explanatory)];
  const drafts = draftsOf(reading, shape, quality);
  const [first] = misconceptions;
  if (first) {
    const { correctness } = drafts;
    drafts.correctness = {
      score: Math.min(correctness?.score ?? MISCONCEPTION_CORRECTNESS, MISCONCEPTION_CORRECTNESS),
      rationale: `${correctness?.rationale ?? ''} ${misconceptionNote(first.sentence, first.entry)}.`.trim(),
    };
  }
  const dimensions = toDimensions(rubric, drafts);
  const scores = scoreMap(dimensions);
  const strengths: string[] = [];
  const hollow = (scores.get('clarity') ?? 0) <= EMPTY_MAX && reading.features.emptyShare >= MOSTLY_EMPTY;
  if (!shape.stuffed && !hollow) {
    // A sentence the card corrects is no strength.
    const wrong = new Set(misconceptions.map((found) => found.sentence.text));
    const [reason] = reading.reasons.filter((text) => !wrong.has(text));
    if (reason !== undefined) strengths.push(`Explains why or how: ${quote(reason)}`);
    const [example] = reading.examples.filter((text) => !wrong.has(text));
    if (example !== undefined && example !== reason) strengths.push(`Grounds it in an example: ${quote(example)}`);
    if (reading.demands.sides && reading.sidesNamed.length === 2) strengths.push(`Addresses both ${quote(reading.demands.sides[0].text)} and ${quote(reading.demands.sides[1].text)}.`);
  }
  const corrections: Advice[] = misconceptions.map((found) => ({ key: 'correctness', text: correctionAdvice(found.sentence, found.entry) }));
  return {
    ...(first
      ? {
          flaw: { overall: MISCONCEPTION_OVERALL, because: MISCONCEPTION_FLAW },
          corrections: misconceptions.map(correctionOf),
        }
      : {}),
    dimensions,
    strengths,
    improvements: prioritise(rubric, scores, [...corrections, ...adviceOf(reading, shape, scores), ...extraAdvice]),
    missingPoints: [],
  };
}
