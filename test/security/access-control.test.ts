import { afterEach, describe, expect, it } from 'vitest';
import { makeWav } from '../helpers/audio.js';
import { createTestApp, createUser, listenWs, type TestApp } from '../helpers/app.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { playOneQuestionInterview, TestClient } from '../helpers/ws-client.js';

/** Routes anyone may call; every other /api route must demand a token and scope data to its owner. */
const PUBLIC_ROUTES = new Set([
  'GET /api/questions',
  'GET /api/questions/{id}',
  'GET /api/topics',
  'GET /api/tips',
  'POST /api/users',
  'GET /api/capabilities',
  // How answers are scored is public, like the corpus.
  'GET /api/rubrics',
  'GET /api/rubrics/{id}',
  // Authenticated by a recovery code instead of a token (test/users/recovery-code.test.ts: 401 for a wrong one).
  'POST /api/recover',
]);

const BOB_ANSWER =
  'When our recommendation model degraded at Bobcorp, I traced it to a broken feature join and fixed the pipeline; ' +
  'click-through recovered by 12% within a week.';

interface Route {
  method: string;
  path: string;
}

/** Every documented route of the app itself, so a new route cannot escape the matrix. */
async function appRoutes(test: TestApp): Promise<Route[]> {
  const spec = (await test.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
}

let fake: FakeOpenAI | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function bobsData(test: TestApp, token: string, url: string) {
  const auth = { authorization: `Bearer ${token}` };
  const recording = await test.app.inject({
    method: 'POST',
    url: '/api/transcriptions',
    headers: { ...auth, 'content-type': 'audio/wav' },
    payload: makeWav({ seconds: 1 }),
  });
  const feedback = (
    await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: auth,
      payload: { question: 'Tell me about a time you fixed a model.', answer: BOB_ANSWER },
    })
  ).json<{ id: string }>();
  const { sessionId } = await playOneQuestionInterview(url, token, BOB_ANSWER);
  const dispute = (
    await test.app.inject({ method: 'POST', url: `/api/feedback/${feedback.id}/disputes`, headers: auth, payload: { expected: 5, note: 'Bobcorp deserves a 5' } })
  ).json<{ id: string }>();
  return { sessionId, feedbackId: feedback.id, transcriptionId: recording.json<{ id: string }>().id, disputeId: dispute.id };
}

describe('access control', () => {
  it("gives 404 for another user's ids and 401 without a valid token, on every route", async () => {
    fake = await startFakeOpenAI(() => ({ type: 'transcription', text: 'At Bobcorp I fixed the feature join.' }));
    const test = await createTestApp({ STT_BASE_URL: fake.baseURL, KEEP_AUDIO: 'true' });
    const url = await listenWs(test);
    const alice = await createUser(test.app, 'Alice');
    const bob = await createUser(test.app, 'Bob');
    const bobs = await bobsData(test, bob.token, url);
    const idFor = (path: string): string => {
      if (path.startsWith('/api/sessions/')) return bobs.sessionId;
      if (path.startsWith('/api/feedback/')) return bobs.feedbackId;
      if (path.startsWith('/api/transcriptions/')) return bobs.transcriptionId;
      throw new Error(`no owned id known for ${path}: add it to the access-control matrix`);
    };

    const routes = (await appRoutes(test)).filter((route) => route.path.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(8);
    const checked: string[] = [];
    for (const route of routes) {
      if (PUBLIC_ROUTES.has(`${route.method} ${route.path}`)) continue;
      const url = route.path.replace('{id}', route.path.includes('{id}') ? idFor(route.path) : '').replace('{disputeId}', bobs.disputeId);
      const payload = route.method === 'POST' || route.method === 'PATCH' ? { name: 'x', question: 'q?', answer: 'a', expected: 3 } : undefined;
      for (const authorization of [undefined, 'Bearer not-a-token', `Bearer ic_${'A'.repeat(43)}`, `Basic ${alice.token}`]) {
        const response = await test.app.inject({ method: route.method as 'GET', url, headers: authorization ? { authorization } : {}, payload });
        expect(response.statusCode, `${route.method} ${route.path} with ${authorization ?? 'no token'}`).toBe(401);
      }
      const asAlice = await test.app.inject({ method: route.method as 'GET', url, headers: alice.auth, payload });
      expect(asAlice.body, `${route.method} ${route.path} leaked Bob's data`).not.toContain('Bobcorp');
      expect(asAlice.body).not.toContain(bob.id);
      if (route.path.includes('{id}')) expect(asAlice.statusCode, `${route.method} ${route.path}`).toBe(404);
      checked.push(`${route.method} ${route.path}`);
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'GET /api/sessions/{id}',
        'GET /api/sessions/{id}/export',
        'DELETE /api/sessions/{id}',
        'GET /api/feedback/{id}',
        'GET /api/progress',
        'GET /api/transcriptions/{id}',
        'GET /api/transcriptions/{id}/audio',
        'DELETE /api/transcriptions/{id}',
        'POST /api/transcriptions',
        'POST /api/speech',
        'GET /api/progress/delivery',
        'POST /api/feedback/{id}/disputes',
        'DELETE /api/feedback/{id}/disputes/{disputeId}',
        'GET /api/disputes/export',
      ]),
    );

    // Bob still has everything after Alice's attempts.
    const transcript = await test.app.inject({ url: `/api/sessions/${bobs.sessionId}`, headers: bob.auth });
    expect(transcript.statusCode).toBe(200);
    expect(transcript.body).toContain('Bobcorp');
    const bobsFeedback = await test.app.inject({ url: `/api/feedback/${bobs.feedbackId}`, headers: bob.auth });
    expect(bobsFeedback.statusCode).toBe(200);
    expect(bobsFeedback.json<{ disputes: Array<{ id: string; expected: number }> }>().disputes).toEqual([
      expect.objectContaining({ id: bobs.disputeId, expected: 5 }),
    ]);
    expect((await test.app.inject({ url: `/api/transcriptions/${bobs.transcriptionId}/audio`, headers: bob.auth })).statusCode).toBe(200);
    // Alice's progress counts only the one answer she graded herself during the matrix.
    const progress = (await test.app.inject({ url: '/api/progress', headers: alice.auth })).json<{ graded: number }>();
    expect(progress.graded).toBe(1);
  });

  it("cannot resume another user's session over the websocket", async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const alice = await createUser(test.app, 'Alice');
    const bob = await createUser(test.app, 'Bob');
    const bobs = await bobsData(test, bob.token, url);
    const client = await TestClient.authed(url, alice.token);
    client.send({ type: 'resume', sessionId: bobs.sessionId, lastSeq: 0 });
    const error = await client.next('error');
    expect(error.code).toBe('not_found');
    await client.sync();
    expect(client.messages.filter((message) => message.seq > 0)).toHaveLength(0);
    client.close();
  });

  it('stores only token hashes and issues ids and tokens with 128+ bits', async () => {
    const test = await createTestApp();
    const users = await Promise.all([createUser(test.app), createUser(test.app)]);
    const rows = test.db.prepare('SELECT id, token_hash FROM users').all() as Array<{ id: string; token_hash: string }>;
    for (const user of users) {
      expect(rows.some((row) => row.token_hash.includes(user.token) || user.token.includes(row.token_hash))).toBe(false);
      expect(user.id).toMatch(/^u_[0-9a-f]{32}$/);
    }
    expect(users[0]?.token).not.toBe(users[1]?.token);
  });
});
