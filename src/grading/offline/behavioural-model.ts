import { z } from 'zod';
import modelData from '../../../data/grader/behavioural-model.json' with { type: 'json' };
import type { DimensionScore } from '../../contracts/feedback-schema.js';
import { RubricIdSchema, type Rubric } from '../../contracts/rubric-schema.js';
import type { AnswerText } from './answer-text.js';
import type { ReferenceProfile } from './reference-profile.js';
import { readResponse } from './response-features.js';
import { scoreMap } from './scoring.js';

/*
 * The fitted part of the behavioural graders. Each question type's grader scores its rubric's dimensions
 * by rules (the arc, the steps, the reasons…); people grading the same answers also weigh how the answer
 * reads as a whole: padding and hedging, checkable specifics, whether it stays with the question. One
 * ridge regression, over every type, turns the rules' overall score and a handful of such measurements
 * into a quality estimate, fitted to the labelled behavioural answers by `npm run fit:behavioural`
 * (src/eval/behavioural-fit.ts) and measured by leaving whole questions out (`npm run eval`). The
 * weights are data with a version, recorded in every behavioural feedback as `weightsVersion`.
 */

export const BEHAVIOURAL_FEATURE_NAMES = [
  /** The weighted mean of the type grader's dimension scores, before calibration. */
  'rules',
  /** ln(1 + words): long answers are not better or worse by length alone, but length shifts the rest. */
  'logWords',
  /** Share of the words that carry content. */
  'density',
  /** Words per sentence, at most 40: dense, joined-up statements against strings of short fragments. */
  'wordsPerSentence',
  /** Filler words ("basically", "like", "kind of") per sentence. */
  'fillers',
  /** Unsure or evasive phrases ("I guess", "not sure", "whatever you offer") per sentence. */
  'unsure',
  /** Clichés and generic praise ("team player", "perfectionist", "great culture"). */
  'cliches',
  /** Distinct measured values ("18%", "$1.5M", "3 weeks"), at most 4. */
  'measured',
  /** Distinct checkable specifics (names, measured values, noun compounds), at most 8. */
  'concrete',
  /** Share of sentences that are hypothetical ("I would…"). */
  'hypothetical',
  /** Share of the question's topic terms the answer uses (themes count). */
  'questionCoverage',
  /** Share of the answer's terms in the question or its reference; the training mean when there is no reference. */
  'referenceShare',
] as const;
export type BehaviouralFeatureName = (typeof BEHAVIOURAL_FEATURE_NAMES)[number];
export type BehaviouralFeatures = Record<BehaviouralFeatureName, number | null>;

export const BehaviouralModelSchema = z.object({
  version: z.string().min(1),
  about: z.string(),
  ridge: z.number().nonnegative(),
  features: z.array(z.enum(BEHAVIOURAL_FEATURE_NAMES)),
  /** Per feature: the training mean and standard deviation it is standardised with, and its weight. */
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  /** On the 1–5 scale of the rubrics. */
  intercept: z.number(),
  /** Predictions are stretched around the intercept back to the spread of the grades (see technical-model.ts). */
  stretch: z.number().positive(),
  /** The rubrics of the answers it was fitted on: answers to other rubrics keep their rule scores. */
  rubrics: z.array(RubricIdSchema),
  trainedOn: z.array(z.object({ name: z.string(), sha256: z.string(), questions: z.number().int(), answers: z.number().int() })),
});
export type BehaviouralModel = z.infer<typeof BehaviouralModelSchema>;

export const SHIPPED_BEHAVIOURAL_MODEL: BehaviouralModel = BehaviouralModelSchema.parse(modelData);

const TYPICAL_SHARE = 0.35;

