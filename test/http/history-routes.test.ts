import { describe, expect, it } from 'vitest';
import { createFeedbackRepository } from '../../src/grading/feedback-repository.js';
import { PROGRESS_POINTS, PROGRESS_TOPIC_POINTS } from '../../src/contracts/history-schemas.js';
import { createTestApp, createUser, listenWs } from '../helpers/app.js';
import { playOneQuestionInterview, TestClient } from '../helpers/ws-client.js';

const ANSWER =
  'In my previous role our churn model missed most cancellations. I was asked to fix it within a month. ' +
  'I rebuilt the features from billing events and retrained with class weights. Recall rose from 40% to 75%.';

describe('history and progress', () => {
  it('reports scores per dimension and topic over time, weakest topics first', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    // Stories: both answers are graded with STAR, so the same dimensions gather two points.
    const topics = (await app.inject({ url: '/api/questions?type=story&limit=100' })).json<{
      items: Array<{ id: string; topic: string }>;
    }>();
    const [first, second] = [...new Map(topics.items.map((item) => [item.topic, item])).values()];
    if (!first || !second) throw new Error('need two topics');
    await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { questionId: first.id, answer: ANSWER } });
    await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { questionId: second.id, answer: 'We did it.' } });
    const progress = (await app.inject({ url: '/api/progress', headers: user.auth })).json<{
      graded: number;
      dimensions: Array<{ rubric: string; key: string; points: unknown[] }>;
      topics: Array<{ topic: string; average: number }>;
      weakestTopics: Array<{ topic: string; average: number }>;
    }>();
    expect(progress.graded).toBe(2);
    expect(progress.dimensions.find((d) => d.key === 'result')?.points).toHaveLength(2);
    expect(progress.topics.map((t) => t.topic).sort()).toEqual([first.topic, second.topic].sort());
    expect(progress.weakestTopics[0]?.topic).toBe(second.topic);
    expect(progress.weakestTopics[0]?.average).toBeLessThan(progress.weakestTopics[1]?.average ?? 0);
  });

  it('filters progress to interviews or quick feedback, server side', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const { sessionId, question } = await playOneQuestionInterview(url, user.token, ANSWER);
    // Quick feedback on another topic, twice: pasting answers outside an interview.
    const stories = (await test.app.inject({ url: '/api/questions?type=story&limit=100' })).json<{ items: Array<{ id: string; topic: string }> }>();
    const other = stories.items.find((item) => item.topic !== question.topic);
    if (!other) throw new Error('need a second topic');
    for (const answer of ['We did it.', 'I did it quickly.']) {
      await test.app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { questionId: other.id, answer } });
    }

    type P = { source: string; graded: number; bySource: { interviews: number; quick: number }; topics: Array<{ topic: string; count: number }>; dimensions: Array<{ key: string; points: Array<{ sessionId: string | null }> }> };
    const read = async (query: string) => (await test.app.inject({ url: `/api/progress${query}`, headers: user.auth })).json<P>();
    const all = await read('');
    const interviews = await read('?source=interviews');
    const quick = await read('?source=quick');
    expect(all.source).toBe('all');
    expect(all.graded).toBe(3);
    expect(all.bySource).toEqual({ interviews: 1, quick: 2 });
    expect(interviews.graded).toBe(1);
    expect(interviews.topics.map((t) => [t.topic, t.count])).toEqual([[question.topic, 1]]);
    expect(interviews.dimensions.flatMap((d) => d.points.map((p) => p.sessionId))).toEqual(expect.arrayContaining([sessionId]));
    expect(interviews.dimensions.every((d) => d.points.every((p) => p.sessionId === sessionId))).toBe(true);
    expect(quick.graded).toBe(2);
    expect(quick.topics.map((t) => [t.topic, t.count])).toEqual([[other.topic, 2]]);
    expect(quick.dimensions.every((d) => d.points.length === 2 && d.points.every((p) => p.sessionId === null))).toBe(true);
    const bad = await test.app.inject({ url: '/api/progress?source=everything', headers: user.auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBeTruthy();
  });

  it('exports the summary and the model answers in Markdown and JSON', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 2 });
    const { sessionId } = await client.next('session.started');
    const question = await client.next('question');
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'a1', text: 'Regularisation adds a penalty on the weights to the loss, so the model overfits less.' });
    const feedback = await client.next('feedback');
    await client.next('next.ready');
    client.send({ type: 'next' });
    const second = await client.next('question');
    client.send({ type: 'skip', turnId: second.turnId });
    const summary = await client.next('session.summary');
    await client.next('session.ended');
    client.close();
    expect(feedback.modelAnswer).toBeTruthy();

    const markdown = (await test.app.inject({ url: `/api/sessions/${sessionId}/export?format=md`, headers: user.auth })).body;
    const summaryAt = markdown.indexOf('## Summary');
    expect(summaryAt).toBeGreaterThan(0);
    expect(summaryAt).toBeLessThan(markdown.indexOf('## Question 1'));
    expect(markdown).toContain(`Answered: ${summary.answered} · skipped: ${summary.skipped}`);
    for (const dimension of summary.dimensions) expect(markdown).toContain(`| ${dimension.label} | ${dimension.average} | ${dimension.count} |`);
    expect(markdown).toContain('**Model answer**');
    const firstLine = (feedback.modelAnswer ?? '').split('\n')[0] ?? '';
    expect(markdown).toContain(`> ${firstLine}`);

    const json = (await test.app.inject({ url: `/api/sessions/${sessionId}/export?format=json`, headers: user.auth })).json<{
      summary: { type: string; answered: number; dimensions: unknown[] } | null;
      turns: Array<{ id: string; modelAnswer: string | null }>;
    }>();
    expect(json.summary).toMatchObject({ type: 'session.summary', answered: summary.answered, dimensions: summary.dimensions });
    expect(json.turns.find((turn) => turn.id === question.turnId)?.modelAnswer).toBe(feedback.modelAnswer);
  });

  it('deletes a session with its transcript and feedback', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const { sessionId } = await playOneQuestionInterview(url, user.token, ANSWER);

    const removed = await test.app.inject({ method: 'DELETE', url: `/api/sessions/${sessionId}`, headers: user.auth });
    expect(removed.statusCode).toBe(204);
    expect((await test.app.inject({ url: `/api/sessions/${sessionId}`, headers: user.auth })).statusCode).toBe(404);
    for (const table of ['turns', 'events', 'client_events', 'feedback']) {
      expect(test.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE session_id = ?`).get(sessionId)).toEqual({ n: 0 });
    }
    expect((await test.app.inject({ url: '/api/progress', headers: user.auth })).json<{ graded: number }>().graded).toBe(0);
  });

  it('averages progress over every answer but returns only the latest answers of each trend line', async () => {
    const { app, db } = await createTestApp();
    const user = await createUser(app);
    const feedback = createFeedbackRepository(db);
    const total = PROGRESS_POINTS + 30;
    db.transaction(() => {
      for (let i = 0; i < total; i += 1) {
        const score = (i % 5) + 1;
        feedback.insert({
          id: `f_${i}`,
          userId: user.id,
          sessionId: null,
          turnId: null,
          questionId: null,
          question: 'What is regularisation?',
          topic: i % 2 === 0 ? 'Regularisation' : null,
          answer: 'An answer.',
          referenceAnswer: null,
          inputHash: `h${i}`,
          result: {
            rubric: 'technical',
            overall: score,
            dimensions: [{ key: 'depth', label: 'Depth', score, rationale: 'r' }],
            strengths: [],
            improvements: [],
            missingPoints: [],
            grader: { kind: 'offline', rubricVersion: 't', promptVersion: 't' },
          },
          createdAt: Date.parse('2026-01-01T00:00:00Z') + i * 60_000,
        });
      }
    })();
    const progress = (await app.inject({ url: '/api/progress', headers: user.auth })).json<{
      graded: number;
      dimensions: Array<{ key: string; average: number; points: Array<{ at: string; score: number }> }>;
      topics: Array<{ topic: string; count: number; average: number; points: unknown[] }>;
    }>();
    expect(progress.graded).toBe(total);
    const depth = progress.dimensions.find((dimension) => dimension.key === 'depth');
    expect(depth?.average).toBe(3);
    expect(depth?.points).toHaveLength(PROGRESS_POINTS);
    // The latest answers, oldest first.
    expect(depth?.points.at(-1)?.at).toBe(new Date(Date.parse('2026-01-01T00:00:00Z') + (total - 1) * 60_000).toISOString());
    expect(depth?.points[0]?.at).toBe(new Date(Date.parse('2026-01-01T00:00:00Z') + (total - PROGRESS_POINTS) * 60_000).toISOString());
    expect(progress.topics.map((topic) => [topic.topic, topic.count])).toEqual([
      ['Regularisation', total / 2],
      ['Your own questions', total / 2],
    ]);
    expect(progress.topics.every((topic) => topic.points.length === PROGRESS_TOPIC_POINTS)).toBe(true);

    // Deleting one-shot feedback takes it out of the averages.
    for (let i = 0; i < total; i += 5) {
      expect((await app.inject({ method: 'DELETE', url: `/api/feedback/f_${i}`, headers: user.auth })).statusCode).toBe(204);
    }
    const after = (await app.inject({ url: '/api/progress', headers: user.auth })).json<{ graded: number; dimensions: Array<{ average: number }> }>();
    expect(after.graded).toBe(total - total / 5);
    expect(after.dimensions[0]?.average).toBe(3.5);
  });
});
