import { afterEach, describe, expect, it } from 'vitest';
import { TranscriptSchema } from '../../src/contracts/history-schemas.js';
import { DeliveryProgressSchema, TranscriptionSchema } from '../../src/contracts/voice-schemas.js';
import { makeWav } from '../helpers/audio.js';
import { createTestApp, createUser, listenWs, type TestApp } from '../helpers/app.js';
import { SPEECH_PATH, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { TestClient } from '../helpers/ws-client.js';

const SPOKEN =
  'Um, last year our churn model drifted, so I owned the retraining. Like, I rebuilt the features and I think recall went from 70% to 85%.';

let fake: FakeOpenAI | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function voiceApp(env: Record<string, string> = {}): Promise<{ test: TestApp; fake: FakeOpenAI }> {
  fake = await startFakeOpenAI(() => ({ type: 'transcription', text: SPOKEN }));
  const test = await createTestApp({ STT_BASE_URL: fake.baseURL, ...env });
  return { test, fake };
}

async function transcribe(test: TestApp, auth: { authorization: string }, seconds = 12) {
  const response = await test.app.inject({
    method: 'POST',
    url: '/api/transcriptions',
    headers: { ...auth, 'content-type': 'audio/wav' },
    payload: makeWav({ seconds }),
  });
  expect(response.statusCode).toBe(201);
  return TranscriptionSchema.parse(response.json());
}

describe('spoken answers in an interview', () => {
  it('keeps the delivery of an answer sent with its transcriptionId, in the feedback, the transcript and the export', async () => {
    const { test } = await voiceApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const recording = await transcribe(test, user.auth);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'behavioural', count: 1, secondsPerQuestion: 300 });
    const question = await client.next('question');
    // The candidate edited the transcript before submitting: the text is theirs, the delivery the recording's.
    const edited = recording.text.replace('Um, ', '');
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'c-1', text: edited, transcriptionId: recording.id });
    await client.next('answer.accepted');
    const feedback = await client.next('feedback');
    expect(feedback.delivery).toEqual(recording.delivery);
    expect(feedback.delivery).toMatchObject({ wordsPerMinute: 130, pace: 'good', fillerWords: { um: 1, like: 1 }, longPauses: null });
    const ended = await client.next('session.ended');

    const transcript = TranscriptSchema.parse((await test.app.inject({ url: `/api/sessions/${ended.sessionId}`, headers: user.auth })).json());
    expect(transcript.turns[0]).toMatchObject({
      answer: edited,
      spoken: { transcriptionId: recording.id, durationSec: 12, delivery: recording.delivery, audio: false },
    });
    const feedbackEvent = transcript.events.find((event) => event.type === 'feedback');
    expect(feedbackEvent && 'delivery' in feedbackEvent ? feedbackEvent.delivery : undefined).toEqual(recording.delivery);
    const markdown = (await test.app.inject({ url: `/api/sessions/${ended.sessionId}/export?format=md`, headers: user.auth })).body;
    expect(markdown).toContain('*Spoken, 0:12 · 130 words/min (guide 120–160) · fillers: um ×1, like ×1*');
    client.close();
  });

  it("refuses an answer naming another user's transcription, or one already used, and keeps the question open", async () => {
    const { test } = await voiceApp();
    const url = await listenWs(test);
    const owner = await createUser(test.app, 'Ada');
    const other = await createUser(test.app, 'Mallory');
    const theirs = await transcribe(test, owner.auth);
    const client = await TestClient.authed(url, other.token);
    client.send({ type: 'start', mode: 'behavioural', count: 2, secondsPerQuestion: 300 });
    const question = await client.next('question');
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'c-1', text: 'My answer.', transcriptionId: theirs.id });
    const refused = await client.next('error');
    expect(refused).toMatchObject({ code: 'not_found', message: 'transcription not found', ref: { type: 'answer', turnId: question.turnId, clientId: 'c-1' } });
    expect(test.db.prepare('SELECT status FROM turns WHERE id = ?').get(question.turnId)).toEqual({ status: 'asked' });

    const mine = await transcribe(test, other.auth);
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'c-2', text: 'My answer, spoken.', transcriptionId: mine.id });
    await client.next('answer.accepted');
    await client.next('next.ready');
    client.send({ type: 'next' });
    const next = await client.next('question');
    client.send({ type: 'answer', turnId: next.turnId, clientId: 'c-3', text: 'The same recording again.', transcriptionId: mine.id });
    const conflict = await client.next('error');
    expect(conflict).toMatchObject({ code: 'conflict', ref: { type: 'answer', clientId: 'c-3' } });
    expect(test.db.prepare('SELECT status FROM turns WHERE id = ?').get(next.turnId)).toEqual({ status: 'asked' });
    client.close();
  });

  it('stores a resent spoken answer once and links its recording once', async () => {
    const { test } = await voiceApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const recording = await transcribe(test, user.auth);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'behavioural', count: 1, secondsPerQuestion: 300 });
    const question = await client.next('question');
    const frame = { type: 'answer', turnId: question.turnId, clientId: 'c-1', text: recording.text, transcriptionId: recording.id };
    client.send(frame);
    const first = await client.next('answer.accepted');
    client.send(frame);
    const again = await client.next('answer.accepted');
    expect(again.seq).toBe(first.seq);
    expect(test.db.prepare('SELECT turn_id FROM transcriptions WHERE id = ?').get(recording.id)).toEqual({ turn_id: question.turnId });
    client.close();
  });

  it('plays back a kept recording, and deleting the session deletes it', async () => {
    const { test } = await voiceApp({ KEEP_AUDIO: 'true' });
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const recording = await transcribe(test, user.auth, 3);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 1, secondsPerQuestion: 300 });
    const question = await client.next('question');
    client.send({ type: 'answer', turnId: question.turnId, clientId: 'c-1', text: recording.text, transcriptionId: recording.id });
    const ended = await client.next('session.ended');
    const transcript = TranscriptSchema.parse((await test.app.inject({ url: `/api/sessions/${ended.sessionId}`, headers: user.auth })).json());
    expect(transcript.turns[0]?.spoken).toMatchObject({ transcriptionId: recording.id, audio: true });
    const audio = await test.app.inject({ url: `/api/transcriptions/${recording.id}/audio`, headers: user.auth });
    expect(audio.statusCode).toBe(200);
    expect(audio.rawPayload.length).toBe(makeWav({ seconds: 3 }).length);

    expect((await test.app.inject({ method: 'DELETE', url: `/api/sessions/${ended.sessionId}`, headers: user.auth })).statusCode).toBe(204);
    expect((await test.app.inject({ url: `/api/transcriptions/${recording.id}/audio`, headers: user.auth })).statusCode).toBe(404);
    expect((await test.app.inject({ url: `/api/transcriptions/${recording.id}`, headers: user.auth })).statusCode).toBe(404);
    expect(test.db.prepare('SELECT count(*) AS n FROM transcription_audio').get()).toEqual({ n: 0 });
    client.close();
  });
});

