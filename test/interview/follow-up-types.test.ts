import { describe, expect, it } from 'vitest';
import { PROBES } from '../../src/interview/follow-ups.js';
import { createTestApp, createUser, listenWs } from '../helpers/app.js';
import { TestClient } from '../helpers/ws-client.js';

describe('follow-ups in an interview', () => {
  it('follows up in the shape of the question asked and grades the follow-up with the same rubric', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'behavioural', count: 1, followUps: true });
    const question = await client.next('question');
    expect(question.questionType).toBeDefined();
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'a1', text: 'We did some things and it was fine.' });
    const feedback = await client.next('feedback');
    await client.next('next.ready');
    client.send({ type: 'next' });
    expect(feedback.questionType).toBe(question.questionType);

    const followUp = await client.next('followup');
    expect(followUp.questionType).toBe(question.questionType);
    // Behavioural questions have no follow-ups of their own in the corpus: the probe is the rubric's.
    expect(Object.values(PROBES[feedback.rubric])).toContain(followUp.text);
    if (feedback.rubric !== 'star') expect(Object.values(PROBES.star)).not.toContain(followUp.text);

    client.send({ type: 'answer', turnId: followUp.turnId, clientId: 'a2', text: 'I rebuilt the pipeline myself and cut latency by 40%.' });
    const second = await client.next('feedback');
    expect(second).toMatchObject({ rubric: feedback.rubric, questionType: question.questionType });
    client.close();
  });
});
