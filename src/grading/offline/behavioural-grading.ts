import type { Rubric } from '../../contracts/rubric-schema.js';
import type { AnswerText } from './answer-text.js';
import { concisionOf, type Concision, type LengthBand } from './concision.js';
import type { ReferenceProfile } from './reference-profile.js';
import type { ResponseFeatures, ResponseSentence } from './response-features.js';
import { prioritise, scoreMap, toDimensions, type Advice, type DimensionDraft, type RubricFeedback } from './scoring.js';
import { shorten } from './terms.js';

/** What every per-type grader receives. */
export interface TypeGradeContext {
  readonly rubric: Rubric;
  readonly answer: AnswerText;
  readonly profile: ReferenceProfile;
  readonly question: string;
  /** Advice that applies whatever the type (e.g. sentences addressed to the grader were ignored). */
  readonly extraAdvice: readonly Advice[];
}

const MAX_EVIDENCE = 3;

export const quote = (sentence: ResponseSentence): string => `"${shorten(sentence.star.sentence.text, 90)}"`;

/** The first few distinct sentences, quoted verbatim. */
export const evidenceOf = (sentences: readonly ResponseSentence[]): string[] =>
  [...new Set(sentences)].slice(0, MAX_EVIDENCE).map((sentence) => sentence.star.sentence.text);

/** `items` as "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/** Distinct values, in first-seen order, measured ones ("18%", "$1.5M") before number words ("two"). */
export function detailsOf(sentences: readonly ResponseSentence[]): { measured: string[]; numbers: string[]; names: string[] } {
  const measured = [...new Set(sentences.flatMap((sentence) => sentence.measured))];
  const words = [...new Set(sentences.flatMap((sentence) => sentence.numbers))].filter((value) => !measured.includes(value));
  return { measured, numbers: [...measured, ...words], names: [...new Set(sentences.flatMap((sentence) => sentence.names))] };
}

/**
 * The next anchor of the weakest dimension, as advice: a strong answer still gets one concrete way to
 * improve, and it is the rubric's own description of the next level, so it never invents a flaw.
 */
export function nextLevelAdvice(rubric: Rubric, scores: ReadonlyMap<string, number>): Advice {
  const [weakest] = [...rubric.dimensions].sort(
    (a, b) => (scores.get(a.key) ?? 5) - (scores.get(b.key) ?? 5) || b.weight - a.weight,
  );
  if (!weakest) throw new Error(`rubric ${rubric.id} has no dimensions`);
  const score = scores.get(weakest.key) ?? 5;
  if (score >= 5) {
    return {
      key: weakest.key,
      text: 'Every dimension is at the top of the scale: rehearse the answer aloud within the time, and prepare for a follow-up that probes your reasoning.',
    };
  }
  const next = weakest.levels[score] ?? '';
  return { key: weakest.key, text: `${weakest.label} — to reach ${score + 1}/5: ${next.charAt(0).toLowerCase()}${next.slice(1)}` };
}

/** Dimensions that say how well the question was answered; concision and relevance judge the answer as such. */
const UNCAPPED: ReadonlySet<string> = new Set(['relevance', 'concision']);

/**
 * An answer to a different question cannot be a good answer to this one, however well it is built: every
 * dimension that judges content is held at 2 (the technical grader does the same for off-topic answers).
 */
export function offTopicCapped(drafts: Readonly<Record<string, DimensionDraft>>, offTopic: boolean): Record<string, DimensionDraft> {
  if (!offTopic) return { ...drafts };
  return Object.fromEntries(
    Object.entries(drafts).map(([key, draft]) =>
      UNCAPPED.has(key) || draft.score <= 2
        ? [key, draft]
        : [key, { ...draft, score: 2, rationale: `${draft.rationale} Held at 2: the answer does not address this question.` }],
    ),
  );
}

/** Dimensions in rubric order, improvements by gain (never none), strengths and missing parts. */
export function finishFeedback(
  rubric: Rubric,
  drafts: Readonly<Record<string, DimensionDraft>>,
  advice: readonly Advice[],
  strengths: readonly string[],
  missingPoints: readonly string[],
  offTopic = false,
): RubricFeedback {
  const dimensions = toDimensions(rubric, offTopicCapped(drafts, offTopic));
  const scores = scoreMap(dimensions);
  const focus: Advice[] = offTopic ? [{ key: 'relevance', text: 'Answer the question that was asked: this answer is about something else.' }] : [];
  const keyed = [...focus, ...advice];
  const improvements = prioritise(rubric, scores, keyed.length > 0 ? keyed : [nextLevelAdvice(rubric, scores)]);
  return { dimensions, strengths: offTopic ? [] : [...strengths], improvements, missingPoints: [...missingPoints], advice: keyed };
}

/** Concision against the type's word band, worded for an answer rather than a story. */
export function answerConcision(context: TypeGradeContext, band: LengthBand, densityFrom?: number): Concision {
  return concisionOf(context.answer.sentences, band, {
    short: `aim for ${band.idealMin}–${band.idealMax} words so the answer makes its point`,
    long: 'cut it down to the points that answer the question',
  }, densityFrom);
}

/** The relevance dimension shared by the types that have one. */
export function relevanceDraft(features: ResponseFeatures): DimensionDraft {
  const { relevance } = features;
  if (relevance.capped || relevance.unusedQuestionWords.length > 0) {
    return {
      score: relevance.score,
      rationale: `The answer never uses the question's topic (${listOf(relevance.unusedQuestionWords.map((word) => `"${word}"`))}) or a word for it: it seems to answer a different question.`,
    };
  }
  if (relevance.score <= 2) {
    return { score: relevance.score, rationale: 'Little of the answer is about what the question asks.' };
  }
  return {
    score: relevance.score,
    rationale:
      relevance.questionWords === 0
        ? 'Stays in the subject of the question.'
        : `Uses ${Math.round(relevance.questionCoverage * 100)}% of the question's topic words${relevance.referenceShare === null ? '' : ' and stays in its subject'}.`,
  };
}

export const relevanceAdvice = (features: ResponseFeatures): Advice[] =>
  features.relevance.score <= 2
    ? [{ key: 'relevance', text: 'Answer the question that was asked: name its subject and stay on it.' }]
    : [];

/** The per-type graders share this signature; the offline grader picks one by rubric. */
export type TypeGrader = (context: TypeGradeContext) => RubricFeedback;
