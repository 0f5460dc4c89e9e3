/*
 * Weighted ridge regression by its normal equations: a handful of features, so a direct solve is exact,
 * fast and deterministic (same data in the same order → the same weights, bit for bit).
 */

export interface RidgeFit {
  readonly mean: number[];
  readonly scale: number[];
  readonly weights: number[];
  readonly intercept: number;
}

export interface Sample {
  readonly x: readonly number[];
  readonly y: number;
  readonly weight: number;
}

/** Solves A·w = b by Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] ?? 0]);
  for (let column = 0; column < n; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < n; row += 1) {
      if (Math.abs(a[row]?.[column] ?? 0) > Math.abs(a[pivot]?.[column] ?? 0)) pivot = row;
    }
    const swap = a[column];
    a[column] = a[pivot] ?? [];
    a[pivot] = swap ?? [];
    const head = a[column] ?? [];
    const divisor = head[column] ?? 0;
    if (Math.abs(divisor) < 1e-12) continue;
    for (let row = 0; row < n; row += 1) {
      if (row === column) continue;
      const line = a[row] ?? [];
      const factor = (line[column] ?? 0) / divisor;
      if (factor === 0) continue;
      for (let k = column; k <= n; k += 1) line[k] = (line[k] ?? 0) - factor * (head[k] ?? 0);
    }
  }
  return Array.from({ length: n }, (_, i) => {
    const divisor = a[i]?.[i] ?? 0;
    return Math.abs(divisor) < 1e-12 ? 0 : (a[i]?.[n] ?? 0) / divisor;
  });
}

/**
 * Fits y ≈ intercept + Σ weights·(x − mean)/scale, minimising the weighted squared error plus
 * `lambda`·Σ weights² (features standardised first, the intercept not penalised).
 */
export function fitRidge(samples: readonly Sample[], lambda: number): RidgeFit {
  const dimensions = samples[0]?.x.length ?? 0;
  const total = samples.reduce((sum, sample) => sum + sample.weight, 0);
  const mean = Array.from({ length: dimensions }, (_, j) => samples.reduce((sum, s) => sum + s.weight * (s.x[j] ?? 0), 0) / total);
  const scale = Array.from({ length: dimensions }, (_, j) => {
    const variance = samples.reduce((sum, s) => sum + s.weight * ((s.x[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / total;
    // A constant feature carries nothing; scale 1 keeps it harmless.
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  const yMean = samples.reduce((sum, s) => sum + s.weight * s.y, 0) / total;
  const gram = Array.from({ length: dimensions }, () => new Array<number>(dimensions).fill(0));
  const moment = new Array<number>(dimensions).fill(0);
  for (const sample of samples) {
    const z = sample.x.map((value, j) => (value - (mean[j] ?? 0)) / (scale[j] ?? 1));
    for (let i = 0; i < dimensions; i += 1) {
      moment[i] = (moment[i] ?? 0) + sample.weight * (z[i] ?? 0) * (sample.y - yMean);
      const row = gram[i] ?? [];
      for (let j = 0; j < dimensions; j += 1) row[j] = (row[j] ?? 0) + sample.weight * (z[i] ?? 0) * (z[j] ?? 0);
    }
  }
  // Penalty per unit of total weight, so lambda means the same whatever the weights add up to.
  for (let i = 0; i < dimensions; i += 1) {
    const row = gram[i] ?? [];
    row[i] = (row[i] ?? 0) + lambda * total;
  }
  return { mean, scale, weights: solve(gram, moment), intercept: yMean };
}
