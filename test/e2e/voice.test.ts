import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { TranscriptSchema } from '../../src/contracts/history-schemas.js';
import { multipartRequest, startFakeOpenAI, type FakeOpenAI, type FakeResponse } from '../helpers/fake-openai.js';
import { expectNoErrors, launchChromium, openPage, pageToken, screenshots, startLiveApp, type LiveApp } from './browser.js';

/** The fake microphone: a committed recording of synthetic speech (test/fixtures/audio/README.md). */
const MICROPHONE = path.join(projectRoot, 'test', 'fixtures', 'audio', 'answer.wav');

const TRANSCRIPT = 'Um, I retrained the fraud model. Like, the pipeline broke, so I fixed it.';
/** 14 words over 7 s (120 words per minute), with a 3.4 s silence after "model". */
const WORDS = [
  ['Um', 0, 0.3],
  ['I', 0.4, 0.5],
  ['retrained', 0.6, 1],
  ['the', 1.1, 1.2],
  ['fraud', 1.3, 1.6],
  ['model', 1.7, 2],
  ['Like', 5.4, 5.6],
  ['the', 5.7, 5.8],
  ['pipeline', 5.9, 6.2],
  ['broke', 6.3, 6.5],
  ['so', 6.6, 6.7],
  ['I', 6.75, 6.8],
  ['fixed', 6.85, 6.92],
  ['it', 6.94, 7],
].map(([word, start, end]) => ({ word: String(word), start: Number(start), end: Number(end) }));
const TRANSCRIBED: FakeResponse = { type: 'transcription', text: TRANSCRIPT, duration: 7, words: WORDS };

let browser: Browser;
let fake: FakeOpenAI | null = null;

