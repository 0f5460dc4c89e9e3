import { NO_REFERENCE_FEATURES, NO_REFERENCE_SIGNS, noReferenceLinear, type NoReferenceFeatures, type NoReferenceModel } from '../grading/offline/no-reference.js';
import { perSetSamples, round, stretch, trainedOnPerSet, versioned, type TrainingSet } from './fit-common.js';
import type { GradedAnswer } from './fit.js';
import { fitRidge, type RidgeFit, type Sample } from './ridge.js';

/** Ridge penalty per unit of sample weight (see data/grader/README.md, round 11). */
export const NO_REFERENCE_RIDGE = 0.1;

/**
 * Where an answer of average features lands: the middle of the scale. The slopes are learnt within sets; the level is
 * not (sets grade on their own scales and mix strong and weak answers in their own proportions), and without a
 * reference nothing says an average answer is right or wrong.
 */
const NO_REFERENCE_CENTRE = 0.5;

type Measured = GradedAnswer & { noReference: NoReferenceFeatures };

/** Sweeps of coordinate descent: the constrained problem is convex and small, so a fixed count converges and stays deterministic. */
const SWEEPS = 2000;

/**
 * Ridge with every weight on the side NO_REFERENCE_SIGNS gives it (a weight the data would turn round is 0): the
 * penalised least-squares problem of ridge.ts with sign constraints, solved exactly by coordinate descent on
 * standardised features. Deterministic.
 */
function signedRidge(samples: readonly (Sample & { set: string })[], ridge: number): RidgeFit {
  // The unconstrained fit gives the standardisation.
  const { mean, scale } = fitRidge(samples, ridge);
  const total = samples.reduce((sum, sample) => sum + sample.weight, 0);
  const n = NO_REFERENCE_FEATURES.length;
  // Features and grades are centred within each set: the slopes are learnt from answers of one set compared with each
  // other. Pooled, the sets' different means made a slope of their own (UNT's answers use fewer terms of the field and
  // score higher on their scale than the ML set's, which turned "more terms of the field" into a negative weight).
  const setMeans = new Map<string, { x: number[]; y: number; weight: number }>();
  for (const sample of samples) {
    const sum = setMeans.get(sample.set) ?? { x: new Array<number>(n).fill(0), y: 0, weight: 0 };
    sample.x.forEach((value, j) => {
      sum.x[j] = (sum.x[j] ?? 0) + sample.weight * value;
    });
    sum.y += sample.weight * sample.y;
    sum.weight += sample.weight;
    setMeans.set(sample.set, sum);
  }
  const gram = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const moment = new Array<number>(n).fill(0);
  for (const sample of samples) {
    const set = setMeans.get(sample.set);
    const setWeight = set?.weight ?? 1;
    const z = sample.x.map((value, j) => (value - (set?.x[j] ?? 0) / setWeight) / (scale[j] ?? 1));
    const y = sample.y - (set?.y ?? 0) / setWeight;
    for (let i = 0; i < n; i += 1) {
      moment[i] = (moment[i] ?? 0) + sample.weight * (z[i] ?? 0) * y;
      const row = gram[i] ?? [];
      for (let j = 0; j < n; j += 1) row[j] = (row[j] ?? 0) + sample.weight * (z[i] ?? 0) * (z[j] ?? 0);
    }
  }
  const weights = new Array<number>(n).fill(0);
  for (let sweep = 0; sweep < SWEEPS; sweep += 1) {
    NO_REFERENCE_FEATURES.forEach((name, j) => {
      const row = gram[j] ?? [];
      let rest = moment[j] ?? 0;
      for (let k = 0; k < n; k += 1) if (k !== j) rest -= (row[k] ?? 0) * (weights[k] ?? 0);
      const value = rest / ((row[j] ?? 0) + ridge * total);
      weights[j] = NO_REFERENCE_SIGNS[name] * Math.max(0, NO_REFERENCE_SIGNS[name] * value);
    });
  }
  return { mean, scale, weights, intercept: NO_REFERENCE_CENTRE };
}

/**
 * Fits the no-reference model on answers graded as if their questions had no reference (`npm run fit:no-reference`,
 * or fold by fold in `npm run eval -- --without-reference`). Each set weighs the same in total, whatever its size.
 * Deterministic: the same answers in the same order give the same weights and the same version.
 */
export function fitNoReferenceModel(answers: readonly GradedAnswer[], sets: readonly TrainingSet[], options: { ridge?: number; idfVersion: string }): NoReferenceModel {
  const ridge = options.ridge ?? NO_REFERENCE_RIDGE;
  const usable = answers.filter((answer): answer is Measured => answer.noReference !== null);
  if (usable.length === 0) throw new Error('no technical answers graded without a reference to fit on');
  const samples = perSetSamples(usable, (answer) => NO_REFERENCE_FEATURES.map((name) => answer.noReference[name]));
  const fit = signedRidge(samples, ridge);
  const total = samples.reduce((sum, sample) => sum + sample.weight, 0);
  const regression = { features: [...NO_REFERENCE_FEATURES], ...fit };
  const predictions = usable.map((answer) => noReferenceLinear(regression, answer.noReference));
  // Spreads within each set (around the set's own mean), as the slopes were fitted.
  const spread = (values: readonly number[]): number => {
    const sums = new Map<string, { value: number; weight: number }>();
    values.forEach((value, index) => {
      const sample = samples[index];
      if (!sample) return;
      const sum = sums.get(sample.set) ?? { value: 0, weight: 0 };
      sums.set(sample.set, { value: sum.value + sample.weight * value, weight: sum.weight + sample.weight });
    });
    const centre = (index: number): number => {
      const sum = sums.get(samples[index]?.set ?? '');
      return sum === undefined || sum.weight === 0 ? 0 : sum.value / sum.weight;
    };
    return Math.sqrt(values.reduce((sum, value, index) => sum + (samples[index]?.weight ?? 0) * (value - centre(index)) ** 2, 0) / total);
  };
  const predictedSpread = spread(predictions);
  const gradeSpread = spread(samples.map((sample) => sample.y));
  const body = {
    idfVersion: options.idfVersion,
    ridge,
    features: [...NO_REFERENCE_FEATURES],
    mean: fit.mean.map(round),
    scale: fit.scale.map(round),
    weights: fit.weights.map(round),
    intercept: round(fit.intercept),
    stretch: stretch(gradeSpread, predictedSpread),
    trainedOn: trainedOnPerSet(sets, usable),
  };
  return versioned(
    'nr',
    'Ridge regression from the features of src/grading/offline/no-reference.ts to answer quality on 0..1, for technical ' +
      'questions with no reference at all; fitted by `npm run fit:no-reference` (src/eval/no-reference-fit-cli.ts) on answers ' +
      'of the sets in trainedOn graded as if their questions had none; see data/grader/README.md.',
    body,
  );
}
