import { describe, expect, it } from 'vitest';
import { MAX_ANSWER_CHARS } from '../../src/contracts/protocol.js';
import { createTestApp, createUser, listenWs, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/ws-client.js';

/** 12,000 characters as typed; 12,020 once NFKC turns each "ﬁ" (as pasted from a PDF) into "fi". */
const LIGATURED = `${'a'.repeat(MAX_ANSWER_CHARS - 20)}${'\ufb01'.repeat(20)}`;

function draftRows(test: TestApp, turnId: string): string[] {
  return test.db
    .prepare<[string], { text: string }>("SELECT text FROM client_events WHERE turn_id = ? AND type = 'draft' ORDER BY id")
    .all(turnId)
    .map((row) => row.text);
}

const latestDraft = (test: TestApp, turnId: string) =>
  test.db.prepare<[string], { draft_text: string | null }>('SELECT draft_text FROM turns WHERE id = ?').get(turnId)?.draft_text;

async function interview(test: TestApp, options: Record<string, unknown> = {}) {
  const url = await listenWs(test);
  const user = await createUser(test.app);
  const client = await TestClient.authed(url, user.token);
  client.send({ type: 'start', mode: 'technical', count: 2, secondsPerQuestion: 60, ...options });
  const { sessionId } = await client.next('session.started');
  const question = await client.next('question');
  return { client, user, sessionId, question, url };
}

describe('answer length: one normalisation and one check for accepting and grading', () => {
  it('refuses an answer that is over the limit only once normalised, naming why, and stores nothing', async () => {
    const test = await createTestApp();
    const { client, question } = await interview(test);
    expect(LIGATURED.length).toBe(MAX_ANSWER_CHARS);
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'lig-1', text: LIGATURED });
    const refused = await client.next('error');
    expect(refused).toMatchObject({ code: 'validation_error', ref: { type: 'answer', clientId: 'lig-1' } });
    expect(refused.message).toMatch(/at most 12000 characters; this one has 12020 once normalised \(ligatures/);
    expect(test.db.prepare('SELECT status, answer_text FROM turns WHERE id = ?').get(question.turnId)).toEqual({ status: 'asked', answer_text: null });

    // The same text one ligature shorter is accepted and graded.
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'lig-2', text: LIGATURED.slice(0, -11) });
    await client.next('answer.accepted');
    expect((await client.next('feedback')).turnId).toBe(question.turnId);
    client.close();
  });

  it('stores superscripts and subscripts as typed, while full-width letters and ligatures become plain', async () => {
    const test = await createTestApp();
    const { client, question } = await interview(test);
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'sup-1', text: 'Var(X) = E[X²] − E[X]², so x₁ with 10⁻³ noise: ｆｉｔ the ﬁrst model.' });
    await client.next('answer.accepted');
    expect((await client.next('feedback')).turnId).toBe(question.turnId);
    expect(test.db.prepare('SELECT answer_text FROM turns WHERE id = ?').get(question.turnId)).toEqual({
      answer_text: 'Var(X) = E[X²] − E[X]², so x₁ with 10⁻³ noise: fit the first model.',
    });
    client.close();
  });

  it('refuses such a draft too, so a draft graded at time-up is always within the limit', async () => {
    const test = await createTestApp();
    const { client, question } = await interview(test, { secondsPerQuestion: 30 });
    client.send({ type: 'draft', turnId: question.turnId, text: 'A first, short draft about k-fold cross-validation.' });
    client.send({ type: 'draft', turnId: question.turnId, text: LIGATURED });
    const refused = await client.next('error');
    expect(refused).toMatchObject({ code: 'validation_error', ref: { type: 'draft', turnId: question.turnId } });
    expect(refused.message).toMatch(/^draft: must be at most/);
    test.clock.advance(30_000);
    expect(await client.next('time.up')).toMatchObject({ turnId: question.turnId, graded: 'draft' });
    expect((await client.next('feedback')).turnId).toBe(question.turnId);
    client.close();
  });

  it('grades an answer stored by an older version even though it is over the limit once normalised', async () => {
    const first = await createTestApp();
    const { client, question, sessionId } = await interview(first);
    client.close();
    await first.app.close();
    // What an older version accepted: checked before normalisation, stored after it, then "ungradeable".
    first.db
      .prepare("UPDATE turns SET status = 'answered', answer_text = ?, answer_client_id = 'old', answered_at = 1 WHERE id = ?")
      .run(LIGATURED.normalize('NFKC'), question.turnId);
    first.db.close();

    const second = await createTestApp({}, { dbPath: first.dbPath, clock: first.clock });
    const deadline = Date.now() + 10_000;
    let status: unknown;
    while (Date.now() < deadline) {
      status = second.db.prepare('SELECT status FROM turns WHERE id = ?').get(question.turnId);
      if ((status as { status: string }).status === 'graded') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).toEqual({ status: 'graded' });
    const feedback = second.db.prepare("SELECT count(*) AS n FROM events WHERE session_id = ? AND type = 'feedback'").get(sessionId);
    expect(feedback).toEqual({ n: 1 });
  });
});

