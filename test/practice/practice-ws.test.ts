import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src/contracts/protocol.js';
import { createTestApp, createUser, listenWs } from '../helpers/app.js';
import { TestClient } from '../helpers/ws-client.js';

type Question = Extract<ServerMessage, { type: 'question' }>;

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

const ENSEMBLE_JOB = `Machine Learning Engineer — tabular models

What you'll do:
- Build and tune gradient boosting models with XGBoost and LightGBM for credit risk
- Train random forests and compare them with boosted trees; explain feature importance
- Use bagging and other ensemble methods to reduce variance
- Experience designing convolutional neural networks for image classification is a plus

We offer a competitive salary and 30 days of vacation.`;

const ENSEMBLE_OR_TREE = /ensemble|boost|forest|tree|bagging|xgboost|stacking/i;

async function modelAnswer(test: Awaited<ReturnType<typeof createTestApp>>, questionId: string | null): Promise<string> {
  const response = await test.app.inject({ url: `/api/questions/${questionId ?? ''}` });
  const [answer] = response.json<{ answers: string[] }>().answers;
  if (answer === undefined) throw new Error('the question has no model answer');
  return answer;
}

describe('drill', () => {
  it('brings back a badly answered or skipped question soon and a well answered one later, and fills up with questions on what was missed', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    let client = await TestClient.authed(url, user.token);

    // A history: one question answered with its model answer, one answered poorly, one skipped.
    client.send({ type: 'start', mode: 'technical', count: 3, secondsPerQuestion: 300 });
    await client.next('session.started');
    const good = await client.next('question');
    client.send({ type: 'answer', turnId: good.turnId, clientId: 'good', text: await modelAnswer(test, good.questionId) });
    const goodFeedback = await client.next('feedback');
    expect(goodFeedback.overall).toBeGreaterThanOrEqual(4);
    await client.next('next.ready');
    client.send({ type: 'next' });
    const poor = await client.next('question');
    client.send({ type: 'answer', turnId: poor.turnId, clientId: 'poor', text: 'I am not sure, I think it depends on the data.' });
    const poorFeedback = await client.next('feedback');
    expect(poorFeedback.overall).toBeLessThan(3);
    await client.next('next.ready');
    client.send({ type: 'next' });
    const skipped = await client.next('question');
    client.send({ type: 'skip', turnId: skipped.turnId });
    await client.next('session.ended');

    // An hour later the two failures are due again (box 1: ten minutes); the good answer is not (box 2: a day).
    test.clock.advance(HOUR);
    // Advancing the clock idles the old socket out; a new one starts the drill.
    client.close();
    client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'drill', count: 3, secondsPerQuestion: 300 });
    const drill = await client.next('session.started');
    expect(drill.mode).toBe('drill');
    const first = await client.next('question');
    expect(first.questionId).toBe(skipped.questionId);
    expect(first.reason).toMatch(/^Due for review: skipped or left unanswered .*\(box 1 of 5\)/);
    client.send({ type: 'skip', turnId: first.turnId });
    const second = await client.next('question');
    expect(second.questionId).toBe(poor.questionId);
    expect(second.reason).toMatch(/^Due for review: scored \d\.\d 1 h ago \(box 1 of 5\)/);
    client.send({ type: 'answer', turnId: second.turnId, clientId: 'retry', text: await modelAnswer(test, second.questionId) });
    await client.next('feedback');
    await client.next('next.ready');
    client.send({ type: 'next' });
    // The third is new and chosen for what the history lacks, not the question already answered well.
    const third = await client.next('question');
    expect([good.questionId, poor.questionId, skipped.questionId]).not.toContain(third.questionId);
    expect(third.reason).toMatch(/^(Practises a key point you missed|Exercises your weakest dimension)/);
    client.send({ type: 'end' });
    await client.next('session.ended');

    // Two days on everything is due. Box 1 comes first: the twice-skipped question and the drill's third,
    // left unanswered when the drill ended. Then box 2: the question answered well at first, and the one
    // answered well in the drill.
    test.clock.advance(2 * DAY);
    client.close();
    client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'drill', count: 4, secondsPerQuestion: 300 });
    await client.next('session.started');
    await client.next('question');
    client.send({ type: 'end' });
    await client.next('session.ended');
    const plan = test.db
      .prepare<[string], { plan: string }>('SELECT plan FROM sessions WHERE user_id = ? ORDER BY created_at DESC LIMIT 1')
      .get(user.id);
    const planned = JSON.parse(plan?.plan ?? '[]') as Array<{ questionId: string; reason: string }>;
    expect(new Set(planned.slice(0, 2).map((question) => question.questionId))).toEqual(new Set([skipped.questionId, third.questionId]));
    expect(new Set(planned.slice(2).map((question) => question.questionId))).toEqual(new Set([good.questionId, poor.questionId]));
    const goodAgain = planned.find((question) => question.questionId === good.questionId);
    expect(goodAgain?.reason).toMatch(/^Due for review: scored \d\.\d 2 days ago \(box 2 of 5\)/);

    // The history lists the drills as drills.
    const history = (await test.app.inject({ url: '/api/sessions', headers: user.auth })).json<{ items: Array<{ mode: string }> }>();
    expect(history.items.map((item) => item.mode)).toEqual(['drill', 'drill', 'technical']);
  });

  it('refuses a drill without any interview history, and a drill with a job description, with clear errors', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'drill', count: 3 });
    const empty = await client.next('error');
    expect(empty).toMatchObject({ code: 'validation_error' });
    expect(empty.message).toMatch(/history/);
    client.send({ type: 'start', mode: 'drill', count: 3, jobDescription: ENSEMBLE_JOB });
    expect((await client.next('error')).message).toMatch(/^jobDescription: /);
    expect(client.closed).toBeNull();
  });
});

