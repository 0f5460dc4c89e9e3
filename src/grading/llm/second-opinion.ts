import type { DimensionScore, GradeResult, SecondOpinion } from '../feedback-schema.js';

/*
 * When the offline grader's view makes a model grade worth checking. Thresholds are on the 1–5 scale:
 * half of the scale's steps would be 2, but overalls are weighted means that move less than any one
 * dimension, so they disagree sooner.
 */
export const OVERALL_GAP = 1.5;
export const DIMENSION_GAP = 2;

/** Differences are taken at one decimal, as scores are shown: 3.4 − 1.9 is 1.5, not 1.4999…. */
const gap = (a: number, b: number) => Math.round(Math.abs(a - b) * 10) / 10;

/** The offline grade as a second opinion on `model`, flagged when the two disagree. */
export function secondOpinion(model: { overall: number; dimensions: readonly DimensionScore[] }, offline: GradeResult): SecondOpinion {
  const offlineScores = new Map(offline.dimensions.map((dimension) => [dimension.key, dimension.score]));
  const dimensionsDisagree = model.dimensions.some((dimension) => {
    const other = offlineScores.get(dimension.key);
    return other !== undefined && gap(dimension.score, other) >= DIMENSION_GAP;
  });
  return {
    kind: 'offline',
    overall: offline.overall,
    dimensions: offline.dimensions.map(({ key, label, score, rationale }) => ({ key, label, score, rationale })),
    flagged: gap(model.overall, offline.overall) >= OVERALL_GAP || dimensionsDisagree,
    version: offline.grader.promptVersion,
  };
}
