import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, createUser, listenWs } from '../helpers/app.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { modelReply } from '../helpers/model-replies.js';
import { TestClient } from '../helpers/ws-client.js';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('interview with an LLM grader', () => {
  it('streams feedback text, then asks the model-written follow-up', async () => {
    fake = await startFakeOpenAI(() => ({
      type: 'chat',
      content: modelReply('star', { extra: { followUpQuestion: 'What would you do differently next time?' } }),
      chunkSize: 40,
    }));
    const test = await createTestApp({ GRADER: 'llm', OPENAI_BASE_URL: fake.baseURL, COACH_MODEL: 'coach-x' });
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    // "Tell me about yourself" style questions have no corpus follow-ups; topic filter picks one.
    client.send({ type: 'start', mode: 'behavioural', count: 1, followUps: true, topics: ['Situation-Based Questions'] });
    const question = await client.next('question');
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'l1', text: 'I calmed the team and we shipped on time.' });
    const delta = await client.next('feedback.delta');
    expect(delta.turnId).toBe(question.turnId);
    const feedback = await client.next('feedback');
    await client.next('next.ready');
    client.send({ type: 'next' });
    expect(feedback.grader).toMatchObject({ kind: 'llm', model: 'coach-x' });
    const followUp = await client.next('followup');
    expect(followUp.text).toBe('What would you do differently next time?');
    client.close();
  });

  it('ends right after the answer being graded when the candidate ends mid-grading, and remembers the request', async () => {
    fake = await startFakeOpenAI(() => ({ type: 'chat', content: modelReply('technical'), delayMs: 300 }));
    const test = await createTestApp({ GRADER: 'llm', OPENAI_BASE_URL: fake.baseURL });
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 3 });
    const { sessionId } = await client.next('session.started');
    const question = await client.next('question');
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'e1', text: 'Regularisation adds a penalty on weights.' });
    await client.next('answer.accepted');
    client.send({ type: 'end' });
    await client.sync();
    const stored = test.db.prepare('SELECT end_requested_at FROM sessions WHERE id = ?').get(sessionId) as { end_requested_at: number | null };
    expect(stored.end_requested_at).not.toBeNull();
    await client.next('feedback');
    expect((await client.next('session.ended')).reason).toBe('ended_by_user');
    expect(client.messages.filter((message) => message.type === 'question')).toHaveLength(1);
    client.close();
  });
});
