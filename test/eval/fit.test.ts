import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitTechnicalModel, gradeSets, SHORT_REFERENCE_WORDS } from '../../src/eval/fit.js';
import { createEvalContext, type EvalContext } from '../../src/eval/harness.js';
import { corpusTermIdf } from '../../src/eval/term-idf.js';
import { SHIPPED_TECHNICAL_MODEL, TechnicalModelSchema } from '../../src/grading/offline/technical-model.js';
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

  it('ships weights fitted with the shipped term weights, which are what the corpus gives', () => {
    expect(SHIPPED_TECHNICAL_MODEL.idfVersion).toBe(TERM_IDF_VERSION);
    const table = corpusTermIdf(context.corpus);
    expect(table.version).toBe(shippedIdf.version);
    expect(table.idf).toEqual(shippedIdf.idf);
  });
});
