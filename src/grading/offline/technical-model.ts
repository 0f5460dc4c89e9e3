import { z } from 'zod';
import modelData from '../../../data/grader/technical-model.json' with { type: 'json' };
import { FEATURE_NAMES, type Features } from './features.js';

/*
 * The fitted part of the offline technical grader: ridge regressions from the measured features
 * (features.ts) to answer quality on 0..1, fitted to human and labelled grades by `npm run fit:grader`
 * (src/eval/fit-cli.ts). Two regressions, chosen by the length of the reference: a short-answer key
 * ("At the main function.") and a full model answer reward different things (on UNT a longer answer is
 * a more complete one; against a model answer, length is as often rambling). A regression may bend at
 * knots (`hinges`): against a model answer, sharing more of its words pays less past a point (long wrong
 * answers share them too), which a straight line cannot say. The weights are data with a version, recorded
 * in every feedback; see data/grader/README.md for how they were measured.
 */
export const HingeSchema = z.object({ feature: z.enum(FEATURE_NAMES), knot: z.number() });
export type Hinge = z.infer<typeof HingeSchema>;

export const RegressionSchema = z
  .object({
    /** References of at most this many words use this regression (the last one takes the rest). */
    maxReferenceWords: z.number().int().positive().nullable(),
    features: z.array(z.enum(FEATURE_NAMES)),
    /**
     * Inputs after the features: how far a feature is past a knot, max(0, value − knot), so the regression is
     * piecewise linear in it. None for a regression fitted straight.
     */
    hinges: z.array(HingeSchema).optional(),
    /** Per input (the features, then the hinges): the training mean and standard deviation it is standardised with, and its weight. */
    mean: z.array(z.number()),
    scale: z.array(z.number().positive()),
    weights: z.array(z.number()),
    intercept: z.number(),
    /**
     * Regression pulls predictions towards the mean (their spread is r times the grades'): the linear score
     * is stretched around the intercept back to the spread of the training grades, so that the integer
     * dimension scores built on it use the whole scale instead of piling up on one value.
     */
    stretch: z.number().positive(),
    answers: z.number().int().nonnegative(),
    /**
     * The estimate under which as many of the training answers fall as were graded under 2 of 5: where the grader's
     * off-topic rule reads an estimate as low (`gradeTechnical`), measured on the fit rather than fixed, since a refit
     * moves every estimate.
     */
    lowEstimate: z.number().min(0).max(1),
  })
  .refine(
    (regression) =>
      [regression.mean, regression.scale, regression.weights].every((column) => column.length === regression.features.length + (regression.hinges?.length ?? 0)),
    'a regression needs a mean, a scale and a weight per feature and per hinge',
  );
export type Regression = z.infer<typeof RegressionSchema>;

export const TechnicalModelSchema = z.object({
  version: z.string().min(1),
  about: z.string(),
  /** The term-weight table the features were computed with: weights fitted on another mean nothing. */
  idfVersion: z.string(),
  ridge: z.number().nonnegative(),
  regressions: z.array(RegressionSchema).min(1),
  trainedOn: z.array(
    z.object({ name: z.string(), sha256: z.string(), questions: z.number().int(), answers: z.number().int(), weight: z.number() }),
  ),
});
export type TechnicalModel = z.infer<typeof TechnicalModelSchema>;

/** The weights the grader ships with; a test checks they were fitted with the shipped term weights. */
export const SHIPPED_TECHNICAL_MODEL: TechnicalModel = TechnicalModelSchema.parse(modelData);

/** The regression's inputs for an answer: its features, then how far each hinge's feature is past the knot. */
export function regressionInputs(regression: Pick<Regression, 'features' | 'hinges'>, features: Features): number[] {
  return [...regression.features.map((name) => features[name]), ...(regression.hinges ?? []).map(({ feature, knot }) => Math.max(0, features[feature] - knot))];
}

/** The regression's linear score before stretching: what the ridge regression fits. */
export function linearScore(regression: Pick<Regression, 'features' | 'hinges' | 'mean' | 'scale' | 'weights'>, features: Features): number {
  let value = 0;
  regressionInputs(regression, features).forEach((input, index) => {
    const scale = regression.scale[index] ?? 1;
    value += (regression.weights[index] ?? 0) * ((input - (regression.mean[index] ?? 0)) / scale);
  });
  return value;
}

export function regressionFor(model: TechnicalModel, referenceWords: number): Regression {
  const chosen =
    model.regressions.find((regression) => regression.maxReferenceWords === null || referenceWords <= regression.maxReferenceWords) ??
    model.regressions.at(-1);
  if (!chosen) throw new Error('technical model has no regression');
  return chosen;
}

/** The regression's quality for the answer on 0..1 (clamped), stretched to the spread of human grades. */
export function estimateOf(regression: Omit<Regression, 'lowEstimate'>, features: Features): number {
  return Math.min(1, Math.max(0, regression.intercept + regression.stretch * linearScore(regression, features)));
}

/** Predicted quality of the answer on 0..1 (clamped), stretched to the spread of human grades. */
export function predictQuality(model: TechnicalModel, features: Features, referenceWords: number): number {
  return estimateOf(regressionFor(model, referenceWords), features);
}
