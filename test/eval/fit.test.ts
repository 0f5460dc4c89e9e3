import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitTechnicalModel, gradeSets, lineAbove, SHORT_REFERENCE_WORDS, type GradedAnswer } from '../../src/eval/fit.js';
import { createEvalContext, type EvalContext } from '../../src/eval/harness.js';
import { corpusTermIdf } from '../../src/eval/term-idf.js';
import { FEATURE_NAMES, type Features } from '../../src/grading/offline/features.js';
import { predictQuality, SHIPPED_TECHNICAL_MODEL, TechnicalModelSchema } from '../../src/grading/offline/technical-model.js';
import { TERM_IDF_VERSION } from '../../src/grading/offline/term-weights.js';
import shippedIdf from '../../data/grader/term-idf.json' with { type: 'json' };
import { tinySet as tiny } from '../helpers/eval-sets.js';

let context: EvalContext;
beforeAll(() => {
  context = createEvalContext();
});
afterAll(() => context.close());

describe('npm run fit:grader', () => {
  it('gives the same weights and version for the same data, fitted twice from scratch', async () => {
    const first = fitTechnicalModel(await gradeSets(context, [tiny]), [tiny], { idfVersion: TERM_IDF_VERSION });
    const other = createEvalContext();
    try {
      const second = fitTechnicalModel(await gradeSets(other, [tiny]), [tiny], { idfVersion: TERM_IDF_VERSION });
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    } finally {
      other.close();
    }
    expect(TechnicalModelSchema.parse(first)).toEqual(first);
    expect(first.version).toMatch(/^tm-[0-9a-f]{12}$/);
    expect(first.trainedOn).toEqual([{ name: 'fixtures/tiny-set', sha256: tiny.sha256, questions: 3, answers: 12, weight: 1 }]);
  });

  it('gives other weights, and another version, for other data or another penalty', async () => {
    const graded = await gradeSets(context, [tiny]);
    const base = fitTechnicalModel(graded, [tiny], { idfVersion: TERM_IDF_VERSION });
    const fewer = fitTechnicalModel(graded.filter((answer) => answer.item !== 2), [tiny], { idfVersion: TERM_IDF_VERSION });
    const stiffer = fitTechnicalModel(graded, [tiny], { idfVersion: TERM_IDF_VERSION, ridge: 1 });
    expect(fewer.version).not.toBe(base.version);
    expect(stiffer.version).not.toBe(base.version);
    expect(stiffer.regressions[0]?.weights).not.toEqual(base.regressions[0]?.weights);
    // Every reference of the tiny set is a short-answer key: one regression, used for any length.
    expect(base.regressions.map((regression) => regression.maxReferenceWords)).toEqual([null]);
    expect(SHORT_REFERENCE_WORDS).toBeGreaterThan(0);
  });

  /**
   * Answers to model answers (120-word references) whose quality rises with recall up to half the reference's words and
   * no further; their length varies and says nothing. The grade each carries is a real one, which the fit never reads.
   */
  const bending = async (referenceWords: number): Promise<GradedAnswer[]> => {
    const [graded] = await gradeSets(context, [tiny]);
    if (!graded) throw new Error('tiny set graded nothing');
    const still = Object.fromEntries(FEATURE_NAMES.map((name) => [name, 0.3])) as Record<keyof Features, number>;
    return Array.from({ length: 60 }, (_, index) => {
      const recall = index / 59;
      return { ...graded, set: 'synthetic', item: index % 12, target: Math.min(recall, 0.5), referenceWords, features: { ...still, recall, length: 2 + (index % 7) / 2 } };
    });
  };
  const withRecall = (recall: number): Features => ({ ...Object.fromEntries(FEATURE_NAMES.map((name) => [name, 0.3])), recall, length: 3.5 }) as Features;

  it('bends the regression for model answers where a feature stops paying, at its quartiles, and never at a length', async () => {
    const model = fitTechnicalModel(await bending(120), [], { idfVersion: TERM_IDF_VERSION });
    const [regression] = model.regressions;
    expect(regression?.hinges?.map((hinge) => hinge.feature)).toEqual(['recall', 'recall', 'recall']);
    const quality = (recall: number) => predictQuality(model, withRecall(recall), 120);
    expect(quality(0.5) - quality(0.1)).toBeGreaterThan(0.3);
    expect(Math.abs(quality(0.95) - quality(0.6))).toBeLessThan(0.05);
    const again = fitTechnicalModel(await bending(120), [], { idfVersion: TERM_IDF_VERSION });
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
    expect(TechnicalModelSchema.parse(model)).toEqual(model);
  });

  it('puts the low-estimate line where as many training answers fall under it as were graded under 2, at any level of the fit', async () => {
    for (const lift of [0, 0.3]) {
      const answers = (await bending(120)).map((answer) => ({ ...answer, target: answer.target + lift }));
      const model = fitTechnicalModel(answers, [], { idfVersion: TERM_IDF_VERSION });
      const line = model.regressions[0]?.lowEstimate ?? Number.NaN;
      const under = answers.filter((answer) => answer.features !== null && predictQuality(model, answer.features, 120) < line).length;
      expect(under).toBe(answers.filter((answer) => answer.target < 0.25).length);
    }
  });

  it('counts estimates tied at the low-estimate line under it, so a fit whose low answers clamp to 0 still has a low line', () => {
    expect(lineAbove([0, 0, 0, 0.2, 0.5], 2)).toBe(0.1);
    expect(lineAbove([0.1, 0.2, 0.3], 1)).toBe(0.15);
    expect(lineAbove([0.1, 0.2, 0.3], 0)).toBe(0);
    expect(lineAbove([0.1, 0.1], 1)).toBe(1);
  });

  it('refuses a weights file whose low-estimate line is off the 0..1 scale of the estimate', () => {
    const [short, long] = SHIPPED_TECHNICAL_MODEL.regressions;
    if (!short || !long) throw new Error('the shipped model has two regressions');
    expect(TechnicalModelSchema.safeParse({ ...SHIPPED_TECHNICAL_MODEL, regressions: [short, { ...long, lowEstimate: 1.2 }] }).success).toBe(false);
  });

  it('keeps the regression for short-answer keys straight', async () => {
    const model = fitTechnicalModel(await bending(20), [], { idfVersion: TERM_IDF_VERSION });
    expect(model.regressions[0]?.hinges).toBeUndefined();
  });

  it('refuses a weights file with no weight for a hinge', () => {
    const [short, long] = SHIPPED_TECHNICAL_MODEL.regressions;
    if (!short || !long) throw new Error('the shipped model has two regressions');
    const missing = { ...long, hinges: [...(long.hinges ?? []), { feature: 'recall', knot: 0.9 }] };
    expect(TechnicalModelSchema.safeParse({ ...SHIPPED_TECHNICAL_MODEL, regressions: [short, missing] }).success).toBe(false);
  });

  it('ships weights fitted with the shipped term weights, which are what the corpus gives', () => {
    expect(SHIPPED_TECHNICAL_MODEL.idfVersion).toBe(TERM_IDF_VERSION);
    const table = corpusTermIdf(context.corpus);
    expect(table.version).toBe(shippedIdf.version);
    expect(table.idf).toEqual(shippedIdf.idf);
  });
});
