import {
  BEHAVIOURAL_FEATURE_NAMES,
  behaviouralLinearScore,
  type BehaviouralFeatures,
  type BehaviouralModel,
} from '../grading/offline/behavioural-model.js';
import { createOfflineGrader, measureBehaviouralOffline } from '../grading/offline/offline-grader.js';
import type { RubricId } from '../contracts/rubric-schema.js';
import { round, stretch, trainedOn, versioned, type TrainingSet } from './fit-common.js';
import { recording } from './fit.js';
import { gradeLabelled, type EvalContext } from './harness.js';
import type { LabelledSet } from './labelled-set.js';
import { fitRidge } from './ridge.js';

/**
 * Ridge penalty per unit of sample weight, chosen by leave-questions-out cross-validation on the
 * behavioural set (data/grader/README.md): 0.1 to 3 give the same Spearman within 0.01.
 */
export const BEHAVIOURAL_RIDGE = 0.5;

/** One labelled behavioural answer with what the behavioural model reads in it. */
export interface MeasuredBehavioural {
  readonly set: string;
  /** Index of the item (question) in its set. */
  readonly item: number;
  /** On the 1–5 scale of the rubrics. */
  readonly gold: number;
  readonly rubric: RubricId;
  readonly features: BehaviouralFeatures;
}

/** Measures every answer of the sets that the grading service grades with a behavioural rubric. */
export async function measureBehaviouralSets(context: EvalContext, sets: readonly LabelledSet[]): Promise<MeasuredBehavioural[]> {
  const recorder = recording(createOfflineGrader());
  const service = context.service(recorder);
  const measured: MeasuredBehavioural[] = [];
  for (const set of sets) {
    for (const [itemIndex, item] of set.items.entries()) {
      const [low, high] = item.scale;
      for (const answer of item.answers) {
        const { rubric } = await gradeLabelled(service, item, answer.text);
        const input = recorder.last();
        const features = input ? measureBehaviouralOffline(input) : null;
        if (features) measured.push({ set: set.name, item: itemIndex, gold: 1 + (4 * (answer.gold - low)) / (high - low), rubric, features });
      }
    }
  }
  return measured;
}

/**
 * Fits the behavioural model: one ridge regression over every question type, a missing reference share
 * counted as the training mean. Deterministic: the same answers in the same order give the same weights
 * and the same version.
 */
export function fitBehaviouralModel(answers: readonly MeasuredBehavioural[], sets: readonly TrainingSet[], ridge = BEHAVIOURAL_RIDGE): BehaviouralModel {
  if (answers.length === 0) throw new Error('no behavioural answers to fit on');
  const features = [...BEHAVIOURAL_FEATURE_NAMES];
  const observedMean = features.map((name) => {
    const values = answers.map((answer) => answer.features[name]).filter((value): value is number => value !== null);
    return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
  });
  const samples = answers.map((answer) => ({
    x: features.map((name, index) => answer.features[name] ?? observedMean[index] ?? 0),
    y: answer.gold,
    weight: 1,
  }));
  const fit = fitRidge(samples, ridge);
  const regression = { features, ...fit };
  const predictions = answers.map((answer) => behaviouralLinearScore(regression, answer.features));
  const spread = (values: readonly number[], center: number): number => Math.sqrt(values.reduce((sum, value) => sum + (value - center) ** 2, 0) / values.length);
  const predictedSpread = spread(predictions, 0);
  const gradeSpread = spread(samples.map((sample) => sample.y), fit.intercept);
  const body = {
    ridge,
    features,
    mean: fit.mean.map(round),
    scale: fit.scale.map(round),
    weights: fit.weights.map(round),
    intercept: round(fit.intercept),
    stretch: stretch(gradeSpread, predictedSpread),
    rubrics: [...new Set(answers.map((answer) => answer.rubric))].sort(),
    trainedOn: trainedOn(sets, answers),
  };
  return versioned(
    'bm',
    'A ridge regression from the measurements of src/grading/offline/behavioural-model.ts (the type grader\'s rule score, ' +
      'padding, hedging, specifics, relevance) to answer quality on 1..5, fitted by `npm run fit:behavioural` ' +
      '(src/eval/behavioural-fit-cli.ts) on the sets listed in trainedOn; see data/grader/README.md.',
    body,
  );
}
