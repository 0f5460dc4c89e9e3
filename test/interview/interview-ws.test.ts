import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { RUBRIC_FOR_TYPE } from '../../src/contracts/rubric-schema.js';
import { getRubric } from '../../src/grading/rubrics.js';
import type { ServerMessage } from '../../src/contracts/protocol.js';
import { createTestApp, createUser, listenWs, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/ws-client.js';

const STAR_ANSWER =
  'In my last role at a fintech start-up, our fraud model missed a new attack pattern and chargebacks rose by 30% in one month. ' +
  'I was responsible for finding the cause and shipping a fix within two weeks. ' +
  'I analysed the false negatives, found that a key feature was computed with a stale window, and rebuilt the feature pipeline. ' +
  'I also added drift monitoring and retrained the model on the last 90 days of data. ' +
  'As a result, recall on fraud rose from 71% to 88% and chargebacks fell by 25% the following month. ' +
  'I learned to monitor feature freshness, not just model metrics.';


function seqs(messages: ServerMessage[]): number[] {
  return messages.filter((message) => message.seq > 0).map((message) => message.seq);
}

function answerRows(test: TestApp, turnId: string) {
  return test.db.prepare('SELECT answer_text, answer_client_id, status FROM turns WHERE id = ?').all(turnId);
}

describe('websocket interview', () => {
  it('runs a whole interview: questions, answers, feedback, summary, end; the transcript and export hold it all', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'behavioural', count: 2, secondsPerQuestion: 120 });
    const started = await client.next('session.started');
    expect(started.total).toBe(2);

    const answers: string[] = [];
    const rubricsUsed = new Set<string>();
    for (let index = 1; index <= 2; index += 1) {
      const question = await client.next('question');
      expect(question.index).toBe(index);
      expect(question.deadline).toBe(test.clock.now() + 120_000);
      const text = `${STAR_ANSWER} (answer ${index})`;
      answers.push(text);
      client.send({ type: 'answer', turnId: question.turnId, clientId: `c-${index}`, text });
      const accepted = await client.next('answer.accepted');
      expect(accepted).toMatchObject({ turnId: question.turnId, clientId: `c-${index}` });
      const feedback = await client.next('feedback');
      expect(feedback.turnId).toBe(question.turnId);
      // Each answer is graded with the rubric of its question's type, which the question names.
      const rubric = getRubric(RUBRIC_FOR_TYPE[question.questionType ?? 'technical']);
      expect(feedback.rubric).toBe(rubric.id);
      expect(feedback.questionType).toBe(question.questionType);
      expect(feedback.dimensions.map((dimension) => dimension.key)).toEqual(rubric.dimensions.map((dimension) => dimension.key));
      rubricsUsed.add(rubric.id);
      // Practice pacing (the default): the next question waits until the candidate has read the feedback.
      if (index < 2) {
        expect((await client.next('next.ready')).turnId).toBe(question.turnId);
        client.send({ type: 'next' });
      }
    }
    const summary = await client.next('session.summary');
    expect(summary.answered).toBe(2);
    expect(summary.overall).toBeGreaterThan(1);
    expect(new Set(summary.dimensions.map((dimension) => dimension.rubric))).toEqual(rubricsUsed);
    const ended = await client.next('session.ended');
    expect(ended.reason).toBe('completed');
    // Gapless per-session sequence.
    const numbers = seqs(client.messages);
    expect(numbers).toEqual(numbers.map((_, index) => index + 1));

    const transcript = (
      await test.app.inject({ url: `/api/sessions/${started.sessionId}`, headers: user.auth })
    ).json<{ turns: Array<{ question: string; answer: string; feedback: unknown }>; events: unknown[] }>();
    expect(transcript.turns.map((turn) => turn.answer)).toEqual(answers);
    expect(transcript.turns.every((turn) => turn.feedback !== null)).toBe(true);
    expect(transcript.events).toHaveLength(numbers.length);

    const markdown = (await test.app.inject({ url: `/api/sessions/${started.sessionId}/export?format=md`, headers: user.auth })).body;
    for (const turn of transcript.turns) {
      expect(markdown).toContain(turn.question);
      expect(markdown).toContain(turn.answer);
    }
    const json = await test.app.inject({ url: `/api/sessions/${started.sessionId}/export?format=json`, headers: user.auth });
    expect(json.headers['content-disposition']).toContain('.json');
    expect(json.json<{ turns: unknown[] }>().turns).toHaveLength(2);

    const list = (await test.app.inject({ url: '/api/sessions', headers: user.auth })).json<{ items: Array<{ id: string; overall: number }> }>();
    expect(list.items[0]).toMatchObject({ id: started.sessionId, overall: summary.overall });
    client.close();
  });

  it('resumes after a disconnect following the ack: no gaps, no duplicates, one stored answer', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const first = await TestClient.authed(url, user.token);
    first.send({ type: 'start', mode: 'technical', count: 2 });
    const { sessionId } = await first.next('session.started');
    const question = await first.next('question');
    first.send({ type: 'answer', turnId: question.turnId, clientId: 'a1', text: 'Cross-validation splits the data into k folds.' });
    const ack = await first.next('answer.accepted');
    const seenUpTo = ack.seq;
    first.socket.terminate();

    const second = await TestClient.authed(url, user.token);
    second.send({ type: 'resume', sessionId, lastSeq: seenUpTo });
    await second.next('session.resumed');
    // The answer is resent with the same client id: acknowledged again with the original message.
    second.send({ type: 'answer', turnId: question.turnId, clientId: 'a1', text: 'Cross-validation splits the data into k folds.' });
    const again = await second.next('answer.accepted');
    expect(again.seq).toBe(ack.seq);
    await second.seen('feedback');
    await second.seen('next.ready');
    second.send({ type: 'next' });
    await second.seen('question');
    const resent = seqs(second.messages.filter((message) => message !== again));
    expect(resent[0]).toBe(seenUpTo + 1);
    expect(resent).toEqual(resent.map((_, index) => seenUpTo + 1 + index));
    expect(answerRows(test, question.turnId)).toEqual([
      { answer_text: 'Cross-validation splits the data into k folds.', answer_client_id: 'a1', status: 'graded' },
    ]);
    second.close();
  });

  it('keeps an answer sent just before a disconnect and acknowledges it on resume', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const first = await TestClient.authed(url, user.token);
    first.send({ type: 'start', mode: 'behavioural', count: 1 });
    const { sessionId } = await first.next('session.started');
    const question = await first.next('question');
    const before = first.lastSeq();
    first.send({ type: 'answer', turnId: question.turnId, clientId: 'b1', text: STAR_ANSWER });
    first.socket.terminate();

    const second = await TestClient.authed(url, user.token);
    second.send({ type: 'resume', sessionId, lastSeq: before });
    await second.next('session.resumed');
    second.send({ type: 'answer', turnId: question.turnId, clientId: 'b1', text: STAR_ANSWER });
    await second.next('answer.accepted');
    await second.seen('session.ended');
    const acks = second.messages.filter((message) => message.type === 'answer.accepted');
    expect(new Set(acks.map((message) => message.seq)).size).toBe(1);
    expect(answerRows(test, question.turnId)).toHaveLength(1);
    const stored = test.db.prepare("SELECT count(*) AS n FROM client_events WHERE type = 'answer'").get();
    expect(stored).toEqual({ n: 1 });
    second.close();
  });

  it('grades the latest draft when the time is up', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'behavioural', count: 2, secondsPerQuestion: 30 });
    const question = await client.next('question');
    client.send({ type: 'draft', turnId: question.turnId, text: 'First thoughts' });
    client.send({ type: 'draft', turnId: question.turnId, text: STAR_ANSWER });
    await client.sync();
    test.clock.advance(29_000);
    await client.sync();
    expect(client.messages.some((message) => message.type === 'time.up')).toBe(false);
    test.clock.advance(1_000);
    const timeUp = await client.next('time.up');
    expect(timeUp).toMatchObject({ turnId: question.turnId, graded: 'draft' });
    const feedback = await client.next('feedback');
    expect(feedback.turnId).toBe(question.turnId);
    await client.next('next.ready');
    client.send({ type: 'next' });
    await client.next('question');
    const row = test.db.prepare('SELECT answer_text, answer_source FROM turns WHERE id = ?').get(question.turnId);
    expect(row).toEqual({ answer_text: STAR_ANSWER, answer_source: 'draft_at_time_up' });
    client.close();
  });

  it('marks a turn unanswered when the time is up with no draft, and moves on', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 2, secondsPerQuestion: 10 });
    const question = await client.next('question');
    test.clock.advance(10_000);
    expect(await client.next('time.up')).toMatchObject({ turnId: question.turnId, graded: 'none' });
    const next = await client.next('question');
    expect(next.index).toBe(2);
    expect(test.db.prepare('SELECT status FROM turns WHERE id = ?').get(question.turnId)).toEqual({ status: 'unanswered' });
    client.close();
  });

  it('times a turn out while the candidate is disconnected and replays it on resume', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const first = await TestClient.authed(url, user.token);
    first.send({ type: 'start', mode: 'technical', count: 2, secondsPerQuestion: 10 });
    const { sessionId } = await first.next('session.started');
    await first.next('question');
    const seen = first.lastSeq();
    first.close();
    await first.waitClosed();
    test.clock.advance(10_000);

    const second = await TestClient.authed(url, user.token);
    second.send({ type: 'resume', sessionId, lastSeq: seen });
    await second.next('time.up');
    const next = await second.next('question');
    expect(next.index).toBe(2);
    second.close();
  });

  it('re-arms a pending deadline after a restart and fires it when overdue', async () => {
    const first = await createTestApp();
    const url = await listenWs(first);
    const user = await createUser(first.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 2, secondsPerQuestion: 60 });
    const { sessionId } = await client.next('session.started');
    const question = await client.next('question');
    await first.app.close();
    first.db.close();

    first.clock.advance(120_000);
    const second = await createTestApp({}, { dbPath: first.dbPath, clock: first.clock });
    second.clock.advance(0);
    const events = second.db
      .prepare('SELECT type FROM events WHERE session_id = ? ORDER BY seq')
      .all(sessionId)
      .map((row) => (row as { type: string }).type);
    expect(events).toEqual(['session.started', 'question', 'time.up', 'question']);
    expect(second.db.prepare('SELECT status FROM turns WHERE id = ?').get(question.turnId)).toEqual({ status: 'unanswered' });
  });

  it('rejects bad frames with an error and keeps the socket open', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.connect(url);
    client.send({ type: 'start', mode: 'technical' });
    expect((await client.next('error')).code).toBe('unauthenticated');
    client.send({ type: 'auth', token: user.token });
    await client.next('auth.ok');
    client.send('{not json');
    expect((await client.next('error')).code).toBe('bad_json');
    client.send({ type: 'launch-missiles' });
    const unknown = await client.next('error');
    expect(unknown.code).toBe('unknown_type');
    expect(unknown.message).not.toContain('launch-missiles');
    client.send({ type: 'start', mode: 'technical', count: 99 });
    const invalid = await client.next('error');
    expect(invalid).toMatchObject({ code: 'invalid_message' });
    expect(invalid.message).toContain('count');
    client.send({ type: 'answer', turnId: 't_x', clientId: 'x', text: 'hello' });
    expect((await client.next('error')).code).toBe('no_session');
    await client.sync();
    expect(client.closed).toBeNull();
    client.close();
  });

  it('closes a socket that sends an oversized frame with 1009', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const client = await TestClient.connect(url);
    client.send({ type: 'auth', token: 'x'.repeat(70 * 1024) });
    expect((await client.waitClosed()).code).toBe(1009);
  });

  it('closes a socket that does not authenticate within 5 seconds with 4401', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const client = await TestClient.connect(url);
    await new Promise((resolve) => setImmediate(resolve));
    test.clock.advance(5_000);
    expect((await client.waitClosed()).code).toBe(4401);
  });

  it('terminates a socket that stops answering heartbeats; its session stays resumable', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const silent = new WebSocket(url, { autoPong: false });
    await new Promise((resolve) => silent.once('open', resolve));
    const frames: string[] = [];
    silent.on('message', (data: Buffer) => frames.push(data.toString('utf8')));
    silent.send(JSON.stringify({ type: 'auth', token: user.token }));
    silent.send(JSON.stringify({ type: 'start', mode: 'technical', count: 1 }));
    while (!frames.some((frame) => frame.includes('"question"'))) await new Promise((resolve) => setTimeout(resolve, 10));
    const closed = new Promise<number>((resolve) => silent.once('close', (code: number) => resolve(code)));
    test.clock.advance(30_000);
    test.clock.advance(30_000);
    expect(await closed).toBe(1006);

    const sessionId = (JSON.parse(frames.find((frame) => frame.includes('session.started')) ?? '{}') as { sessionId: string }).sessionId;
    const again = await TestClient.authed(url, user.token);
    again.send({ type: 'resume', sessionId, lastSeq: 0 });
    await again.next('session.resumed');
    expect(again.messages.some((message) => message.type === 'question')).toBe(true);
    again.close();
  });

  it("refuses another user's session and a finished turn", async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const alice = await createUser(test.app, 'Alice');
    const bob = await createUser(test.app, 'Bob');
    const aliceClient = await TestClient.authed(url, alice.token);
    aliceClient.send({ type: 'start', mode: 'technical', count: 2 });
    const { sessionId } = await aliceClient.next('session.started');
    const question = await aliceClient.next('question');

    const bobClient = await TestClient.authed(url, bob.token);
    bobClient.send({ type: 'resume', sessionId, lastSeq: 0 });
    const refused = await bobClient.next('error');
    expect(refused.code).toBe('not_found');
    expect(bobClient.messages.some((message) => message.type === 'question')).toBe(false);
    bobClient.send({ type: 'answer', turnId: question.turnId, clientId: 'evil', text: 'mine now' });
    expect((await bobClient.next('error')).code).toBe('no_session');

    aliceClient.send({ type: 'skip', turnId: question.turnId });
    await aliceClient.next('question');
    aliceClient.send({ type: 'answer', turnId: question.turnId, clientId: 'late', text: 'too late' });
    expect((await aliceClient.next('error')).code).toBe('conflict');
    expect(answerRows(test, question.turnId)).toEqual([{ answer_text: null, answer_client_id: null, status: 'skipped' }]);
    aliceClient.close();
    bobClient.close();
  });

  it('asks a follow-up after a graded answer when follow-ups are on', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'behavioural', count: 1, followUps: true });
    const question = await client.next('question');
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'f1', text: 'We did some things and it was fine.' });
    await client.next('feedback');
    await client.next('next.ready');
    client.send({ type: 'next' });
    const followUp = await client.next('followup');
    expect(followUp.parentTurnId).toBe(question.turnId);
    expect(followUp.text.length).toBeGreaterThan(10);
    client.send({ type: 'answer', turnId: followUp.turnId, clientId: 'f2', text: 'I personally rebuilt the pipeline and cut latency by 40%.' });
    await client.next('feedback');
    const ended = await client.next('session.ended');
    expect(ended.reason).toBe('completed');
    client.close();
  });

  it('ends early on request with a summary', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'mixed', count: 4 });
    await client.next('question');
    client.send({ type: 'end' });
    const summary = await client.next('session.summary');
    expect(summary).toMatchObject({ answered: 0, unanswered: 1 });
    expect((await client.next('session.ended')).reason).toBe('ended_by_user');
    client.close();
  });
});

