import { describe, expect, it } from 'vitest';
import { RubricIdSchema } from '../../src/contracts/rubric-schema.js';
import { getRubric } from '../../src/grading/rubrics.js';
import { QuestionTypeSchema } from '../../src/contracts/question-type.js';
import { RubricCatalogSchema } from '../../src/contracts/http-schemas.js';
import { createTestApp } from '../helpers/app.js';

describe('rubric routes', () => {
  it('lists every question type with its rubric, and every rubric with its anchored levels, without a token', async () => {
    const { app } = await createTestApp();
    const response = await app.inject({ url: '/api/rubrics' });
    expect(response.statusCode).toBe(200);
    const catalog = RubricCatalogSchema.parse(response.json());
    expect(catalog.types.map((type) => type.id)).toEqual(QuestionTypeSchema.options);
    expect(catalog.types.find((type) => type.id === 'story')?.rubric).toBe('star');
    expect(catalog.types.find((type) => type.id === 'compensation')).toMatchObject({ label: 'Compensation', rubric: 'compensation' });
    expect(catalog.types.find((type) => type.id === 'questions-for-us')).toMatchObject({ label: 'Questions for the interviewer', rubric: 'questions-for-us' });
    expect(catalog.types.find((type) => type.id === 'logistics')).toMatchObject({ label: 'Logistics and availability', rubric: 'logistics' });
    const logistics = catalog.rubrics.find((rubric) => rubric.id === 'logistics');
    expect(logistics?.dimensions.map((dimension) => dimension.key)).toEqual(['answer', 'conditions', 'flexibility', 'focus', 'concision']);
    expect(logistics?.dimensions.find((dimension) => dimension.key === 'answer')?.levels[0]).toMatch(/"it depends" with nothing after/);
    expect(catalog.rubrics.map((rubric) => rubric.id).sort()).toEqual([...RubricIdSchema.options].sort());
    const opinion = catalog.rubrics.find((rubric) => rubric.id === 'opinion');
    expect(opinion?.dimensions.find((dimension) => dimension.key === 'nuance')?.levels).toHaveLength(5);
    expect(opinion?.basis?.length).toBeGreaterThan(0);
  });

  it('serves one rubric by id, and 404 for an unknown one', async () => {
    const { app } = await createTestApp();
    const one = await app.inject({ url: '/api/rubrics/self-presentation' });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(getRubric('self-presentation'));
    const missing = await app.inject({ url: '/api/rubrics/vibes' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'rubric not found' } });
  });
});

describe('question types on corpus routes', () => {
  it('shows the type on every listed question and filters by it', async () => {
    const { app } = await createTestApp();
    const all = (await app.inject({ url: '/api/questions?kind=behavioural&limit=100' })).json<{ total: number; items: Array<{ type: string }> }>();
    expect(all.total).toBe(61);
    expect(all.items.every((item) => QuestionTypeSchema.options.includes(QuestionTypeSchema.parse(item.type)))).toBe(true);
    const opinions = (await app.inject({ url: '/api/questions?type=opinion&limit=100' })).json<{ total: number; items: Array<{ type: string; text: string }> }>();
    expect(opinions.total).toBe(5);
    expect(opinions.items.every((item) => item.type === 'opinion')).toBe(true);
    const searched = (await app.inject({ url: '/api/questions?type=approach&q=missing%20data' })).json<{ items: Array<{ type: string; text: string }> }>();
    expect(searched.items[0]).toMatchObject({ type: 'approach', text: 'How Do You Handle Missing Data in Your Projects?' });
  });

  it('refuses an unknown type, naming the field', async () => {
    const { app } = await createTestApp();
    const response = await app.inject({ url: '/api/questions?type=riddle' });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toMatch(/type/);
  });

  it('includes the type in the full question record', async () => {
    const { app } = await createTestApp();
    const list = (await app.inject({ url: '/api/questions?type=compensation&limit=1' })).json<{ items: Array<{ id: string }> }>();
    const record = (await app.inject({ url: `/api/questions/${list.items[0]?.id ?? ''}` })).json<{ type: string; text: string }>();
    expect(record).toMatchObject({ type: 'compensation', text: 'What are your salary expectations?' });
  });
});
