import type { DimensionScore, GradeResult } from '../../contracts/feedback-schema.js';
import type { Rubric } from '../../contracts/rubric-schema.js';

/** What a rubric-specific grader returns; the offline grader adds the overall score and grader info. */
export type RubricFeedback = Pick<GradeResult, 'dimensions' | 'strengths' | 'improvements' | 'missingPoints' | 'coverage' | 'corrections'> & {
  /**
   * The advice behind `improvements`, by dimension, where a calibration may move the scores afterwards (the
   * behavioural graders): advice on a dimension the calibration raises to good no longer stands.
   */
  readonly advice?: readonly Advice[];
  /**
   * A practice the grader named that makes the answer unsound ("SMOTE on the whole dataset before splitting"): the
   * calibration, which reads how the answer is worded and not whether its method holds, never raises such an answer,
   * and its overall is held at `overall` at most.
   */
  readonly flaw?: { readonly overall: number; readonly because: string };
};

/** Rounds and clamps to the 1..5 integer scale of every rubric dimension. */
export function clampScore(value: number): number {
  return Math.min(5, Math.max(1, Math.round(value)));
}

export interface DimensionDraft {
  readonly score: number;
  readonly rationale: string;
  readonly evidence?: readonly string[];
}

/** Orders the drafts as the rubric lists its dimensions and labels them from the rubric. */
export function toDimensions(rubric: Rubric, drafts: Readonly<Record<string, DimensionDraft>>): DimensionScore[] {
  return rubric.dimensions.map((dimension) => {
    const draft = drafts[dimension.key];
    if (!draft) throw new Error(`offline grader produced no score for ${dimension.key}`);
    const scored: DimensionScore = {
      key: dimension.key,
      label: dimension.label,
      score: clampScore(draft.score),
      rationale: draft.rationale,
    };
    return draft.evidence ? { ...scored, evidence: [...draft.evidence] } : scored;
  });
}

export function scoreMap(dimensions: readonly DimensionScore[]): Map<string, number> {
  return new Map(dimensions.map((dimension) => [dimension.key, dimension.score]));
}

export interface Advice {
  /** The rubric dimension the advice would raise. */
  readonly key: string;
  readonly text: string;
}

/**
 * Orders advice by how much the overall score would gain (dimension weight × points missing), so the
 * first item is the next improvement to make; it is marked as such.
 */
export function prioritise(rubric: Rubric, scores: ReadonlyMap<string, number>, advice: readonly Advice[]): string[] {
  const gain = (key: string): number => {
    const dimension = rubric.dimensions.find((candidate) => candidate.key === key);
    return (dimension?.weight ?? 0) * (5 - (scores.get(key) ?? 5));
  };
  const ordered = advice
    .map((item, index) => ({ item, index, gain: gain(item.key) }))
    .sort((a, b) => b.gain - a.gain || a.index - b.index)
    .map(({ item }) => item.text);
  const [first, ...rest] = ordered;
  return first === undefined ? [] : [`Next step: ${first}`, ...rest];
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * An answer built on a practice the grader named as unsound (`RubricFeedback.flaw`) is held at the flaw's overall:
 * its other dimensions, the highest first (heavier first among equals), come down one point at a time until the
 * weighted mean is at most that. Relevance is left alone: the answer is on the question, only wrong.
 */
export function flawCapped(rubric: Rubric, dimensions: readonly DimensionScore[], flaw: NonNullable<RubricFeedback['flaw']>): DimensionScore[] {
  const scores = scoreMap(dimensions);
  const weightOf = new Map(rubric.dimensions.map((dimension) => [dimension.key, dimension.weight]));
  const total = rubric.dimensions.reduce((sum, dimension) => sum + dimension.weight, 0);
  const mean = () => rubric.dimensions.reduce((sum, dimension) => sum + (scores.get(dimension.key) ?? 0) * dimension.weight, 0) / total;
  const movable = dimensions.map((dimension) => dimension.key).filter((key) => key !== 'relevance');
  while (mean() > flaw.overall) {
    const [highest] = movable
      .filter((key) => (scores.get(key) ?? 1) > 1)
      .sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0) || (weightOf.get(b) ?? 0) - (weightOf.get(a) ?? 0));
    if (highest === undefined) break;
    scores.set(highest, (scores.get(highest) ?? 2) - 1);
  }
  return dimensions.map((dimension) => {
    const score = scores.get(dimension.key) ?? dimension.score;
    return score === dimension.score ? dimension : { ...dimension, score, rationale: `${dimension.rationale} Held at ${score}: ${flaw.because}.` };
  });
}

/**
 * Highest correctness of an answer that asserts a known misconception, and the highest overall it is held at: the
 * claim is wrong whatever words of the model answer the rest of it uses.
 */
export const MISCONCEPTION_CORRECTNESS = 2;
export const MISCONCEPTION_OVERALL = 2.5;
export const MISCONCEPTION_FLAW = 'the answer states a known misconception';

/**
 * The dimensions of an answer found to state a known misconception, by whichever grader scored them: correctness held
 * at MISCONCEPTION_CORRECTNESS and the whole at MISCONCEPTION_OVERALL (`flawCapped`).
 */
export function misconceptionCapped(rubric: Rubric, dimensions: readonly DimensionScore[]): DimensionScore[] {
  const held = dimensions.map((dimension) =>
    dimension.key === 'correctness' && dimension.score > MISCONCEPTION_CORRECTNESS
      ? { ...dimension, score: MISCONCEPTION_CORRECTNESS, rationale: `${dimension.rationale} Held at ${MISCONCEPTION_CORRECTNESS}: ${MISCONCEPTION_FLAW}.` }
      : dimension,
  );
  return flawCapped(rubric, held, { overall: MISCONCEPTION_OVERALL, because: MISCONCEPTION_FLAW });
}