/** The model's inputs for one answer graded by rules at `rules`. */
export function measureBehavioural(answer: AnswerText, profile: ReferenceProfile, question: string, rules: number): BehaviouralFeatures {
  const response = readResponse(answer, profile, question, TYPICAL_SHARE);
  const sentences = Math.max(1, response.sentences.length);
  const perSentence = (count: number) => count / sentences;
  const fillers = answer.sentences.reduce((sum, sentence) => sum + (sentence.cues.get('filler') ?? 0), 0);
  const measured = new Set(response.sentences.flatMap((sentence) => sentence.measured));
  return {
    rules,
    logWords: Math.log1p(response.words),
    density: response.density,
    wordsPerSentence: Math.min(40, response.words / sentences),
    fillers: perSentence(fillers),
    unsure: perSentence(response.cue('unsure')),
    cliches: response.cue('cliche') + response.cue('genericPraise'),
    measured: Math.min(4, measured.size),
    concrete: Math.min(8, response.concrete.length),
    hypothetical: perSentence(response.sentences.filter((sentence) => sentence.star.mode === 'hypothetical').length),
    questionCoverage: response.relevance.questionCoverage,
    referenceShare: response.relevance.referenceShare,
  };
}

/** The linear score before stretching: what the ridge regression fits (a missing value counts as the training mean). */
export function behaviouralLinearScore(model: Pick<BehaviouralModel, 'features' | 'mean' | 'scale' | 'weights'>, features: BehaviouralFeatures): number {
  let value = 0;
  model.features.forEach((name, index) => {
    const mean = model.mean[index] ?? 0;
    const x = features[name] ?? mean;
    value += (model.weights[index] ?? 0) * ((x - mean) / (model.scale[index] ?? 1));
  });
  return value;
}

/** Estimated quality on 1..5. */
function predictBehavioural(model: BehaviouralModel, features: BehaviouralFeatures): number {
  return Math.min(5, Math.max(1, model.intercept + model.stretch * behaviouralLinearScore(model, features)));
}

/** How each measurement reads when it is above its training mean and when below, for rationales. */
const READINGS: Readonly<Record<BehaviouralFeatureName, readonly [string, string]>> = {
  rules: ["strong on the rubric's own measures", "weak on the rubric's own measures"],
  logWords: ['long', 'short'],
  density: ['dense with content', 'padded with words that say little'],
  wordsPerSentence: ['joined-up statements', 'short fragments'],
  fillers: ['filler words', 'no filler words'],
  unsure: ['unsure phrases', 'nothing unsure'],
  cliches: ['clichés', 'no clichés'],
  measured: ['measured values', 'no measured values'],
  concrete: ['checkable specifics', 'few checkable specifics'],
  hypothetical: ['hypotheticals', 'few hypotheticals'],
  questionCoverage: ["the question's own words", "its own words rather than the question's"],
  referenceShare: ["a model answer's vocabulary", "little of a model answer's vocabulary"],
};

/** The two measurements that pushed the estimate furthest in one direction, as words. */
function drivers(model: BehaviouralModel, features: BehaviouralFeatures, up: boolean): string[] {
  return model.features
    .map((name, index) => {
      const mean = model.mean[index] ?? 0;
      const x = features[name] ?? mean;
      return { name, above: x >= mean, push: ((model.weights[index] ?? 0) * (x - mean)) / (model.scale[index] ?? 1) };
    })
    .filter((driver) => (up ? driver.push > 0 : driver.push < 0))
    .sort((a, b) => Math.abs(b.push) - Math.abs(a.push))
    .slice(0, 2)
    .map((driver) => READINGS[driver.name][driver.above ? 0 : 1]);
}

/** A dimension the rules scored below this is a weakness they found: the estimate never raises it. */
const MIN_RAISED = 3;

/** How far the estimate may raise a dimension above the rules' score. */
const MAX_RAISE = 1;

/** Dimensions the estimate may move: not those that judge whether the answer is on the question. */
const FIXED: ReadonlySet<string> = new Set(['relevance']);

