import { describe, expect, it } from 'vitest';
import { RUBRIC_FOR_TYPE } from '../../src/contracts/rubric-schema.js';
import { getRubric, meanScore, roundScore } from '../../src/grading/rubrics.js';
import type { ServerMessage } from '../../src/contracts/protocol.js';
import { createTestApp, createUser, listenWs } from '../helpers/app.js';
import { TestClient } from '../helpers/ws-client.js';

const WEAK = 'Cross-validation is a way to check a model.';
const STRONG =
  'Cross-validation splits the data into k folds, trains on k-1 of them and validates on the held-out fold, ' +
  'rotating so every fold is held out once; averaging the k scores gives a lower-variance estimate of the error ' +
  'than one split, at k times the training cost. Use stratified folds for imbalanced classes, group folds when rows ' +
  'are related, and time-series splits so the model never sees the future. Keep a final test set outside the loop.';

type Feedback = Extract<ServerMessage, { type: 'feedback' }>;

/** One interview over exactly `questionIds`, each answered with `answer`; returns the feedback in order. */
async function interview(client: TestClient, questionIds: string[], answer: string): Promise<Feedback[]> {
  client.send({ type: 'start', mode: 'technical', questionIds });
  await client.next('session.started');
  const feedback: Feedback[] = [];
  for (let index = 0; index < questionIds.length; index += 1) {
    const question = await client.next('question');
    expect(question.questionId).toBe(questionIds[index]);
    client.send({ type: 'answer', turnId: question.turnId, clientId: `c-${question.turnId}`, text: answer });
    feedback.push(await client.next('feedback'));
    if (index < questionIds.length - 1) {
      await client.next('next.ready');
      client.send({ type: 'next' });
    }
  }
  await client.next('session.ended');
  return feedback;
}

describe('retakes', () => {
  it('asks exactly the chosen questions and compares each answer with the previous attempt, dimension by dimension', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const other = await createUser(test.app, 'Grace');
    const listed = (await test.app.inject({ url: '/api/questions?kind=technical&q=cross-validation&limit=2' })).json<{
      items: Array<{ id: string }>;
    }>();
    const ids = listed.items.map((item) => item.id);
    expect(ids).toHaveLength(2);

    const client = await TestClient.authed(url, user.token);
    const first = await interview(client, ids, WEAK);
    expect(first.every((feedback) => feedback.previous === undefined)).toBe(true);

    // Someone else's attempts are never the reference.
    const stranger = await TestClient.authed(url, other.token);
    const strangerFeedback = await interview(stranger, [ids[0] ?? ''], STRONG);
    expect(strangerFeedback[0]?.previous).toBeUndefined();

    const retake = await interview(client, [ids[0] ?? ''], STRONG);
    const before = first[0];
    const after = retake[0];
    if (!before || !after) throw new Error('missing feedback');
    expect(after.previous).toMatchObject({ feedbackId: before.feedbackId, overall: before.overall });
    const expected = after.dimensions.map((dimension) => {
      const previous = before.dimensions.find((candidate) => candidate.key === dimension.key)?.score ?? 0;
      return { key: dimension.key, label: dimension.label, previous, delta: dimension.score - previous };
    });
    expect(after.previous?.deltas).toEqual(expected);
    expect(after.overall).toBeGreaterThan(before.overall);
    expect(expected.some((delta) => delta.delta > 0)).toBe(true);

    // A one-shot attempt at the same question is an attempt too: the next retake compares with it.
    const oneShot = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: user.auth,
      payload: { questionId: ids[0], answer: `${WEAK} It uses folds.` },
    });
    expect(oneShot.statusCode).toBe(200);
    const third = await interview(client, [ids[0] ?? ''], STRONG);
    expect(third[0]?.previous?.feedbackId).toBe(oneShot.json<{ id: string }>().id);

    // The transcript keeps the comparison, so a replay shows it as it was.
    const sessions = (await test.app.inject({ url: '/api/sessions', headers: user.auth })).json<{ items: Array<{ id: string }> }>();
    expect(sessions.items).toHaveLength(3);
    client.close();
    stranger.close();
  });

  it('refuses a retake of a question that does not exist, naming it', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', questionIds: ['no-such-question'] });
    const error = await client.next('error');
    expect(error).toMatchObject({ code: 'validation_error', ref: { type: 'start' } });
    expect(error.message).toContain('questionIds.0');
    expect(test.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    client.close();
  });
});

describe('skipped and unanswered questions in the summary', () => {
  it('count as 1 on every dimension of their rubric, and one answer is not named the strongest', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 3, secondsPerQuestion: 30 });
    const first = await client.next('question');
    client.send({ type: 'answer', turnId: first.turnId, clientId: 'a1', text: STRONG });
    const feedback = await client.next('feedback');
    await client.next('next.ready');
    client.send({ type: 'next' });
    const second = await client.next('question');
    client.send({ type: 'skip', turnId: second.turnId });
    const third = await client.next('question');
    test.clock.advance(30_000);
    await client.next('time.up');
    const summary = await client.next('session.summary');

    expect(summary).toMatchObject({ answered: 1, skipped: 1, unanswered: 1, strongest: null, weakest: null });
    expect(summary.overall).toBe(meanScore([feedback.overall, 1, 1]));
    expect(summary.overall).toBeLessThan(feedback.overall);
    // Each dimension averages the answer's score with a 1 for every missed question graded on that rubric.
    const missedRubrics = [second, third].map((question) => getRubric(RUBRIC_FOR_TYPE[question.questionType ?? 'technical']));
    for (const dimension of summary.dimensions) {
      const answered = feedback.rubric === dimension.rubric ? feedback.dimensions.filter((d) => d.key === dimension.key).map((d) => d.score) : [];
      const missed = missedRubrics.filter((rubric) => rubric.id === dimension.rubric && rubric.dimensions.some((d) => d.key === dimension.key));
      const scores = [...answered, ...missed.map(() => 1)];
      expect(dimension, dimension.key).toMatchObject({ count: scores.length, average: roundScore(scores.reduce((a, b) => a + b, 0) / scores.length) });
    }
    const list = (await test.app.inject({ url: '/api/sessions', headers: user.auth })).json<{ items: Array<{ overall: number }> }>();
    expect(list.items[0]?.overall).toBe(summary.overall);
    client.close();
  });

  it('names the strongest and weakest answers once there are two', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    const ids = (await test.app.inject({ url: '/api/questions?kind=technical&q=cross-validation&limit=2' }))
      .json<{ items: Array<{ id: string }> }>()
      .items.map((item) => item.id);
    client.send({ type: 'start', mode: 'technical', questionIds: ids });
    const turns: Feedback[] = [];
    for (const [index, answer] of [WEAK, STRONG].entries()) {
      const question = await client.next('question');
      client.send({ type: 'answer', turnId: question.turnId, clientId: `a${index}`, text: answer });
      turns.push(await client.next('feedback'));
      if (index === 0) {
        await client.next('next.ready');
        client.send({ type: 'next' });
      }
    }
    const summary = await client.next('session.summary');
    const [weak, strong] = [...turns].sort((a, b) => a.overall - b.overall);
    expect(strong?.overall).toBeGreaterThan(weak?.overall ?? 5);
    expect(summary.answered).toBe(2);
    expect(summary.strongest?.turnId).toBe(strong?.turnId);
    expect(summary.weakest?.turnId).toBe(weak?.turnId);
    client.close();
  });
});
