import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../src/contracts/feedback-schema.js';
import { RubricIdSchema, type RubricId } from '../../src/contracts/rubric-schema.js';
import { getRubric } from '../../src/grading/rubrics.js';
import { pickFollowUp, PROBES } from '../../src/interview/follow-ups.js';

/** Feedback in which one dimension is weak (2) and every other strong (5). */
function feedbackWithWeak(rubric: RubricId, weakKey: string, extra: Partial<GradeResult> = {}): GradeResult {
  const definition = getRubric(rubric);
  return {
    rubric,
    overall: 4,
    dimensions: definition.dimensions.map((dimension) => ({
      key: dimension.key,
      label: dimension.label,
      score: dimension.key === weakKey ? 2 : 5,
      rationale: '',
    })),
    strengths: [],
    improvements: [],
    missingPoints: [],
    grader: { kind: 'offline', rubricVersion: definition.version, promptVersion: 'offline-test' },
    ...extra,
  };
}

const STAR_PROBES = new Set(Object.values(PROBES.star));

describe('follow-ups per question type', () => {
  it.each(RubricIdSchema.options)('probes the weakest dimension of a %s answer with a question of its own type', (rubric) => {
    for (const dimension of getRubric(rubric).dimensions.filter((candidate) => PROBES[rubric][candidate.key] !== undefined)) {
      expect(pickFollowUp([], feedbackWithWeak(rubric, dimension.key))).toBe(PROBES[rubric][dimension.key]);
    }
  });

  it.each(RubricIdSchema.options.filter((rubric) => rubric !== 'star'))('never asks a STAR probe after a %s answer', (rubric) => {
    for (const dimension of getRubric(rubric).dimensions) {
      const followUp = pickFollowUp([], feedbackWithWeak(rubric, dimension.key));
      if (followUp !== undefined) expect(STAR_PROBES.has(followUp)).toBe(false);
    }
  });

  it('asks an opinion answer for its reasons, not for what the candidate was responsible for', () => {
    const followUp = pickFollowUp([], feedbackWithWeak('opinion', 'reasoning'));
    expect(followUp).toBe('Why do you think that — what convinced you?');
    expect(followUp).not.toMatch(/responsible/);
  });

  it('asks a logistics answer without a fact for the date or the yes or no, never for a mechanism or a story', () => {
    const followUp = pickFollowUp([], feedbackWithWeak('logistics', 'answer'));
    expect(followUp).toBe('So that I can plan: what is the short answer — a date, or a yes or a no?');
    expect(pickFollowUp([], feedbackWithWeak('logistics', 'conditions'))).toMatch(/contract clause, a visa/);
  });

  it('has a probe for every scored dimension except concision', () => {
    for (const rubric of RubricIdSchema.options) {
      const keys = getRubric(rubric).dimensions.map((dimension) => dimension.key).filter((key) => key !== 'concision');
      for (const key of keys) expect(PROBES[rubric][key], `${rubric}.${key}`).toBeDefined();
    }
  });

  it('prefers the corpus follow-up, then the one the model wrote, and asks nothing after a strong answer', () => {
    const weak = feedbackWithWeak('approach', 'example');
    expect(pickFollowUp(['What would you monitor first?'], weak)).toBe('What would you monitor first?');
    expect(pickFollowUp([], { ...weak, followUpQuestion: 'Which step would you skip under time pressure?' })).toBe(
      'Which step would you skip under time pressure?',
    );
    const strong = { ...weak, dimensions: weak.dimensions.map((dimension) => ({ ...dimension, score: 4 })) };
    expect(pickFollowUp([], strong)).toBeUndefined();
  });
});
