import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.js';

interface Listing {
  total: number;
  items: Array<{ id: string; kind: string; topic: string; text: string; hasModelAnswer: boolean }>;
}

describe('corpus routes', () => {
  it('ranks the notebook bias-variance question first for "bias variance"', async () => {
    const { app } = await createTestApp();
    const response = await app.inject({ url: '/api/questions?q=bias%20variance' });
    expect(response.statusCode).toBe(200);
    const body = response.json<Listing>();
    expect(body.total).toBeGreaterThan(0);
    expect(body.items[0]?.text).toMatch(/bias-variance tradeoff/i);
    expect(body.items[0]?.kind).toBe('technical');
  });

  it('filters by kind and topic and pages with limit and offset', async () => {
    const { app } = await createTestApp();
    const all = (await app.inject({ url: '/api/questions?kind=technical&limit=100' })).json<Listing>();
    expect(all.items.every((item) => item.kind === 'technical')).toBe(true);
    const topics = (await app.inject({ url: '/api/topics' })).json<Array<{ topic: string; count: number }>>();
    const topic = topics.find((entry) => entry.count >= 4)?.topic ?? '';
    const page1 = (await app.inject({ url: `/api/questions?topic=${encodeURIComponent(topic)}&limit=2` })).json<Listing>();
    const page2 = (
      await app.inject({ url: `/api/questions?topic=${encodeURIComponent(topic)}&limit=2&offset=2` })
    ).json<Listing>();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(page2.total);
    expect(page1.items[0]?.id).not.toBe(page2.items[0]?.id);
    expect(page1.items.every((item) => item.topic === topic)).toBe(true);
  });

  it('treats FTS syntax in a query as plain words', async () => {
    const { app } = await createTestApp();
    const response = await app.inject({ url: `/api/questions?q=${encodeURIComponent('"NEAR( text:* OR')}` });
    expect(response.statusCode).toBe(200);
  });

  it('returns the full record of one question and 404 for an unknown id', async () => {
    const { app } = await createTestApp();
    const list = (await app.inject({ url: '/api/questions?q=overfitting%20detect%20prevent' })).json<Listing>();
    const id = list.items[0]?.id ?? '';
    const record = (await app.inject({ url: `/api/questions/${id}` })).json<{
      answers: string[];
      followUps: string[];
      sources: Array<{ file: string; line: number }>;
    }>();
    expect(record.answers.length).toBeGreaterThan(0);
    expect(record.sources[0]?.file).toMatch(/\.(txt|md)$/);
    const missing = await app.inject({ url: '/api/questions/q_doesnotexist' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'question not found' } });
  });

  it('reports a model answer for every technical question, 386 of them', async () => {
    const { app } = await createTestApp();
    const items: Listing['items'] = [];
    for (let offset = 0; ; offset += 100) {
      const page = (await app.inject({ url: `/api/questions?kind=technical&limit=100&offset=${offset}` })).json<Listing>();
      items.push(...page.items);
      if (items.length >= page.total || page.items.length === 0) break;
    }
    expect(items).toHaveLength(386);
    expect(items.filter((item) => !item.hasModelAnswer)).toEqual([]);
  });

  it('shows who wrote a curated answer and question text, and finds it by its bare source title', async () => {
    const { app } = await createTestApp();
    const list = (await app.inject({ url: '/api/questions?q=dropout%20mechanism' })).json<Listing>();
    const item = list.items[0];
    expect(item).toMatchObject({ text: 'How does dropout work, and why does it reduce overfitting?', topic: 'Deep Learning', hasModelAnswer: true });
    const record = (await app.inject({ url: `/api/questions/${item?.id ?? ''}` })).json<{
      text: string;
      answers: string[];
      expectedLevel: string | null;
      sources: Array<{ file: string; line: number; curation?: unknown }>;
    }>();
    expect(record.answers[0]).toMatch(/^Dropout is a regularisation technique/);
    expect(record.expectedLevel).toBe('Junior to Mid');
    expect(record.sources).toEqual([
      { file: 'ml-engineer-interview-notebook.md', line: 804 },
      {
        file: 'technical-references.json',
        line: expect.any(Number),
        curation: { writtenBy: 'interview-coach project team', date: '2026-11-26', adds: ['text', 'answer', 'expectedLevel', 'followUps'], sourceTitle: 'Dropout mechanism' },
      },
    ]);
  });

  it('lists topics with counts for both kinds', async () => {
    const { app } = await createTestApp();
    const topics = (await app.inject({ url: '/api/topics' })).json<Array<{ kind: string; topic: string; count: number }>>();
    expect(topics.some((topic) => topic.kind === 'behavioural')).toBe(true);
    expect(topics.some((topic) => topic.kind === 'technical')).toBe(true);
    expect(topics.reduce((sum, topic) => sum + topic.count, 0)).toBeGreaterThan(400);
  });

  it('names the field in a validation error', async () => {
    const { app } = await createTestApp();
    const response = await app.inject({ url: '/api/questions?limit=1000' });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('validation_error');
    expect(body.error.message).toContain('limit');
  });

  it('serves the 16-step preparation strategy as coaching tips', async () => {
    const { app } = await createTestApp();
    const tips = (await app.inject({ url: '/api/tips?category=strategy' })).json<Array<{ title: string; body: string }>>();
    expect(tips).toHaveLength(16);
    expect(tips.some((tip) => /mock interviews/i.test(tip.title))).toBe(true);
    const all = (await app.inject({ url: '/api/tips' })).json<unknown[]>();
    expect(all.length).toBeGreaterThan(100);
  });
});