describe('spoken one-shot feedback and delivery progress', () => {
  it('links a recording to one-shot feedback, and deleting the feedback deletes the recording', async () => {
    const { test } = await voiceApp({ KEEP_AUDIO: 'true' });
    const user = await createUser(test.app);
    const recording = await transcribe(test, user.auth);
    const graded = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: user.auth,
      payload: { question: 'Tell me about a time you improved a model.', answer: recording.text, transcriptionId: recording.id },
    });
    expect(graded.statusCode).toBe(200);
    const feedbackId = graded.json<{ id: string }>().id;
    expect(test.db.prepare('SELECT feedback_id FROM transcriptions WHERE id = ?').get(recording.id)).toEqual({ feedback_id: feedbackId });

    const stranger = await createUser(test.app, 'Mallory');
    const refused = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: stranger.auth,
      payload: { question: 'Tell me about a time you improved a model.', answer: 'Mine.', transcriptionId: recording.id },
    });
    expect(refused.statusCode).toBe(404);

    expect((await test.app.inject({ method: 'DELETE', url: `/api/feedback/${feedbackId}`, headers: user.auth })).statusCode).toBe(204);
    expect((await test.app.inject({ url: `/api/transcriptions/${recording.id}`, headers: user.auth })).statusCode).toBe(404);
  });

  it('tracks pace and fillers of every spoken answer over time', async () => {
    const { test, fake } = await voiceApp();
    const user = await createUser(test.app);
    const empty = DeliveryProgressSchema.parse((await test.app.inject({ url: '/api/progress/delivery', headers: user.auth })).json());
    expect(empty).toEqual({ spokenAnswers: 0, points: [], averages: { wordsPerMinute: null, fillerRate: null }, topFillers: [] });

    const first = await transcribe(test, user.auth, 12);
    fake.enqueue({ type: 'transcription', text: 'We shipped it on time, you know, and um it held.' });
    test.clock.advance(60_000);
    const second = await transcribe(test, user.auth, 6);
    // Never used for an answer: not part of the progress.
    await transcribe(test, user.auth, 6);
    for (const recording of [first, second]) {
      await test.app.inject({
        method: 'POST',
        url: '/api/feedback',
        headers: user.auth,
        payload: { question: 'Why do you want this role?', answer: recording.text, transcriptionId: recording.id },
      });
    }
    const progress = DeliveryProgressSchema.parse((await test.app.inject({ url: '/api/progress/delivery', headers: user.auth })).json());
    expect(progress.spokenAnswers).toBe(2);
    expect(progress.points.map((point) => [point.transcriptionId, point.wordsPerMinute, point.fillerRate])).toEqual([
      // 26 words in 12 s with "um" and "like"; 11 words in 6 s with "you know" and "um".
      [first.id, 130, 7.7],
      [second.id, 110, 18.2],
    ]);
    expect(progress.averages).toEqual({ wordsPerMinute: 120, fillerRate: 13 });
    expect(progress.topFillers).toEqual([
      { word: 'um', count: 2 },
      { word: 'like', count: 1 },
      { word: 'you know', count: 1 },
    ]);
  });
});

