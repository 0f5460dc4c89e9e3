import type { GradeResult } from '../contracts/feedback-schema.js';
import type { GradeInput, Grader } from '../grading/grader.js';
import { FEATURE_NAMES, type FeatureName, type Features } from '../grading/offline/features.js';
import { createOfflineGrader, measureOffline, measureWithoutReferenceOffline } from '../grading/offline/offline-grader.js';
import type { NoReferenceFeatures } from '../grading/offline/no-reference.js';
import { estimateOf, linearScore, regressionInputs, type Hinge, type Regression, type TechnicalModel } from '../grading/offline/technical-model.js';
import { perSetSamples, round, stretch, trainedOnPerSet, versioned, type TrainingSet } from './fit-common.js';
import { gradeLabelled, type EvalContext } from './harness.js';
import type { LabelledSet } from './labelled-set.js';
import { fitRidge } from './ridge.js';

/** Ridge penalty per unit of sample weight; chosen by leave-questions-out cross-validation (see data/grader/README.md). */
export const DEFAULT_RIDGE = 0.05;

/** One graded labelled answer with what the offline grader measured in it. */
export interface GradedAnswer {
  readonly set: string;
  /** Index of the item (question) in its set. */
  readonly item: number;
  readonly gold: number;
  /** Gold on 0..1 of the item's scale: what the model is fitted to. */
  readonly target: number;
  readonly result: GradeResult;
  readonly ms: number;
  /** The technical model's inputs, when the answer was graded with the technical rubric against its own reference. */
  readonly features: Features | null;
  /** Words of that reference. */
  readonly referenceWords: number | null;
  /** The no-reference model's inputs, when the run grades without references (the eval context's `withoutReference`). */
  readonly noReference: NoReferenceFeatures | null;
}

/** Wraps a grader to keep the input of each grading: the exact input the grading service built. */
export function recording(grader: Grader): Grader & { last: () => GradeInput | undefined } {
  let last: GradeInput | undefined;
  return {
    kind: grader.kind,
    identity: (rubric) => grader.identity(rubric),
    grade: (input, options) => {
      last = input;
      return grader.grade(input, options);
    },
    last: () => last,
  };
}

/** Grades every answer of the sets through the grading service with `grader` and measures the technical ones. */
export async function gradeSets(context: EvalContext, sets: readonly LabelledSet[], grader: Grader = createOfflineGrader()): Promise<GradedAnswer[]> {
  const recorder = recording(grader);
  const service = context.service(recorder);
  const graded: GradedAnswer[] = [];
  for (const set of sets) {
    for (const [itemIndex, item] of set.items.entries()) {
      const [low, high] = item.scale;
      for (const answer of item.answers) {
        const started = performance.now();
        const result = await gradeLabelled(service, item, answer.text);
        const ms = performance.now() - started;
        const input = recorder.last();
        let features: Features | null = null;
        let referenceWords: number | null = null;
        const noReference = input && context.withoutReference ? measureWithoutReferenceOffline(input) : null;
        if (input && result.rubric === 'technical') {
          const measured = measureOffline(input);
          if (measured.ownReference) {
            features = measured.features;
            referenceWords = measured.referenceWords;
          }
        }
        graded.push({ set: set.name, item: itemIndex, gold: answer.gold, target: (answer.gold - low) / (high - low), result, ms, features, referenceWords, noReference });
      }
    }
  }
  return graded;
}

/**
 * References up to this many words are short-answer keys; longer ones are model answers. UNT's
 * references run to 41 words, the corpus's guide answers from about 60.
 */
export const SHORT_REFERENCE_WORDS = 50;

type Measured = GradedAnswer & { features: Features; referenceWords: number };

/** Knots at these quantiles of a feature's training values. */
const KNOT_QUANTILES = [0.25, 0.5, 0.75];
/** A feature with this many distinct training values or fewer (a flag, a rare share) gets no knot. */
const MIN_DISTINCT_FOR_KNOTS = 5;
/**
 * Features that bend nowhere. A knot in the answer's length, or in its length against the reference's, raised the ML
 * set's held-out Spearman most (0.531 → 0.61) and no held-out set's: its excellent answers happen to be a little shorter
 * than the reference and its long wrong ones longer, which is how the set was written, not how answers are judged (see
 * data/grader/README.md).
 */
const STRAIGHT_FEATURES: ReadonlySet<FeatureName> = new Set(['length', 'lengthRatio']);

/**
 * Hinges at the quartiles of each feature's training values, those strictly inside its range, in feature order: the
 * regression can then give a feature less (or more) weight past a point, as a model answer's words pay less once an
 * answer has its core.
 */
export function quantileHinges(answers: readonly Measured[]): Hinge[] {
  return FEATURE_NAMES.filter((name) => !STRAIGHT_FEATURES.has(name)).flatMap((feature) => {
    const values = answers.map((answer) => answer.features[feature]).sort((a, b) => a - b);
    const low = values[0] ?? 0;
    const high = values.at(-1) ?? 0;
    if (new Set(values).size < MIN_DISTINCT_FOR_KNOTS) return [];
    const knots = new Set(KNOT_QUANTILES.map((quantile) => round(values[Math.floor(quantile * (values.length - 1))] ?? low)));
    return [...knots].filter((knot) => knot > low && knot < high).map((knot) => ({ feature, knot }));
  });
}