describe('job description', () => {
  it('asks mostly ensemble and tree questions for a description about gradient boosting, XGBoost and random forests, and reports which requirements were covered', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 5, secondsPerQuestion: 300, jobDescription: ENSEMBLE_JOB });
    const started = await client.next('session.started');
    expect(started.requirements?.length).toBeGreaterThanOrEqual(3);
    expect(started.requirements?.some((requirement) => /XGBoost/.test(requirement))).toBe(true);
    // Salary and vacation are not requirements.
    expect(started.requirements?.some((requirement) => /vacation/.test(requirement))).toBe(false);

    const questions: Question[] = [];
    for (let index = 1; index <= 5; index += 1) {
      const question = await client.next('question');
      questions.push(question);
      if (index <= 2) {
        client.send({ type: 'answer', turnId: question.turnId, clientId: `a-${index}`, text: await modelAnswer(test, question.questionId) });
        await client.next('feedback');
        await client.next('next.ready');
        client.send({ type: 'next' });
      } else {
        client.send({ type: 'skip', turnId: question.turnId });
      }
    }
    const onTopic = questions.filter((question) => ENSEMBLE_OR_TREE.test(`${question.topic} ${question.text}`));
    expect(onTopic.length).toBeGreaterThanOrEqual(4);
    expect(questions[0]?.reason).toMatch(/^For the job: /);

    const summary = await client.next('session.summary');
    const requirements = summary.requirements ?? [];
    expect(requirements.map((requirement) => requirement.text)).toEqual(started.requirements);
    const answered = new Set(questions.slice(0, 2).map((question) => question.turnId));
    const covered = requirements.filter((requirement) => requirement.status === 'covered');
    expect(covered.length).toBeGreaterThan(0);
    for (const requirement of covered) expect(requirement.turnIds.every((turnId) => answered.has(turnId))).toBe(true);
    // The minor requirement (a "plus") gets at most a skipped question here: never reported as covered.
    const asked = questions.slice(2).some((question) => /convolutional|neural/i.test(question.text));
    expect(requirements.find((requirement) => /convolutional/.test(requirement.text))?.status).toBe(asked ? 'skipped' : 'not_asked');

    // The Markdown export carries why each question was asked and what the description's requirements got.
    const markdown = (await test.app.inject({ url: `/api/sessions/${started.sessionId}/export?format=md`, headers: { authorization: `Bearer ${user.token}` } })).body;
    expect(markdown).toContain(`*Why this question: ${questions[0]?.reason ?? ''}*`);
    expect(markdown).toContain('Job description requirements:');
    for (const requirement of covered) expect(markdown).toContain(`- ${requirement.text} — covered`);
  });

  it('rejects a job description over 20,000 characters with an error naming the field, and keeps the socket', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', jobDescription: 'gradient boosting '.repeat(1_200).slice(0, 20_001) });
    const error = await client.next('error');
    expect(error).toMatchObject({ code: 'invalid_message', message: 'start.jobDescription: at most 20,000 characters' });
    client.send({ type: 'start', mode: 'technical', count: 1, jobDescription: 'Fluent in Mandarin and German.' });
    expect((await client.next('error')).message).toMatch(/^jobDescription: no requirements recognised/);
    expect(client.closed).toBeNull();
  });
});