describe('websocket interview: recovery paths', () => {
  it('treats a start resent with the same clientId as the same session and replays it from the beginning', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const first = await TestClient.authed(url, user.token);
    first.send({ type: 'start', mode: 'technical', count: 2, clientId: 'start-1' });
    const started = await first.next('session.started');
    first.socket.terminate();

    const second = await TestClient.authed(url, user.token);
    second.send({ type: 'start', mode: 'technical', count: 2, clientId: 'start-1' });
    const again = await second.next('session.started');
    expect(again).toMatchObject({ sessionId: started.sessionId, seq: 1 });
    await second.next('question');
    await second.next('session.resumed');
    expect(test.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 1 });
    second.close();
  });

  it('names the refused frame in an error', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 2 });
    const question = await client.next('question');
    client.send({ type: 'skip', turnId: question.turnId });
    await client.next('question');
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'late-1', text: 'too late' });
    const error = await client.next('error');
    expect(error).toMatchObject({ code: 'conflict', ref: { type: 'answer', turnId: question.turnId, clientId: 'late-1' } });
    client.close();
  });

  it('stops the timers of a deleted interview and tells its sockets', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 2, secondsPerQuestion: 30 });
    const { sessionId } = await client.next('session.started');
    await client.next('question');
    const deleted = await test.app.inject({ method: 'DELETE', url: `/api/sessions/${sessionId}`, headers: user.auth });
    expect(deleted.statusCode).toBe(204);
    expect((await client.next('error')).code).toBe('session_deleted');
    // Past the 30 s deadline (and one 30 s heartbeat, which the client answers).
    test.clock.advance(31_000);
    await client.sync();
    expect(client.messages.some((message) => message.type === 'time.up')).toBe(false);
    client.close();
  });
});