beforeAll(async () => {
  browser = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${MICROPHONE}`,
  ]);
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function voiceApp(env: Record<string, string> = {}): Promise<{ live: LiveApp; fake: FakeOpenAI }> {
  fake = await startFakeOpenAI(() => TRANSCRIBED);
  const live = await startLiveApp({ STT_BASE_URL: fake.baseURL, KEEP_AUDIO: 'true', ...env });
  return { live, fake };
}

/** Records from the fake microphone until the meter has moved and a second has passed, then stops. */
async function recordAnswer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Record answer' }).click();
  const meter = page.getByRole('meter', { name: 'Microphone level' });
  await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.locator('.record-time').textContent(), { timeout: 10_000 }).toMatch(/^0:0[2-9]/);
  await page.getByRole('button', { name: 'Stop recording' }).click();
}

describe('voice answers in Chromium (fake microphone)', () => {
  it(
    'records an answer, shows the transcript in the box for review, submits it and shows its delivery on the feedback card',
    async () => {
      const { live, fake } = await voiceApp();
      const watched = await openPage(browser, `${live.baseURL}/#/start`);
      const { page } = watched;
      await page.getByLabel('Questions', { exact: true }).fill('1');
      await page.getByRole('button', { name: 'Start interview' }).click();
      await page.waitForURL(/#\/interview\/s_/);
      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
      await page.getByRole('button', { name: 'Record answer' }).waitFor();

      // The countdown keeps running while the candidate speaks.
      const timer = page.getByRole('timer');
      const before = await timer.textContent();
      await recordAnswer(page);
      await expect.poll(() => answerBox.inputValue(), { timeout: 15_000 }).toBe(TRANSCRIPT);
      expect(await timer.textContent()).not.toBe(before);
      await page.getByText('Transcript added to your answer').waitFor();
      await screenshots(page, 'voice-transcript', 'bottom');

      // What reached the speech-to-text server: the browser's own recording, as multipart.
      const upload = multipartRequest(fake.requests[0]).files[0];
      expect(upload?.filename).toBe('answer.webm');
      expect(upload?.contentType).toMatch(/^audio\/webm/);
      expect(upload?.bytes.length).toBeGreaterThan(1000);

      // The candidate edits the transcript before submitting; the delivery is still the recording's.
      await answerBox.fill(`${TRANSCRIPT} Recall went from 70% to 85%.`);
      await page.getByRole('button', { name: 'Submit answer' }).click();
      const delivery = page.locator('.chat .feedback-card .delivery');
      await delivery.waitFor({ timeout: 15_000 });
      expect(await delivery.locator('.delivery-pace').textContent()).toBe('120 words per minute: within the 120–160 guide.');
      expect(await delivery.locator('.delivery-fillers').textContent()).toBe('2 fillers (14.3 per 100 words): “like” ×1, “um” ×1.');
      expect(await delivery.locator('.delivery-pauses').textContent()).toBe('1 long pause (3 s or more): 3.4 s at 0:02.');
      await page.locator('.summary-card').waitFor();
      await screenshots(page, 'voice-feedback', { selector: '.chat .feedback-card .delivery' });

      // Stored with the turn: the transcript says the answer was spoken; replay plays the kept recording.
      const sessionId = /#\/interview\/([^/?]+)/.exec(page.url())?.[1] ?? '';
      const token = await pageToken(page);
      const transcript = TranscriptSchema.parse(
        (await live.app.inject({ url: `/api/sessions/${sessionId}`, headers: { authorization: `Bearer ${token}` } })).json(),
      );
      expect(transcript.turns[0]?.spoken).toMatchObject({ audio: true, delivery: { wordsPerMinute: 120, fillerCount: 2 } });
      expect(transcript.turns[0]?.spoken?.durationSec).toBeGreaterThan(0.9);

      await page.goto(`${live.baseURL}/#/replay/${sessionId}`);
      // The server clock stood still in this test, so the whole interview is at the replay's first instant.
      await page.locator('.replay-stage').waitFor();
      await page.getByRole('button', { name: 'Play recording' }).click();
      await page.locator('audio.spoken-player').waitFor();
      expect(await page.locator('.replay-stage .feedback-card .delivery').count()).toBe(1);

      // Progress tracks delivery over time.
      await page.goto(`${live.baseURL}/#/progress`);
      const panel = page.locator('.delivery-progress');
      await panel.waitFor();
      expect(await panel.textContent()).toContain('1spoken answer');
      await screenshots(page, 'voice-progress', { selector: '.delivery-progress' });
      expectNoErrors(watched);
      await watched.context.close();
    },
    90_000,
  );

  it(
    'keeps the recording when transcription fails, and transcribes the same audio on "Try again" in quick feedback',
    async () => {
      const { live, fake } = await voiceApp();
      fake.enqueue({ type: 'error', status: 500, message: 'down' }, { type: 'error', status: 500, message: 'still down' });
      const watched = await openPage(browser, `${live.baseURL}/#/feedback`);
      const { page } = watched;
      await page.getByLabel('Question', { exact: true }).fill('Tell me about a time you fixed a failing model in production.');
      await recordAnswer(page);
      await expect.poll(() => page.locator('.record-status').textContent(), { timeout: 15_000 }).toMatch(
        /^Could not transcribe: the speech-to-text server refused the request \(500\)\. Your recording is kept/,
      );
      expect(await page.getByLabel('Your answer').inputValue()).toBe('');

      await page.getByRole('button', { name: 'Try again' }).click();
      await expect.poll(() => page.getByLabel('Your answer').inputValue(), { timeout: 15_000 }).toBe(TRANSCRIPT);
      const sent = fake.requests.map((request) => multipartRequest(request).files[0]?.bytes.toString('base64'));
      expect(sent).toHaveLength(3);
      expect(new Set(sent).size).toBe(1);

      await page.getByRole('button', { name: 'Get feedback' }).click();
      const card = page.locator('.feedback-result .feedback-card');
      await card.waitFor();
      expect(await card.locator('.delivery-pace').textContent()).toContain('120 words per minute');
      await screenshots(page, 'voice-quick-feedback', { selector: '.feedback-result' });
      // The 502 of the failed attempt is the only error the page reported.
      expect(watched.errors.every((error) => error.includes('502'))).toBe(true);
      expect(watched.dialogs).toEqual([]);
      await watched.context.close();
    },
    60_000,
  );

  it(
    'reads questions aloud through the server voice once the switch is on, and remembers the choice',
    async () => {
      fake = await startFakeOpenAI(() => ({ type: 'raw', contentType: 'audio/wav', body: fs.readFileSync(MICROPHONE) }));
      const live = await startLiveApp({ TTS_BASE_URL: fake.baseURL, TTS_MODEL: 'tts-test' });
      const watched = await openPage(browser, `${live.baseURL}/#/start`);
      const { page } = watched;
      await page.getByLabel('Questions', { exact: true }).fill('2');
      await page.getByRole('button', { name: 'Start interview' }).click();
      const question = await page.locator('.bubble-interviewer .bubble-text').first().textContent();
      const toggle = page.getByRole('switch', { name: 'Read questions aloud' });
      expect(await toggle.isChecked()).toBe(false);
      expect(await page.getByRole('button', { name: 'Record answer' }).count()).toBe(0);
      await toggle.check();
      await expect.poll(() => fake?.requests.length).toBe(1);
      expect(fake.requests[0]?.body).toMatchObject({ model: 'tts-test', input: question });

      // The next question is read as it arrives.
      await page.getByRole('button', { name: 'Skip question' }).click();
      await page.getByText('Question 2 of 2', { exact: false }).first().waitFor();
      await expect.poll(() => fake?.requests.length).toBe(2);
      const second = await page.locator('.bubble-interviewer .bubble-text').nth(1).textContent();
      expect(fake.requests[1]?.body).toMatchObject({ input: second });
      expect(await page.evaluate(() => localStorage.getItem('interview-coach.speak-questions'))).toBe('on');
      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );

  it('offers no record button when the server has no speech-to-text', async () => {
    const live = await startLiveApp();
    const watched = await openPage(browser, `${live.baseURL}/#/feedback`);
    const { page } = watched;
    await page.getByRole('heading', { name: 'Feedback on one answer' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('button', { name: 'Record answer' }).count()).toBe(0);
    expectNoErrors(watched);
    await watched.context.close();
  });
});