describe('drafts', () => {
  it('writes drafts at most every 3 seconds, and the pending one with the answer', async () => {
    const test = await createTestApp();
    const { client, question } = await interview(test);
    for (const text of ['A', 'A model', 'A model overfits']) client.send({ type: 'draft', turnId: question.turnId, text });
    await client.sync();
    // Nothing written yet: one write per interval, whatever the typing rate.
    expect(draftRows(test, question.turnId)).toEqual([]);
    expect(latestDraft(test, question.turnId)).toBeNull();
    test.clock.advance(3_000);
    expect(draftRows(test, question.turnId)).toEqual(['A model overfits']);
    expect(latestDraft(test, question.turnId)).toBe('A model overfits');

    client.send({ type: 'draft', turnId: question.turnId, text: 'A model overfits when it memorises noise.' });
    await client.sync();
    test.clock.advance(1_000);
    expect(draftRows(test, question.turnId)).toHaveLength(1);
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'd-1', text: 'A model overfits when it memorises noise in the training data.' });
    await client.next('answer.accepted');
    expect(draftRows(test, question.turnId)).toEqual(['A model overfits', 'A model overfits when it memorises noise.']);
    client.close();
  });

  it('writes the drafts held in memory when the server shuts down', async () => {
    const test = await createTestApp();
    const { client, question } = await interview(test);
    client.send({ type: 'draft', turnId: question.turnId, text: 'Half an answer about regularisation.' });
    await client.sync();
    expect(latestDraft(test, question.turnId)).toBeNull();
    client.close();
    await test.app.close();
    expect(latestDraft(test, question.turnId)).toBe('Half an answer about regularisation.');
    expect(draftRows(test, question.turnId)).toEqual(['Half an answer about regularisation.']);
  });

  it("stops recording a user's draft history at the quota, says so once, and still grades the latest draft at time-up", async () => {
    const test = await createTestApp({ DRAFT_QUOTA_BYTES: '100' });
    const { client, question } = await interview(test, { secondsPerQuestion: 30 });
    const first = 'Cross-validation estimates how a model generalises by rotating the held-out fold.'; // 82 bytes
    client.send({ type: 'draft', turnId: question.turnId, text: first });
    await client.sync();
    test.clock.advance(3_000);
    const second = `${first} With k = 5 each point is tested once.`;
    client.send({ type: 'draft', turnId: question.turnId, text: second });
    await client.sync();
    test.clock.advance(3_000);
    // Over the quota: no second history row, but the turn keeps the latest draft.
    expect(draftRows(test, question.turnId)).toEqual([first]);
    expect(latestDraft(test, question.turnId)).toBe(second);
    client.send({ type: 'draft', turnId: question.turnId, text: `${second} It costs k fits.` });
    client.send({ type: 'draft', turnId: question.turnId, text: `${second} It costs k model fits.` });
    await client.sync();
    const notices = client.messages.filter((message) => message.type === 'error' && message.code === 'draft_quota_exceeded');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ message: expect.stringMatching(/draft history is full/) });
    test.clock.advance(24_000);
    expect(await client.next('time.up')).toMatchObject({ graded: 'draft' });
    await client.next('feedback');
    const graded = test.db.prepare('SELECT answer_text FROM turns WHERE id = ?').get(question.turnId);
    expect(graded).toEqual({ answer_text: `${second} It costs k model fits.` });
    client.close();
  });
});
