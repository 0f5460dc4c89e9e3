import { afterEach, describe, expect, it } from 'vitest';
import { TranscriptionSchema } from '../../src/contracts/voice-schemas.js';
import { audioFixture, makeWav } from '../helpers/audio.js';
import { createTestApp, createUser, type TestApp } from '../helpers/app.js';
import { multipartRequest, startFakeOpenAI, TRANSCRIPTIONS_PATH, type FakeOpenAI } from '../helpers/fake-openai.js';

const TRANSCRIPT = 'Um, I retrained the fraud model. Like, the pipeline broke, so I think I fixed it.';
/** Word timings for TRANSCRIPT: 0.4 s a word, with a 3.2 s silence after "model". */
const WORDS = [
  ['Um', 0.2, 0.5],
  ['I', 0.7, 0.8],
  ['retrained', 0.9, 1.4],
  ['the', 1.5, 1.6],
  ['fraud', 1.7, 2],
  ['model', 2.1, 2.5],
  ['Like', 5.7, 5.9],
  ['the', 6, 6.1],
  ['pipeline', 6.2, 6.6],
  ['broke', 6.7, 7],
  ['so', 7.1, 7.2],
  ['I', 7.3, 7.4],
  ['think', 7.5, 7.7],
  ['I', 7.8, 7.9],
  ['fixed', 8, 8.3],
  ['it', 8.4, 8.6],
].map(([word, start, end]) => ({ word: String(word), start: Number(start), end: Number(end) }));

let fake: FakeOpenAI | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function voiceApp(env: Record<string, string> = {}): Promise<{ test: TestApp; fake: FakeOpenAI; auth: { authorization: string } }> {
  fake = await startFakeOpenAI();
  const test = await createTestApp({ STT_BASE_URL: fake.baseURL, STT_API_KEY: 'sk-test-stt', STT_MODEL: 'whisper-test', ...env });
  const user = await createUser(test.app);
  return { test, fake, auth: user.auth };
}

function upload(test: TestApp, auth: { authorization: string }, body: Buffer, contentType = 'audio/wav') {
  return test.app.inject({ method: 'POST', url: '/api/transcriptions', headers: { ...auth, 'content-type': contentType }, payload: body });
}

