import { describe, expect, it } from 'vitest';
import { createTestApp, createUser, listenWs } from '../helpers/app.js';
import { TestClient } from '../helpers/ws-client.js';

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

  it('deletes a session with its transcript and feedback', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'behavioural', count: 1 });
    const { sessionId } = await client.next('session.started');
    const question = await client.next('question');
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'd1', text: ANSWER });
    await client.next('session.ended');
    client.close();

    const removed = await test.app.inject({ method: 'DELETE', url: `/api/sessions/${sessionId}`, headers: user.auth });
    expect(removed.statusCode).toBe(204);
    expect((await test.app.inject({ url: `/api/sessions/${sessionId}`, headers: user.auth })).statusCode).toBe(404);
    for (const table of ['turns', 'events', 'client_events', 'feedback']) {
      expect(test.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE session_id = ?`).get(sessionId)).toEqual({ n: 0 });
    }
    expect((await test.app.inject({ url: '/api/progress', headers: user.auth })).json<{ graded: number }>().graded).toBe(0);
  });
});
