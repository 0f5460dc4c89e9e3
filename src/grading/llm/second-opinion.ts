import { DIMENSION_GAP, OVERALL_GAP, type DimensionScore, type GradeResult, type SecondOpinion } from '../../contracts/feedback-schema.js';

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