describe('spoken questions', () => {
  it('streams the question being asked from the text-to-speech server, and nothing else', async () => {
    fake = await startFakeOpenAI();
    const test = await createTestApp({ TTS_BASE_URL: fake.baseURL, TTS_MODEL: 'tts-test', TTS_VOICE: 'nova', TTS_API_KEY: 'sk-test-tts' });
    const url = await listenWs(test);
    const user = await createUser(test.app);
    expect((await test.app.inject({ url: '/api/capabilities' })).json()).toMatchObject({ voiceInput: false, spokenQuestions: { browser: true, server: true } });
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'behavioural', count: 1, secondsPerQuestion: 300 });
    const question = await client.next('question');
    const mp3 = Buffer.from([0xff, 0xfb, 0x90, 0xc0, ...Array.from({ length: 400 }, (_, index) => index % 256)]);
    fake.enqueue({ type: 'raw', contentType: 'audio/mpeg', body: mp3 });
    const spoken = await test.app.inject({ method: 'POST', url: '/api/speech', headers: user.auth, payload: { turnId: question.turnId } });
    expect(spoken.statusCode).toBe(200);
    expect(spoken.headers['content-type']).toBe('audio/mpeg');
    expect(spoken.rawPayload.equals(mp3)).toBe(true);
    expect(fake.requests[0]?.path).toBe(SPEECH_PATH);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-test-tts');
    expect(fake.requests[0]?.body).toMatchObject({ model: 'tts-test', voice: 'nova', input: question.text, response_format: 'mp3' });

    const stranger = await createUser(test.app, 'Mallory');
    expect((await test.app.inject({ method: 'POST', url: '/api/speech', headers: stranger.auth, payload: { turnId: question.turnId } })).statusCode).toBe(404);
    client.send({ type: 'skip', turnId: question.turnId });
    await client.next('session.ended');
    const closed = await test.app.inject({ method: 'POST', url: '/api/speech', headers: user.auth, payload: { turnId: question.turnId } });
    expect(closed.statusCode).toBe(409);
    expect(fake.requests).toHaveLength(1);
    client.close();
  });

  it('answers 501 when no text-to-speech server is configured, and 502 when it fails', async () => {
    const plain = await createTestApp();
    const user = await createUser(plain.app);
    const response = await plain.app.inject({ method: 'POST', url: '/api/speech', headers: user.auth, payload: { turnId: 't_x' } });
    expect(response.statusCode).toBe(501);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('tts_not_configured');

    fake = await startFakeOpenAI(() => ({ type: 'error', status: 503, message: 'overloaded' }));
    const test = await createTestApp({ TTS_BASE_URL: fake.baseURL, TTS_MODEL: 'tts-test' });
    const url = await listenWs(test);
    const owner = await createUser(test.app);
    const client = await TestClient.authed(url, owner.token);
    client.send({ type: 'start', mode: 'behavioural', count: 1, secondsPerQuestion: 300 });
    const question = await client.next('question');
    const failed = await test.app.inject({ method: 'POST', url: '/api/speech', headers: owner.auth, payload: { turnId: question.turnId } });
    expect(failed.statusCode).toBe(502);
    expect(failed.json<{ error: { code: string } }>().error.code).toBe('tts_unavailable');
    client.close();
  });
});
