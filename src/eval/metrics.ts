/*
 * Agreement between a grader's scores and people's, as the short-answer grading literature reports it:
 * Pearson r, Spearman ρ, quadratic weighted kappa on the set's own scale, RMSE after a linear map.
 */

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

export function pearson(x: readonly number[], y: readonly number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((value, index) => {
    const dx = value - mx;
    const dy = (y[index] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  });
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Ranks from 1, ties sharing their mean rank. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value || a.index - b.index);
  const result = new Array<number>(values.length).fill(0);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end += 1;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k += 1) result[order[k]?.index ?? 0] = rank;
    start = end + 1;
  }
  return result;
}

export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y));
}

/** Least-squares line y ≈ a + b·x. */
export function linearFit(x: readonly number[], y: readonly number[]): { a: number; b: number } {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  x.forEach((value, index) => {
    sxy += (value - mx) * ((y[index] ?? 0) - my);
    sxx += (value - mx) ** 2;
  });
  const b = sxx === 0 ? 0 : sxy / sxx;
  return { a: my - b * mx, b };
}

/** RMSE of the gold scores against the predictions after the best linear map onto the gold scale. */
export function rmseAfterLinearMap(predicted: readonly number[], gold: readonly number[]): number {
  const { a, b } = linearFit(predicted, gold);
  const squared = predicted.map((value, index) => (a + b * value - (gold[index] ?? 0)) ** 2);
  return Math.sqrt(mean(squared));
}

/**
 * Quadratic weighted kappa over the integer points of `scale`: predictions are mapped onto the scale by
 * the same linear map as the RMSE, then both sides are rounded to the nearest scale point (UNT's gold is
 * the mean of two graders, so it has halves).
 */
export function quadraticWeightedKappa(predicted: readonly number[], gold: readonly number[], scale: readonly [number, number]): number {
  const [low, high] = scale;
  const { a, b } = linearFit(predicted, gold);
  const categories = Math.round(high - low) + 1;
  const toCategory = (value: number): number => Math.min(categories - 1, Math.max(0, Math.round(value - low)));
  const observed = Array.from({ length: categories }, () => new Array<number>(categories).fill(0));
  const rowTotals = new Array<number>(categories).fill(0);
  const columnTotals = new Array<number>(categories).fill(0);
  predicted.forEach((value, index) => {
    const row = toCategory(gold[index] ?? low);
    const column = toCategory(a + b * value);
    const line = observed[row];
    if (line) line[column] = (line[column] ?? 0) + 1;
    rowTotals[row] = (rowTotals[row] ?? 0) + 1;
    columnTotals[column] = (columnTotals[column] ?? 0) + 1;
  });
  const n = predicted.length;
  if (n === 0 || categories < 2) return 0;
  let disagreement = 0;
  let expected = 0;
  for (let i = 0; i < categories; i += 1) {
    for (let j = 0; j < categories; j += 1) {
      const weight = ((i - j) / (categories - 1)) ** 2;
      disagreement += weight * (observed[i]?.[j] ?? 0);
      expected += (weight * (rowTotals[i] ?? 0) * (columnTotals[j] ?? 0)) / n;
    }
  }
  return expected === 0 ? 0 : 1 - disagreement / expected;
}

export interface Agreement {
  readonly n: number;
  readonly pearson: number;
  readonly spearman: number;
  readonly qwk: number;
  readonly rmse: number;
}

export function agreement(predicted: readonly number[], gold: readonly number[], scale: readonly [number, number]): Agreement {
  return {
    n: predicted.length,
    pearson: pearson(predicted, gold),
    spearman: spearman(predicted, gold),
    qwk: quadraticWeightedKappa(predicted, gold, scale),
    rmse: rmseAfterLinearMap(predicted, gold),
  };
}
