import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArguments } from '../../src/eval/arguments.js';
import { evaluate } from '../../src/eval/evaluate.js';
import { gradeSets } from '../../src/eval/fit.js';
import { createEvalContext, type EvalContext } from '../../src/eval/harness.js';
import { fitNoReferenceModel } from '../../src/eval/no-reference-fit.js';
import { formatReport } from '../../src/eval/report.js';
import { NO_REFERENCE_SIGNS, NoReferenceModelSchema, SHIPPED_NO_REFERENCE_MODEL } from '../../src/grading/offline/no-reference.js';
import { TERM_IDF_VERSION } from '../../src/grading/offline/term-weights.js';
import { TINY_SET_FILE as TINY, tinySet as tiny } from '../helpers/eval-sets.js';

let context: EvalContext;
beforeAll(() => {
  context = createEvalContext(undefined, { withoutReference: true });
});
afterAll(() => context.close());

describe('grading without references in npm run eval and npm run fit:no-reference', () => {
  it('withholds every reference: each technical answer is graded and measured as a question without a model answer', async () => {
    const graded = await gradeSets(context, [tiny]);
    expect(graded).toHaveLength(12);
    for (const answer of graded) {
      expect(answer.noReference).not.toBeNull();
      expect(answer.features).toBeNull();
      expect(answer.result.missingPoints).toEqual([]);
      expect(answer.result.grader.weightsVersion).toBe(SHIPPED_NO_REFERENCE_MODEL.version);
    }
  });

  it('fits the same weights twice from the same data, each on the side its meaning gives it', async () => {
    const first = fitNoReferenceModel(await gradeSets(context, [tiny]), [tiny], { idfVersion: TERM_IDF_VERSION });
    const other = createEvalContext(undefined, { withoutReference: true });
    try {
      const second = fitNoReferenceModel(await gradeSets(other, [tiny]), [tiny], { idfVersion: TERM_IDF_VERSION });
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    } finally {
      other.close();
    }
    expect(NoReferenceModelSchema.parse(first)).toEqual(first);
    expect(first.version).toMatch(/^nr-[0-9a-f]{12}$/);
    first.features.forEach((name, index) => expect(NO_REFERENCE_SIGNS[name] * (first.weights[index] ?? 0), name).toBeGreaterThanOrEqual(0));
    expect(SHIPPED_NO_REFERENCE_MODEL.idfVersion).toBe(TERM_IDF_VERSION);
    for (const [index, name] of SHIPPED_NO_REFERENCE_MODEL.features.entries()) {
      expect(NO_REFERENCE_SIGNS[name] * (SHIPPED_NO_REFERENCE_MODEL.weights[index] ?? 0), name).toBeGreaterThanOrEqual(0);
    }
  });

  it('says in the report that nothing had a reference and that the baselines compare with the question', async () => {
    const options = parseArguments(['--data', TINY, '--without-reference', '--cv', '3'], { cv: true, 'without-reference': true });
    expect(options.withoutReference).toBe(true);
    const report = await evaluate(context, { sets: options.sets, folds: options.folds });
    expect(report).toMatchObject({ withoutReference: true, model: SHIPPED_NO_REFERENCE_MODEL.version });
    expect(report.sets[0]).toMatchObject({ baselineAgainst: 'question', protocol: 'cross-validated', folds: 3 });
    const text = formatReport(report);
    expect(text).toMatch(/WITHOUT REFERENCE/);
    expect(text).toMatch(/TF-IDF vs question/);
    expect(JSON.parse(text.split('\n').at(-1) ?? '{}')).toMatchObject({ withoutReference: true, sets: [{ baselineAgainst: 'question' }] });
  });
});
