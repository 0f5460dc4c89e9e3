import { describe, expect, it } from 'vitest';
import type { DimensionScore } from '../../../src/contracts/feedback-schema.js';
import {
  BEHAVIOURAL_FEATURE_NAMES,
  calibrateDimensions,
  type BehaviouralFeatures,
  type BehaviouralModel,
} from '../../../src/grading/offline/behavioural-model.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { getRubric, overallScore } from '../../../src/grading/rubrics.js';
import type { RubricId } from '../../../src/contracts/rubric-schema.js';

/** A model whose estimate is the `rules` measurement itself (and reads `density` a little), to steer calibration. */
const MODEL: BehaviouralModel = {
  version: 'bm-test',
  about: '',
  ridge: 0,
  features: ['rules', 'density'],
  mean: [3, 0.3],
  scale: [1, 0.1],
  weights: [1, 0.001],
  intercept: 3,
  stretch: 1,
  rubrics: ['approach', 'star', 'opinion'],
  trainedOn: [],
};

const features = (estimate: number, density = 0.3): BehaviouralFeatures => ({
  ...(Object.fromEntries(BEHAVIOURAL_FEATURE_NAMES.map((name) => [name, 0])) as BehaviouralFeatures),
  rules: estimate,
  density,
});

function dimensions(rubricId: RubricId, scores: Record<string, number>): DimensionScore[] {
  return getRubric(rubricId).dimensions.map((dimension) => ({
    key: dimension.key,
    label: dimension.label,
    score: scores[dimension.key] ?? 3,
    rationale: 'From the rules.',
  }));
}

const overall = (rubricId: RubricId, list: readonly DimensionScore[]) => overallScore(getRubric(rubricId), new Map(list.map((d) => [d.key, d.score])));
const scoreOf = (list: readonly DimensionScore[], key: string) => list.find((dimension) => dimension.key === key)?.score;

describe('behavioural calibration', () => {
  it('lowers the highest dimensions towards a lower estimate and says why in their rationale', () => {
    const rules = dimensions('approach', { method: 5, reasoning: 4, example: 3, relevance: 4, concision: 5 });
    const calibrated = calibrateDimensions(getRubric('approach'), rules, MODEL, features(2.8, 0.2));
    expect(overall('approach', calibrated)).toBeLessThan(overall('approach', rules));
    expect(Math.abs(overall('approach', calibrated) - 2.8)).toBeLessThan(0.5);
    const moved = calibrated.filter((dimension, index) => dimension.score !== rules[index]?.score);
    expect(moved.length).toBeGreaterThan(0);
    for (const dimension of moved) expect(dimension.rationale).toMatch(/Lowered from \d: the answer as a whole reads weaker than this measure alone \(.*padded/);
  });

  it('raises towards a higher estimate but never a weakness the rules found, nor relevance', () => {
    const rules = dimensions('approach', { method: 3, reasoning: 1, example: 2, relevance: 3, concision: 4 });
    const calibrated = calibrateDimensions(getRubric('approach'), rules, MODEL, features(4.5, 0.5));
    expect(overall('approach', calibrated)).toBeGreaterThan(overall('approach', rules));
    expect(scoreOf(calibrated, 'reasoning')).toBe(1);
    expect(scoreOf(calibrated, 'example')).toBe(2);
    expect(scoreOf(calibrated, 'relevance')).toBe(3);
    expect(calibrated.find((dimension) => dimension.key === 'method')?.rationale).toContain('Raised from 3');
  });

  it('raises a dimension at most one point above what its rule found, so no 5 is given where the rule found a 3', () => {
    const rules = dimensions('approach', { method: 2, reasoning: 3, example: 1, relevance: 4, concision: 3 });
    const calibrated = calibrateDimensions(getRubric('approach'), rules, MODEL, features(5));
    expect(scoreOf(calibrated, 'reasoning')).toBe(4);
    expect(scoreOf(calibrated, 'concision')).toBe(4);
    expect(calibrated.find((dimension) => dimension.key === 'reasoning')?.rationale).toMatch(/^Raised from 3 to 4/);
  });

  it('raises nothing when the grader named an unsound practice, and still lowers towards a lower estimate', () => {
    const rules = dimensions('approach', { method: 2, reasoning: 3, example: 3, relevance: 4, concision: 3 });
    expect(calibrateDimensions(getRubric('approach'), rules, MODEL, features(5), { raise: false })).toEqual(rules);
    const lowered = calibrateDimensions(getRubric('approach'), rules, MODEL, features(1.5), { raise: false });
    expect(overall('approach', lowered)).toBeLessThan(overall('approach', rules));
  });

  it('never raises the weakest dimension, so a planted flaw stays lower than in the full answer', () => {
    const rules = dimensions('star', { situation: 5, task: 5, action: 5, result: 4, ownership: 5, specificity: 5, relevance: 5, concision: 5 });
    const calibrated = calibrateDimensions(getRubric('star'), rules, MODEL, features(5));
    expect(scoreOf(calibrated, 'result')).toBe(4);
  });

  it('never raises an answer held off-topic', () => {
    const rules = dimensions('opinion', { relevance: 2 });
    expect(calibrateDimensions(getRubric('opinion'), rules, MODEL, features(5))).toEqual(rules);
  });

  it('leaves the rule scores of a rubric it was not fitted on', () => {
    const rules = dimensions('explanation', {});
    expect(calibrateDimensions(getRubric('explanation'), rules, MODEL, features(5))).toEqual(rules);
  });

  it('records the behavioural weights with a behavioural grade, the technical ones with a technical grade and the no-reference ones without a reference', async () => {
    const grader = createOfflineGrader();
    const base = { question: { id: null, text: 'How do you prioritise your work?', kind: 'behavioural' as const, topic: null }, reference: { answers: [], notes: [], fromRelated: false } };
    const behaviouralGrade = await grader.grade({ ...base, rubric: 'approach', answer: 'I rank requests by impact and urgency and agree the order with my manager every Monday.' });
    expect(behaviouralGrade.grader.weightsVersion).toMatch(/^bm-/);
    const technical = { question: { id: null, text: 'What is bias?', kind: 'technical' as const, topic: null }, rubric: 'technical' as const, answer: 'Bias is error from wrong assumptions.' };
    const technicalGrade = await grader.grade({ ...technical, reference: { answers: ['Bias is the error that comes from wrong assumptions in the learning algorithm.'], notes: [], fromRelated: false } });
    expect(technicalGrade.grader.weightsVersion).toMatch(/^tm-/);
    const referencelessGrade = await grader.grade({ ...technical, reference: { answers: [], notes: [], fromRelated: false } });
    expect(referencelessGrade.grader.weightsVersion).toMatch(/^nr-/);
  });
});
