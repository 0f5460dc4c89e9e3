import { describe, expect, it } from 'vitest';
import { GradeResultSchema } from '../../../src/contracts/feedback-schema.js';
import { getRubric } from '../../../src/grading/rubrics.js';
import { createOfflineGrader, OFFLINE_GRADER_VERSION } from '../../../src/grading/offline/offline-grader.js';
import { SHIPPED_TECHNICAL_MODEL } from '../../../src/grading/offline/technical-model.js';
import { SHIPPED_BEHAVIOURAL_MODEL } from '../../../src/grading/offline/behavioural-model.js';
import { STAR_FIXTURES, TECHNICAL_FIXTURES, completeStar, starInput, technicalInput, technicalQuestionInput, withoutNumbers } from './fixtures.js';

const INPUTS = [
  ...STAR_FIXTURES.map((fixture) => starInput(fixture, completeStar(fixture))),
  ...STAR_FIXTURES.map((fixture) => starInput(fixture, withoutNumbers(fixture))),
  ...TECHNICAL_FIXTURES.map((fixture) => technicalInput(fixture, fixture.full)),
  ...TECHNICAL_FIXTURES.map((fixture) => technicalInput(fixture, fixture.half)),
];

describe('offline grader output', () => {
  it('is identical for the same input, also from a separately created grader', async () => {
    for (const input of INPUTS) {
      const first = await createOfflineGrader().grade(input);
      const second = await createOfflineGrader().grade(structuredClone(input));
      expect(second).toStrictEqual(first);
    }
  });

  it('reads superscripts and subscripts as the digits the corpus writes, in the answer and in a reference of your own', async () => {
    const question = 'What does R-squared measure, and how is it computed?';
    const reference = 'R² is the share of the target\'s variance the model explains: R² = 1 − SS_res / SS_tot, where SS_tot sums (yᵢ − ȳ)².';
    const typed = 'R² = 1 − SS_res/SS_tot: the share of variance explained. With x₁ alone R² was 0.4; adding x₂ took it to 0.7.';
    const flat = 'R2 = 1 − SS_res/SS_tot: the share of variance explained. With x1 alone R2 was 0.4; adding x2 took it to 0.7.';
    const grader = createOfflineGrader();
    const asTyped = await grader.grade(technicalQuestionInput(question, reference, typed));
    const asFlat = await grader.grade(technicalQuestionInput(question, reference.normalize('NFKC'), flat));
    expect(asTyped.overall).toBeGreaterThanOrEqual(3);
    expect(asTyped).toEqual(asFlat);
  });

  it('quotes evidence verbatim from the answer', async () => {
    const grader = createOfflineGrader();
    let quotes = 0;
    for (const input of INPUTS) {
      const result = await grader.grade(input);
      for (const dimension of result.dimensions) {
        for (const quote of dimension.evidence ?? []) {
          expect(input.answer).toContain(quote);
          quotes += 1;
        }
      }
    }
    expect(quotes).toBeGreaterThan(INPUTS.length);
  });

  it('matches the feedback schema: integer scores 1–5 for every rubric dimension, each with a rationale', async () => {
    const grader = createOfflineGrader();
    for (const input of INPUTS) {
      const result = GradeResultSchema.parse(await grader.grade(input));
      const rubric = getRubric(input.rubric);
      expect(result.dimensions.map((dimension) => dimension.key)).toEqual(rubric.dimensions.map((dimension) => dimension.key));
      for (const dimension of result.dimensions) {
        expect(Number.isInteger(dimension.score)).toBe(true);
        expect(dimension.rationale.length).toBeGreaterThan(10);
      }
      expect(result.grader).toEqual({
        kind: 'offline',
        rubricVersion: rubric.version,
        promptVersion: `offline-${OFFLINE_GRADER_VERSION}`,
        // Technical answers are scored with the technical weights, behavioural ones calibrated with the behavioural weights.
        weightsVersion: input.rubric === 'technical' ? SHIPPED_TECHNICAL_MODEL.version : SHIPPED_BEHAVIOURAL_MODEL.version,
      });
    }
  });

  it('reports itself as the offline grader', () => {
    expect(createOfflineGrader().kind).toBe('offline');
  });
});