describe('POST /api/transcriptions', () => {
  it('uploads the recording as multipart, asks for word timings and measures delivery from them', async () => {
    const { test, fake, auth } = await voiceApp();
    fake.enqueue({ type: 'transcription', text: TRANSCRIPT, duration: 9, words: WORDS });
    const wav = audioFixture('answer.wav');
    const response = await upload(test, auth, wav);
    expect(response.statusCode).toBe(201);
    const body = TranscriptionSchema.parse(response.json());

    const sent = multipartRequest(fake.requests[0]);
    expect(fake.requests[0]?.path).toBe(TRANSCRIPTIONS_PATH);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-test-stt');
    expect(sent.fields.model).toEqual(['whisper-test']);
    expect(sent.fields.response_format).toEqual(['verbose_json']);
    expect(sent.fields['timestamp_granularities[]']).toEqual(['word']);
    expect(sent.fields.prompt?.[0]).toMatch(/\bum+\b/i);
    expect(sent.files).toHaveLength(1);
    expect(sent.files[0]).toMatchObject({ field: 'file', filename: 'answer.wav', contentType: 'audio/wav' });
    expect(sent.files[0]?.bytes.equals(wav)).toBe(true);

    expect(body).toMatchObject({
      text: TRANSCRIPT,
      // From the WAV header, not the server's 9 s.
      durationSec: 5.39,
      wordTimings: true,
      notes: [],
      audio: false,
      delivery: {
        wordCount: 16,
        // First word at 0.2 s, last ends at 8.6 s: 8.4 s of speaking, 16 words.
        speakingSec: 8.4,
        wordsPerMinute: 114,
        pace: 'slow',
        fillerWords: { um: 1, like: 1 },
        fillerCount: 2,
        fillerRate: 12.5,
        longPauses: [{ atSec: 2.5, durationSec: 3.2 }],
        hedges: { 'i think': 1 },
        hedgeCount: 1,
      },
    });
    expect(body.words).toHaveLength(16);

    const stored = await test.app.inject({ url: `/api/transcriptions/${body.id}`, headers: auth });
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toEqual(body);
  });

  it('takes the length of a browser recording from its container, not from what the server reports', async () => {
    const { test, fake, auth } = await voiceApp();
    fake.enqueue({ type: 'transcription', text: 'I fixed it.', duration: 0.5 }, { type: 'transcription', text: 'I fixed it.', duration: 0.5 });
    const webm = TranscriptionSchema.parse((await upload(test, auth, audioFixture('answer.webm'), 'audio/webm;codecs=opus')).json());
    expect(webm.durationSec).toBeCloseTo(2, 0);
    expect(multipartRequest(fake.requests[0]).files[0]).toMatchObject({ filename: 'answer.webm', contentType: 'audio/webm;codecs=opus' });
    const mp4 = TranscriptionSchema.parse((await upload(test, auth, audioFixture('answer.mp4'), 'audio/mp4')).json());
    expect(mp4.durationSec).toBeCloseTo(2, 0);
  });

  it('falls back to plain text when the server answers that way, and says the pauses are unknown', async () => {
    const { test, fake, auth } = await voiceApp();
    fake.enqueue({ type: 'raw', contentType: 'text/plain; charset=utf-8', body: 'We shipped it, you know, on time.' });
    const response = await upload(test, auth, makeWav({ seconds: 3 }));
    expect(response.statusCode).toBe(201);
    const body = TranscriptionSchema.parse(response.json());
    expect(body.words).toBeUndefined();
    expect(body.wordTimings).toBe(false);
    expect(body.notes).toEqual([expect.stringMatching(/no word timings.*pauses could not be measured/)]);
    expect(body.delivery).toMatchObject({ wordsPerMinute: 140, longPauses: null, fillerWords: { 'you know': 1 } });
  });

  it('asks for plain json when the server refuses verbose_json, and remembers it', async () => {
    const { test, fake, auth } = await voiceApp();
    fake.enqueue(
      { type: 'error', status: 400, message: "response_format 'verbose_json' is not compatible with this model", param: 'response_format' },
      { type: 'transcription', text: 'First answer.', usageSeconds: 2 },
      { type: 'transcription', text: 'Second answer.' },
    );
    const first = TranscriptionSchema.parse((await upload(test, auth, makeWav({ seconds: 2 }))).json());
    const second = TranscriptionSchema.parse((await upload(test, auth, makeWav({ seconds: 2 }))).json());
    expect([first.text, second.text]).toEqual(['First answer.', 'Second answer.']);
    expect(fake.requests.map((request) => multipartRequest(request).fields.response_format?.[0])).toEqual(['verbose_json', 'json', 'json']);
    expect(first.delivery.longPauses).toBeNull();
  });

  it('answers 502 when the speech-to-text server fails, after one retry, and stores nothing', async () => {
    const { test, fake, auth } = await voiceApp();
    fake.setDefault(() => ({ type: 'error', status: 500, message: 'model crashed' }));
    const response = await upload(test, auth, makeWav({ seconds: 2 }));
    expect(response.statusCode).toBe(502);
    expect(response.json()).toEqual({ error: { code: 'stt_unavailable', message: 'the speech-to-text server refused the request (500)' } });
    expect(fake.requests).toHaveLength(2);
    expect(test.db.prepare('SELECT count(*) AS n FROM transcriptions').get()).toEqual({ n: 0 });
  });

  it('answers 504 when the speech-to-text server hangs past STT_TIMEOUT_MS, and refuses more than the in-flight cap meanwhile', async () => {
    const { test, fake, auth } = await voiceApp({ STT_TIMEOUT_MS: '400', STT_MAX_IN_FLIGHT: '1' });
    fake.setDefault(() => ({ type: 'hang' }));
    const hanging = upload(test, auth, makeWav({ seconds: 2 }));
    await expect.poll(() => fake.requests.length).toBe(1);
    const refused = await upload(test, auth, makeWav({ seconds: 2 }));
    expect(refused.statusCode).toBe(503);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('stt_busy');
    expect(refused.headers['retry-after']).toBe('5');
    const response = await hanging;
    expect(response.statusCode).toBe(504);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('stt_timeout');
    // The slot is free again.
    fake.setDefault(() => ({ type: 'transcription', text: 'Back again.' }));
    expect((await upload(test, auth, makeWav({ seconds: 2 }))).statusCode).toBe(201);
  });

  it('refuses a third recording of one user while two are being transcribed', async () => {
    const { test, fake, auth } = await voiceApp({ STT_TIMEOUT_MS: '400' });
    fake.setDefault(() => ({ type: 'hang' }));
    const pending = [upload(test, auth, makeWav({ seconds: 1 })), upload(test, auth, makeWav({ seconds: 1 }))];
    await expect.poll(() => fake.requests.length).toBe(2);
    const third = await upload(test, auth, makeWav({ seconds: 1 }));
    expect(third.statusCode).toBe(429);
    expect(third.json<{ error: { code: string } }>().error.code).toBe('too_many_transcriptions');
    await Promise.all(pending);
  });

  it('refuses what is not one of the audio types, or not what its Content-Type says, with 415', async () => {
    const { test, fake, auth } = await voiceApp();
    for (const contentType of ['application/json', 'audio/flac', 'text/plain']) {
      const response = await upload(test, auth, Buffer.from('{"audio":false}'), contentType);
      expect(response.statusCode, contentType).toBe(415);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('unsupported_audio_type');
    }
    const mismatch = await upload(test, auth, audioFixture('answer.webm'), 'audio/wav');
    expect(mismatch.statusCode).toBe(415);
    expect(mismatch.json()).toEqual({ error: { code: 'audio_type_mismatch', message: 'the body is not a WAV recording, as its Content-Type says' } });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a recording over 25 MB or over 10 minutes with 413, before any transcription', async () => {
    const { test, fake, auth } = await voiceApp();
    const big = await upload(test, auth, Buffer.alloc(25 * 1024 * 1024 + 1), 'audio/mpeg');
    expect(big.statusCode).toBe(413);
    expect(big.json<{ error: { code: string } }>().error.code).toBe('audio_too_large');
    const long = await upload(test, auth, makeWav({ seconds: 601, sampleRate: 8000, bits: 8 }));
    expect(long.statusCode).toBe(413);
    expect(long.json()).toEqual({ error: { code: 'audio_too_long', message: 'the recording lasts 601 s; at most 10 minutes can be transcribed' } });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a recording the server reports as over 10 minutes when its container does not say', async () => {
    const { test, fake, auth } = await voiceApp();
    fake.enqueue({ type: 'transcription', text: 'A very long answer.', duration: 700 });
    // A WebM cut before its first block: no timestamps to read.
    const headerOnly = audioFixture('answer.webm').subarray(0, 200);
    const response = await upload(test, auth, headerOnly, 'audio/webm');
    expect(response.statusCode).toBe(413);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('audio_too_long');
  });

  it('refuses empty and silent recordings, and transcripts with no speech, with 422', async () => {
    const { test, fake, auth } = await voiceApp();
    const empty = await upload(test, auth, Buffer.alloc(0));
    expect(empty.statusCode).toBe(422);
    expect(empty.json<{ error: { code: string } }>().error.code).toBe('empty_audio');
    const silent = await upload(test, auth, makeWav({ seconds: 3, amplitude: 0 }));
    expect(silent.statusCode).toBe(422);
    expect(silent.json<{ error: { code: string } }>().error.code).toBe('silent_audio');
    expect(fake.requests).toHaveLength(0);
    fake.enqueue({ type: 'transcription', text: ' [BLANK_AUDIO] ' });
    const blank = await upload(test, auth, makeWav({ seconds: 3 }));
    expect(blank.statusCode).toBe(422);
    expect(blank.json<{ error: { code: string } }>().error.code).toBe('no_speech');
  });

  it('answers 501 with a code when no speech-to-text server is configured, and capabilities say so', async () => {
    const test = await createTestApp();
    const user = await createUser(test.app);
    const response = await upload(test, user.auth, makeWav({ seconds: 1 }));
    expect(response.statusCode).toBe(501);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('stt_not_configured');
    const capabilities = await test.app.inject({ url: '/api/capabilities' });
    expect(capabilities.statusCode).toBe(200);
    expect(capabilities.json()).toMatchObject({ voiceInput: false, spokenQuestions: { browser: true, server: false }, modelGrading: false, keepAudio: false });
  });

  it('offers voice in the capabilities once STT is configured, without authentication', async () => {
    const { test } = await voiceApp({ KEEP_AUDIO: 'true', STT_DAILY_SECONDS: '900' });
    expect((await test.app.inject({ url: '/api/capabilities' })).json()).toEqual({
      voiceInput: true,
      spokenQuestions: { browser: true, server: false },
      modelGrading: false,
      keepAudio: true,
      audio: {
        types: ['audio/webm', 'audio/ogg', 'audio/wav', 'audio/wave', 'audio/x-wav', 'audio/mpeg', 'audio/mp3', 'audio/mp4', 'audio/x-m4a'],
        maxBytes: 25 * 1024 * 1024,
        maxSeconds: 600,
        dailySeconds: 900,
      },
    });
  });

  it('stops a user at STT_DAILY_SECONDS of audio a day, and lets them go on the next UTC day', async () => {
    const { test, fake, auth } = await voiceApp({ STT_DAILY_SECONDS: '8' });
    fake.setDefault(() => ({ type: 'transcription', text: 'An answer.' }));
    expect((await upload(test, auth, makeWav({ seconds: 5 }))).statusCode).toBe(201);
    const second = await upload(test, auth, makeWav({ seconds: 5 }));
    expect(second.statusCode).toBe(429);
    expect(second.json<{ error: { code: string } }>().error.code).toBe('stt_daily_limit');
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
    // Another user has their own allowance.
    const other = await createUser(test.app, 'Grace');
    expect((await upload(test, other.auth, makeWav({ seconds: 5 }))).statusCode).toBe(201);
    test.clock.advance(24 * 3_600_000);
    expect((await upload(test, auth, makeWav({ seconds: 5 }))).statusCode).toBe(201);
  });

  it('needs a token, and keeps each transcription and recording to its owner', async () => {
    const { test, fake, auth } = await voiceApp({ KEEP_AUDIO: 'true' });
    fake.setDefault(() => ({ type: 'transcription', text: 'Mine.' }));
    expect((await test.app.inject({ method: 'POST', url: '/api/transcriptions', headers: { 'content-type': 'audio/wav' }, payload: makeWav({ seconds: 1 }) })).statusCode).toBe(401);
    const wav = makeWav({ seconds: 1 });
    const mine = TranscriptionSchema.parse((await upload(test, auth, wav)).json());
    expect(mine.audio).toBe(true);
    const audio = await test.app.inject({ url: `/api/transcriptions/${mine.id}/audio`, headers: auth });
    expect(audio.statusCode).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/wav');
    expect(audio.rawPayload.equals(wav)).toBe(true);

    const other = await createUser(test.app, 'Mallory');
    for (const url of [`/api/transcriptions/${mine.id}`, `/api/transcriptions/${mine.id}/audio`]) {
      expect((await test.app.inject({ url, headers: other.auth })).statusCode).toBe(404);
    }
    expect((await test.app.inject({ method: 'DELETE', url: `/api/transcriptions/${mine.id}`, headers: other.auth })).statusCode).toBe(404);
    expect((await test.app.inject({ method: 'DELETE', url: `/api/transcriptions/${mine.id}`, headers: auth })).statusCode).toBe(204);
    expect((await test.app.inject({ url: `/api/transcriptions/${mine.id}/audio`, headers: auth })).statusCode).toBe(404);
  });

  it('does not keep the recording unless KEEP_AUDIO is true', async () => {
    const { test, fake, auth } = await voiceApp();
    fake.enqueue({ type: 'transcription', text: 'Not kept.' });
    const body = TranscriptionSchema.parse((await upload(test, auth, makeWav({ seconds: 1 }))).json());
    expect(body.audio).toBe(false);
    expect(test.db.prepare('SELECT count(*) AS n FROM transcription_audio').get()).toEqual({ n: 0 });
    expect((await test.app.inject({ url: `/api/transcriptions/${body.id}/audio`, headers: auth })).statusCode).toBe(404);
  });

  it('deletes a recording nobody used for an answer after a day', async () => {
    const { test, fake, auth } = await voiceApp({ KEEP_AUDIO: 'true' });
    fake.setDefault(() => ({ type: 'transcription', text: 'Never submitted.' }));
    const unused = TranscriptionSchema.parse((await upload(test, auth, makeWav({ seconds: 1 }))).json());
    test.clock.advance(25 * 3_600_000);
    await upload(test, auth, makeWav({ seconds: 1 }));
    expect((await test.app.inject({ url: `/api/transcriptions/${unused.id}`, headers: auth })).statusCode).toBe(404);
    expect(test.db.prepare('SELECT count(*) AS n FROM transcription_audio').get()).toEqual({ n: 1 });
  });
});