/**
 * Moves dimension scores one point at a time towards the model's estimate — always the highest that can
 * move, heavier dimensions first among equals — until the overall score is as close to it as whole points
 * allow. A dimension the rules scored 1 or 2, or the answer's weakest, is never raised, so the weaknesses
 * they found stay in view; none is raised more than one point; and an answer held off-topic (relevance at most 2), or
 * one whose grader named an unsound practice (`raise: false`), is never raised at all. Each moved dimension says so in its rationale, with the measurements that moved it.
 */
export function calibrateDimensions(
  rubric: Rubric,
  dimensions: readonly DimensionScore[],
  model: BehaviouralModel,
  features: BehaviouralFeatures,
  options: { readonly raise?: boolean } = {},
): DimensionScore[] {
  // A rubric without labelled answers (the explanation type's) is not extrapolated to: plain language is
  // what it judges, and the model, fitted on other types, rewards the dense technical wording it penalises.
  if (!model.rubrics.includes(rubric.id)) return [...dimensions];
  const estimate = predictBehavioural(model, features);
  const scores = scoreMap(dimensions);
  const weightOf = new Map(rubric.dimensions.map((dimension) => [dimension.key, dimension.weight]));
  const movable = dimensions.filter((dimension) => !FIXED.has(dimension.key)).map((dimension) => dimension.key);
  const offTopic = (scores.get('relevance') ?? 5) <= 2;
  // Unrounded, so that moving a light dimension counts even when the rounded overall does not change.
  const mean = () =>
    rubric.dimensions.reduce((sum, dimension) => sum + (scores.get(dimension.key) ?? 0) * dimension.weight, 0) /
    rubric.dimensions.reduce((sum, dimension) => sum + dimension.weight, 0);
  const up = estimate > mean();
  if (up && (offTopic || options.raise === false)) return [...dimensions];
  const ruled = scoreMap(dimensions);
  const weakest = Math.min(...movable.map((key) => scores.get(key) ?? 5));
  for (;;) {
    // The highest dimension that can move and brings the overall closer. What the rules found weak stays
    // in view: a dimension at 1 or 2, or the weakest of the answer's dimensions, is never raised.
    const candidates = movable
      .filter((candidate) => {
        const score = scores.get(candidate) ?? 3;
        // How the answer reads lifts a dimension one level above what its rule found, never two: a 5 needs the rule to
        // have found a 4's worth ("Raised from 3 to 5" was given to an approach whose rule found no reason at all).
        return up ? score < 5 && score >= MIN_RAISED && score > weakest && score - (ruled.get(candidate) ?? score) < MAX_RAISE : score > 1;
      })
      .sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0) || (weightOf.get(b) ?? 0) - (weightOf.get(a) ?? 0));
    const before = Math.abs(mean() - estimate);
    const moved = candidates.find((key) => {
      const previous = scores.get(key) ?? 3;
      scores.set(key, previous + (up ? 1 : -1));
      if (Math.abs(mean() - estimate) < before) return true;
      scores.set(key, previous);
      return false;
    });
    if (moved === undefined) break;
  }
  const why = drivers(model, features, up);
  const reason = `the answer as a whole reads ${up ? 'stronger' : 'weaker'} than this measure alone${why.length > 0 ? ` (${why.join(', ')})` : ''}`;
  return dimensions.map((dimension) => {
    const score = scores.get(dimension.key) ?? dimension.score;
    if (score === dimension.score) return dimension;
    if (score < dimension.score) return { ...dimension, score, rationale: `${dimension.rationale} Lowered from ${dimension.score}: ${reason}.` };
    // The rules' rationale explains their lower score ("Only one action of yours is described"): read first, beside the
    // raised score, it would give the reason for another score. The raise comes first, and the rules' reading is named
    // as what the measure alone found. The level's anchor is not used: it claims what no rule checked ("Confident and
    // collaborative" for "I am not open to negotiation").
    const alone = dimension.rationale.charAt(0).toLowerCase() + dimension.rationale.slice(1);
    return { ...dimension, score, rationale: `Raised from ${dimension.score} to ${score}: ${reason}. This measure alone found: ${alone}` };
  });
}
