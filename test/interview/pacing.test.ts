import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src/contracts/protocol.js';
import { createTestApp, createUser, listenWs, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/ws-client.js';

const ANSWER =
  'Cross-validation splits the data into k folds, trains on k-1 of them and validates on the held-out fold, ' +
  'rotating so every fold is held out once; averaging the k scores gives a lower-variance estimate of the error ' +
  'than one split, at k times the training cost. Use stratified folds for imbalanced classes and group folds when rows are related.';

/** Waits (without any app timer moving) until the server has done what `condition` looks for. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function turnStatuses(test: TestApp, sessionId: string): string[] {
  return test.db
    .prepare<[string], { status: string }>('SELECT status FROM turns WHERE session_id = ? ORDER BY position')
    .all(sessionId)
    .map((row) => row.status);
}

const typesAfter = (messages: ServerMessage[], seq: number) => messages.filter((message) => message.seq > seq).map((message) => message.type);

describe('practice pacing', () => {
  it('starts the next question and its deadline only when the candidate sends next, however long the feedback is read', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 2, secondsPerQuestion: 60 });
    expect((await client.next('session.started')).pacing).toBe('practice');
    const first = await client.next('question');
    client.send({ type: 'answer', turnId: first.turnId, clientId: 'a1', text: ANSWER });
    await client.next('feedback');
    const ready = await client.next('next.ready');
    expect(ready.turnId).toBe(first.turnId);

    // Reading the feedback for longer than a whole question's time: nothing is asked, nothing times out.
    for (let second = 0; second < 5 * 60; second += 10) {
      test.clock.advance(10_000);
      await client.sync();
    }
    expect(typesAfter(client.messages, ready.seq)).toEqual([]);

    client.send({ type: 'next' });
    const second = await client.next('question');
    expect(second.index).toBe(2);
    expect(second.deadline).toBe(test.clock.now() + 60_000);
    // The last question's feedback is followed by the summary at once: there is nothing to wait for.
    client.send({ type: 'answer', turnId: second.turnId, clientId: 'a2', text: ANSWER });
    await client.next('feedback');
    await client.next('session.summary');
    expect(client.messages.filter((message) => message.type === 'next.ready')).toHaveLength(1);
    client.close();
  });

  it('refuses next while a question is open, keeps the socket open, and moves on by itself after a skip', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 3 });
    const question = await client.next('question');
    client.send({ type: 'next' });
    const refused = await client.next('error');
    expect(refused).toMatchObject({ code: 'conflict', ref: { type: 'next' } });
    expect(refused.message).toContain('current question');
    // Skipping has no feedback to read: the interview moves on by itself.
    client.send({ type: 'skip', turnId: question.turnId });
    await client.next('turn.skipped');
    expect((await client.next('question')).index).toBe(2);
    expect(client.closed).toBeNull();
    client.close();
  });

  it('resumes on a new connection while waiting for next, and goes on from there', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const first = await TestClient.authed(url, user.token);
    first.send({ type: 'start', mode: 'technical', count: 2, secondsPerQuestion: 60 });
    const { sessionId } = await first.next('session.started');
    const question = await first.next('question');
    first.send({ type: 'answer', turnId: question.turnId, clientId: 'a1', text: ANSWER });
    const accepted = await first.next('answer.accepted');
    first.socket.terminate();
    await until(() => turnStatuses(test, sessionId)[0] === 'graded', 'the answer is graded');
    test.clock.advance(10 * 60_000);

    const second = await TestClient.authed(url, user.token);
    second.send({ type: 'resume', sessionId, lastSeq: accepted.seq });
    await second.next('session.resumed');
    expect(typesAfter(second.messages, accepted.seq)).toEqual(['feedback', 'next.ready']);
    second.send({ type: 'next' });
    const next = await second.next('question');
    expect(next.deadline).toBe(test.clock.now() + 60_000);
    second.close();
  });

  it('keeps waiting for next across a server restart: no deadline runs while the feedback is read', async () => {
    const firstApp = await createTestApp();
    const url = await listenWs(firstApp);
    const user = await createUser(firstApp.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 2, secondsPerQuestion: 60 });
    const { sessionId } = await client.next('session.started');
    const question = await client.next('question');
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'a1', text: ANSWER });
    await client.next('next.ready');
    await firstApp.app.close();
    firstApp.db.close();

    firstApp.clock.advance(30 * 60_000);
    const restarted = await createTestApp({}, { dbPath: firstApp.dbPath, clock: firstApp.clock });
    restarted.clock.advance(0);
    expect(turnStatuses(restarted, sessionId)).toEqual(['graded']);
    const again = await TestClient.authed(await listenWs(restarted), user.token);
    again.send({ type: 'resume', sessionId, lastSeq: 0 });
    await again.next('session.resumed');
    expect(again.messages.filter((message) => message.seq > 0).map((message) => message.type)).toEqual([
      'session.started',
      'question',
      'answer.accepted',
      'feedback',
      'next.ready',
    ]);
    again.send({ type: 'next' });
    expect((await again.next('question')).deadline).toBe(restarted.clock.now() + 60_000);
    again.close();
  });
});

describe('realistic pacing', () => {
  it('asks the next question as soon as an answer is accepted and sends all feedback with the summary', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 3, pacing: 'realistic', secondsPerQuestion: 60 });
    const { sessionId, pacing } = await client.next('session.started');
    expect(pacing).toBe('realistic');
    const turnIds: string[] = [];
    let question = await client.next('question');
    for (let index = 1; index <= 3; index += 1) {
      expect(question.index).toBe(index);
      expect(question.deadline).toBe(test.clock.now() + 60_000);
      turnIds.push(question.turnId);
      if (index === 2) {
        client.send({ type: 'skip', turnId: question.turnId });
        await client.next('turn.skipped');
        question = await client.next('question');
        continue;
      }
      client.send({ type: 'answer', turnId: question.turnId, clientId: `a${index}`, text: ANSWER });
      const accepted = await client.next('answer.accepted');
      if (index < 3) {
        // The next question is part of the same commit as the acknowledgement.
        expect(client.messages[client.messages.indexOf(accepted) + 1]?.type).toBe('question');
        question = await client.next('question');
      }
      // Even once graded, the answer's feedback stays back while the interview runs.
      if (index < 3) {
        await until(() => turnStatuses(test, sessionId)[index - 1] === 'graded', `answer ${index} is graded`);
        await client.sync();
        expect(client.messages.some((message) => message.type === 'feedback')).toBe(false);
      }
    }
    const summary = await client.next('session.summary');
    const feedback = client.messages.filter((message) => message.type === 'feedback');
    expect(feedback.map((message) => message.turnId)).toEqual([turnIds[0], turnIds[2]]);
    // Feedback comes right before the summary, after the last question.
    const lastQuestion = client.messages.findLastIndex((message) => message.type === 'question');
    expect(client.messages.findIndex((message) => message.type === 'feedback')).toBeGreaterThan(lastQuestion);
    expect(summary).toMatchObject({ answered: 2, skipped: 1 });
    expect((await client.next('session.ended')).reason).toBe('completed');
    client.send({ type: 'next' });
    expect((await client.next('error')).code).toBe('conflict');
    client.close();
  });

  it('resumes mid-interview without feedback, and the ending brings every answer’s feedback', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const first = await TestClient.authed(url, user.token);
    first.send({ type: 'start', mode: 'technical', count: 2, pacing: 'realistic' });
    const { sessionId } = await first.next('session.started');
    const question = await first.next('question');
    first.send({ type: 'answer', turnId: question.turnId, clientId: 'a1', text: ANSWER });
    await first.next('answer.accepted');
    first.socket.terminate();
    await until(() => turnStatuses(test, sessionId)[0] === 'graded', 'the answer is graded');

    const second = await TestClient.authed(url, user.token);
    second.send({ type: 'resume', sessionId, lastSeq: 0 });
    await second.next('session.resumed');
    expect(second.messages.filter((message) => message.seq > 0).map((message) => message.type)).toEqual([
      'session.started',
      'question',
      'answer.accepted',
      'question',
    ]);
    // Ending early still waits for no one: the first answer is graded, the open question is unanswered.
    second.send({ type: 'end' });
    const summary = await second.next('session.summary');
    expect(summary).toMatchObject({ answered: 1, unanswered: 1 });
    const feedback = second.messages.filter((message) => message.type === 'feedback');
    expect(feedback.map((message) => message.turnId)).toEqual([question.turnId]);
    expect((await second.next('session.ended')).reason).toBe('ended_by_user');
    second.close();
  });

  it('finishes after a restart that caught the last answer ungraded, with its feedback before the summary', async () => {
    const firstApp = await createTestApp();
    const url = await listenWs(firstApp);
    const user = await createUser(firstApp.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 1, pacing: 'realistic' });
    const { sessionId } = await client.next('session.started');
    const question = await client.next('question');
    // The answer is stored, then the server stops before grading it: it is graded after the restart.
    firstApp.db
      .prepare("UPDATE turns SET status = 'answered', answer_text = ?, answer_client_id = 'a1', answer_source = 'submitted', answered_at = ? WHERE id = ?")
      .run(ANSWER, firstApp.clock.now(), question.turnId);
    await firstApp.app.close();
    firstApp.db.close();

    const restarted = await createTestApp({}, { dbPath: firstApp.dbPath, clock: firstApp.clock });
    await until(() => turnStatuses(restarted, sessionId)[0] === 'graded', 'the answer is graded after the restart');
    const types = restarted.db
      .prepare<[string], { type: string }>('SELECT type FROM events WHERE session_id = ? ORDER BY seq')
      .all(sessionId)
      .map((row) => row.type);
    expect(types).toEqual(['session.started', 'question', 'feedback', 'session.summary', 'session.ended']);
  });
});
