import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORD_BANDS } from '../../src/grading/behavioural-rubrics.js';
import { RUBRIC_FOR_TYPE, RubricIdSchema, RubricSchema } from '../../src/contracts/rubric-schema.js';
import { allRubrics, getRubric, overallScore } from '../../src/grading/rubrics.js';
import { loadPromptTemplate, PROMPTS_DIR } from '../../src/llm/prompts.js';
import { QuestionTypeSchema } from '../../src/contracts/question-type.js';

describe.each(RubricIdSchema.options)('rubric %s', (id) => {
  const rubric = getRubric(id);

  it('is valid rubric data with a version named after it', () => {
    expect(RubricSchema.parse(rubric)).toEqual(rubric);
    expect(rubric.id).toBe(id);
    expect(rubric.version).toMatch(new RegExp(`^${id}-\\d{4}\\.\\d{2}\\.\\d+$`));
  });

  it('anchors every level of every dimension with its own description', () => {
    const keys = rubric.dimensions.map((dimension) => dimension.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const dimension of rubric.dimensions) {
      expect(dimension.levels).toHaveLength(5);
      expect(new Set(dimension.levels).size).toBe(5);
      for (const level of dimension.levels) expect(level.length).toBeGreaterThan(5);
      expect(dimension.weight).toBeGreaterThan(0);
      expect(dimension.description.length).toBeGreaterThan(10);
    }
    // All 5s is 5 and all 1s is 1: the overall stays on the scale whatever the weights.
    expect(overallScore(rubric, new Map(keys.map((key) => [key, 5])))).toBe(5);
    expect(overallScore(rubric, new Map(keys.map((key) => [key, 1])))).toBe(1);
  });

  it('has a versioned LLM prompt template with every placeholder the grading prompt fills', () => {
    const template = loadPromptTemplate(`${id}.v2`);
    for (const placeholder of ['rubric_title', 'rubric_version', 'dimensions', 'question', 'reference', 'answer_block']) {
      expect(template.placeholders.has(placeholder), placeholder).toBe(true);
    }
    expect(fs.existsSync(`${PROMPTS_DIR}/${id}.v2.md`)).toBe(true);
  });
});

describe('rubrics of the behavioural question types', () => {
  const behavioural = allRubrics().filter((rubric) => rubric.id !== 'technical');

  it('say where their criteria come from and what a strong answer looks like', () => {
    for (const rubric of behavioural) {
      expect(rubric.summary, rubric.id).toBeTruthy();
      expect(rubric.basis?.length, rubric.id).toBeGreaterThan(0);
    }
  });

  it('grade what coaching asks of each type', () => {
    const keys = (id: Parameters<typeof getRubric>[0]) => getRubric(id).dimensions.map((dimension) => dimension.key);
    expect(keys('self-presentation')).toEqual(expect.arrayContaining(['structure', 'evidence', 'self-awareness', 'role-fit']));
    expect(keys('opinion')).toEqual(expect.arrayContaining(['position', 'reasoning', 'example', 'nuance']));
    expect(keys('approach')).toEqual(expect.arrayContaining(['method', 'reasoning', 'example']));
    expect(keys('compensation')).toEqual(expect.arrayContaining(['research', 'range', 'flexibility']));
    expect(keys('motivation')).toEqual(expect.arrayContaining(['specifics', 'personal', 'contribution']));
    expect(keys('explanation')).toEqual(expect.arrayContaining(['plain-language', 'analogy', 'accuracy']));
    expect(keys('logistics')).toEqual(expect.arrayContaining(['answer', 'conditions', 'flexibility', 'focus']));
    // Only stories are graded for situation, task, action and result.
    for (const rubric of behavioural.filter((candidate) => candidate.id !== 'star')) {
      expect(rubric.dimensions.map((dimension) => dimension.key)).not.toEqual(expect.arrayContaining(['situation']));
      expect(rubric.dimensions.map((dimension) => dimension.key)).not.toEqual(expect.arrayContaining(['task']));
    }
  });

  it('state the word band the offline grader uses for concision', () => {
    for (const [id, band] of Object.entries(WORD_BANDS)) {
      const concision = getRubric(RubricIdSchema.parse(id)).dimensions.find((dimension) => dimension.key === 'concision');
      expect(concision?.description).toContain(`${band.idealMin}–${band.idealMax} words`);
    }
  });

  it('cover every question type: stories are graded with STAR, technical questions with the technical rubric', () => {
    for (const type of QuestionTypeSchema.options) expect(RubricIdSchema.options).toContain(RUBRIC_FOR_TYPE[type]);
    expect(RUBRIC_FOR_TYPE.story).toBe('star');
    expect(RUBRIC_FOR_TYPE.technical).toBe('technical');
    expect(new Set(Object.values(RUBRIC_FOR_TYPE)).size).toBe(RubricIdSchema.options.length);
  });
});
