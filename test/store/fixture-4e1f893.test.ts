import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FeedbackSchema } from '../../src/contracts/feedback-schema.js';
import { ProgressSchema, TranscriptSchema } from '../../src/contracts/history-schemas.js';
import { openDb } from '../../src/store/db.js';
import { createTestApp, listenWs, tempDir } from '../helpers/app.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { TestClient } from '../helpers/ws-client.js';

/*
 * A database written by the server of commit 4e1f893 (before stored formats had versions), made by
 * test/fixtures/db-4e1f893/make-fixture-db.mjs: a finished interview with a follow-up and a skip, an
 * unfinished one whose second question is open with a draft, and two one-shot feedbacks. Today's server
 * must migrate it and read all of it back.
 */
const FIXTURE_DIR = path.join(import.meta.dirname, '..', 'fixtures', 'db-4e1f893');
const manifest = z
  .object({
    userToken: z.string(),
    finished: z.string(),
    unfinished: z.string(),
    feedback: z.array(z.string()).length(2),
  })
  .parse(JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'manifest.json'), 'utf8')));
const auth = { authorization: `Bearer ${manifest.userToken}` };

/** A copy of the fixture (the test must not change it), opened with today's migrations. */
function fixtureCopy(): string {
  const file = path.join(tempDir(), 'old.db');
  fs.copyFileSync(path.join(FIXTURE_DIR, 'db-4e1f893.sqlite'), file);
  return file;
}

/** The open turn's deadline, read before the app opens the copy, so the clock can stand before it. */
function openDeadline(file: string): number {
  const db = openDb(file);
  try {
    const row = db
      .prepare<[string], { deadline: number }>("SELECT deadline FROM turns WHERE session_id = ? AND status = 'asked'")
      .get(manifest.unfinished);
    if (!row) throw new Error('the fixture has no open turn');
    return row.deadline;
  } finally {
    db.close();
  }
}

async function fixtureApp() {
  const dbPath = fixtureCopy();
  const clock = new FakeClock(openDeadline(dbPath) - 60_000);
  return createTestApp({}, { dbPath, clock });
}

describe('a database written by commit 4e1f893', () => {
  it('reads back history, transcripts, exports, feedback and progress', async () => {
    const { app } = await fixtureApp();

    const list = await app.inject({ url: '/api/sessions', headers: auth });
    expect(list.statusCode).toBe(200);
    const sessions = list.json<{ items: Array<{ id: string; status: string; questions: number; answered: number }> }>().items;
    expect(sessions.map((session) => [session.id, session.status])).toEqual(
      expect.arrayContaining([
        [manifest.finished, 'ended'],
        [manifest.unfinished, 'active'],
      ]),
    );

    const finished = TranscriptSchema.parse((await app.inject({ url: `/api/sessions/${manifest.finished}`, headers: auth })).json());
    expect(finished.events.map((event) => event.seq)).toEqual(Array.from({ length: 17 }, (_, index) => index + 1));
    expect(finished.events.at(-1)?.type).toBe('session.ended');
    expect(finished.turns.map((turn) => turn.status)).toEqual(['graded', 'graded', 'skipped', 'graded', 'graded']);
    expect(finished.turns.filter((turn) => turn.parentTurnId !== null)).toHaveLength(2);
    expect(finished.turns.every((turn) => turn.status !== 'graded' || turn.feedback !== null)).toBe(true);
    expect(finished.inputs.some((input) => input.type === 'draft' && input.text === 'Let me think')).toBe(true);

    const markdown = await app.inject({ url: `/api/sessions/${manifest.finished}/export?format=md`, headers: auth });
    expect(markdown.statusCode).toBe(200);
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
    expect(markdown.body).toContain('feature store');
    const json = await app.inject({ url: `/api/sessions/${manifest.finished}/export?format=json`, headers: auth });
    expect(TranscriptSchema.parse(json.json())).toEqual(finished);

    const unfinished = TranscriptSchema.parse((await app.inject({ url: `/api/sessions/${manifest.unfinished}`, headers: auth })).json());
    expect(unfinished.session.status).toBe('active');
    expect(unfinished.turns.map((turn) => turn.status)).toEqual(['graded', 'asked']);
    expect(unfinished.turns[1]?.lastDraft).toMatch(/^Gradient descent/);

    for (const id of manifest.feedback) {
      const feedback = await app.inject({ url: `/api/feedback/${id}`, headers: auth });
      expect(feedback.statusCode).toBe(200);
      expect(FeedbackSchema.parse(feedback.json()).id).toBe(id);
    }
    const standalone = (await app.inject({ url: '/api/feedback', headers: auth })).json<Array<{ id: string }>>();
    expect(standalone.map((item) => item.id).sort()).toEqual([...manifest.feedback].sort());

    const progress = ProgressSchema.parse((await app.inject({ url: '/api/progress', headers: auth })).json());
    // Two one-shot feedbacks, four graded turns of the finished interview, one of the unfinished.
    expect(progress.graded).toBe(7);
    expect(progress.dimensions.map((dimension) => dimension.rubric)).toEqual(expect.arrayContaining(['star', 'technical']));
  });

  it('resumes the unfinished interview over a websocket with a gapless seq, and finishes it', async () => {
    const test = await fixtureApp();
    const url = await listenWs(test);
    const client = await TestClient.authed(url, manifest.userToken);
    client.send({ type: 'resume', sessionId: manifest.unfinished, lastSeq: 1 });
    await client.next('session.resumed');
    const open = client.messages.filter((message) => message.type === 'question').at(-1);
    if (open?.type !== 'question') throw new Error('no open question replayed');
    expect(open.index).toBe(2);

    client.send({ type: 'answer', turnId: open.turnId, clientId: 'fixture-resume-2', text: 'Gradient descent moves the weights against the gradient of the loss, scaled by the learning rate, until the loss stops falling.' });
    await client.next('feedback');
    // Stored before pacing existed, the session reads as practice: the next question waits for `next`.
    await client.next('next.ready');
    client.send({ type: 'next' });
    const third = await client.next('question');
    client.send({ type: 'skip', turnId: third.turnId });
    await client.next('session.ended');

    const seqs = client.messages.filter((message) => message.seq > 0).map((message) => message.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, index) => index + 2));
    expect(seqs[0]).toBe(2);
    client.close();

    const transcript = TranscriptSchema.parse(
      (await test.app.inject({ url: `/api/sessions/${manifest.unfinished}`, headers: auth })).json(),
    );
    expect(transcript.session.status).toBe('ended');
    expect(transcript.events.map((event) => event.seq)).toEqual(Array.from({ length: transcript.events.length }, (_, index) => index + 1));
  });
});