/** One ridge regression on some answers, each set weighing the same in total; with `hinges`, piecewise linear at them. */
function fitRegression(answers: readonly Measured[], ridge: number, maxReferenceWords: number | null, hinges: readonly Hinge[]): Regression {
  const shape = { features: [...FEATURE_NAMES], ...(hinges.length > 0 ? { hinges: [...hinges] } : {}) };
  const samples = perSetSamples(answers, (answer) => regressionInputs(shape, answer.features));
  const fit = fitRidge(samples, ridge);
  const total = samples.reduce((sum, sample) => sum + sample.weight, 0);
  const predictions = answers.map((answer) => linearScore({ ...shape, ...fit }, answer.features));
  const spread = (values: readonly number[], center: number): number =>
    Math.sqrt(values.reduce((sum, value, index) => sum + (samples[index]?.weight ?? 0) * (value - center) ** 2, 0) / total);
  const predictedSpread = spread(predictions, 0);
  const gradeSpread = spread(samples.map((sample) => sample.y), fit.intercept);
  const regression = {
    maxReferenceWords,
    ...shape,
    mean: fit.mean.map(round),
    scale: fit.scale.map(round),
    weights: fit.weights.map(round),
    intercept: round(fit.intercept),
    stretch: stretch(gradeSpread, predictedSpread),
    answers: answers.length,
  };
  return { ...regression, lowEstimate: lowEstimate(answers, regression) };
}

/** Training answers graded under this (2 on a 1–5 scale) answer little or nothing of their question. */
const LOW_TARGET = 0.25;

/**
 * The regression's estimate that as many training answers fall under as were graded under `LOW_TARGET`: the estimate's
 * rank matched to the grades', so the grader's off-topic line moves with a refit that raises or lowers every estimate
 * (hinges gave a correct backpropagation answer in notation 0.234 against the straight fit's 0.373, both a quarter
 * to a third of the way up their training answers).
 */
function lowEstimate(answers: readonly Measured[], regression: Omit<Regression, 'lowEstimate'>): number {
  const estimates = answers.map((answer) => estimateOf(regression, answer.features)).sort((a, b) => a - b);
  return lineAbove(estimates, answers.filter((answer) => answer.target < LOW_TARGET).length);
}

/**
 * The line `low` of the sorted estimates fall under: halfway between the highest of them and the next higher estimate,
 * so that rounding keeps each on its side. Estimates tied with the highest of them fall under it too: were they on the
 * line (many low answers clamped to 0), the grader's `estimate >= line` would read every answer as high.
 */
export function lineAbove(sorted: readonly number[], low: number): number {
  const below = sorted[low - 1];
  if (below === undefined) return 0;
  const above = sorted.slice(low).find((estimate) => estimate > below);
  return round(above === undefined ? 1 : (below + above) / 2);
}

/**
 * Fits the technical model on measured answers: one regression for short-answer keys, one for model
 * answers (either is left out when no training answer has such a reference). Each set weighs the same
 * in total, whatever its size: 1,374 UNT answers must not drown the project's own set. Deterministic:
 * the same answers in the same order give the same weights and the same version.
 */
export function fitTechnicalModel(
  answers: readonly GradedAnswer[],
  sets: readonly TrainingSet[],
  options: { ridge?: number; idfVersion: string },
): TechnicalModel {
  const ridge = options.ridge ?? DEFAULT_RIDGE;
  const usable = answers.filter((answer): answer is Measured => answer.features !== null && answer.referenceWords !== null);
  if (usable.length === 0) throw new Error('no technical answers with a reference to fit on');
  const short = usable.filter((answer) => answer.referenceWords <= SHORT_REFERENCE_WORDS);
  const long = usable.filter((answer) => answer.referenceWords > SHORT_REFERENCE_WORDS);
  // Short-answer keys stay straight: knots gave UNT nothing held out (r 0.601 → 0.600).
  const regressions = [
    ...(short.length > 0 ? [fitRegression(short, ridge, long.length > 0 ? SHORT_REFERENCE_WORDS : null, [])] : []),
    ...(long.length > 0 ? [fitRegression(long, ridge, null, quantileHinges(long))] : []),
  ];
  const body = { idfVersion: options.idfVersion, ridge, regressions, trainedOn: trainedOnPerSet(sets, usable) };
  return versioned(
    'tm',
    'Ridge regressions from the features of src/grading/offline/features.ts to answer quality on 0..1 (one for ' +
      `references of at most ${SHORT_REFERENCE_WORDS} words, one for longer ones, piecewise linear at the quartiles of its features but length), fitted by \`npm run fit:grader\` ` +
      '(src/eval/fit-cli.ts) on the sets listed in trainedOn; see data/grader/README.md.',
    body,
  );
}
