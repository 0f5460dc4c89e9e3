import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DisputeExportSchema } from '../../src/contracts/dispute-schema.js';
import { FeedbackSchema, type Feedback } from '../../src/contracts/feedback-schema.js';
import { TranscriptSchema } from '../../src/contracts/history-schemas.js';
import { startFakeOpenAI, type FakeOpenAI, type FakeResponse } from '../helpers/fake-openai.js';
import { modelReply } from '../helpers/model-replies.js';
import { expectNoErrors, launchChromium, openPage, pageToken, screenshots, startLiveApp, type LiveApp } from './browser.js';

const QUESTION = 'Tell me about a time you fixed a failing model in production.';
const STAR_ANSWER =
  'In 2023 our fraud model at Acme drifted and precision fell from 88% to 60%. ' +
  'I owned the retraining pipeline, so my task was to find the cause within a week. ' +
  'I profiled the features, found a broken join, and rebuilt the pipeline with daily validation. ' +
  'Precision recovered to 91% within two weeks, and I learned to monitor input data, not just metrics.';

let browser: Browser;
let fake: FakeOpenAI | null = null;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function api<T>(live: LiveApp, page: Page, url: string): Promise<T> {
  const response = await live.app.inject({ url, headers: { authorization: `Bearer ${await pageToken(page)}` } });
  return response.json<T>();
}

async function gradeOnPage(page: Page, answer: string): Promise<void> {
  await page.getByLabel('Question', { exact: true }).fill(QUESTION);
  await page.getByLabel('Your answer').fill(answer);
  await page.getByLabel('Rubric').selectOption('star');
  await page.getByRole('button', { name: 'Get feedback' }).click();
  await page.getByRole('button', { name: 'Get feedback' }).waitFor();
  await page.locator('.feedback-result .feedback-card').waitFor();
}

async function newestFeedback(live: LiveApp, page: Page): Promise<Feedback> {
  const [newest] = await api<unknown[]>(live, page, '/api/feedback?limit=1');
  return FeedbackSchema.parse(newest);
}

describe('second opinion and contesting a score, in Chromium', () => {
  it(
    'shows the offline view on demand, says "check this score" when the graders disagree, and contests a score by keyboard',
    async () => {
      const replies: FakeResponse[] = [];
      fake = await startFakeOpenAI(() => replies.shift() ?? { type: 'error', status: 500, message: 'down' });
      const live = await startLiveApp({
        GRADER: 'llm',
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'sk-test-e2e',
        COACH_MODEL: 'fake-coach',
        LLM_OUTPUT_MODE: 'json_schema',
        LLM_MAX_RETRIES: '0',
      });
      const watched = await openPage(browser, `${live.baseURL}/#/feedback`);
      const { page } = watched;
      await page.getByRole('heading', { name: 'Feedback on one answer' }).waitFor();

      // The model is down: the offline grader answers, which tells the test its scores for this answer.
      await gradeOnPage(page, STAR_ANSWER);
      const offline = await newestFeedback(live, page);
      expect(offline.grader.kind).toBe('offline');

      // A model that agrees with it: the second opinion is there, folded away.
      replies.push({ type: 'chat', content: modelReply('star', { scores: Object.fromEntries(offline.dimensions.map((d) => [d.key, d.score])) }) });
      await gradeOnPage(page, STAR_ANSWER);
      const card = page.locator('.feedback-result .feedback-card');
      await card.getByText('LLM grader (fake-coach)', { exact: false }).waitFor();
      expect(await card.locator('.check-score').count()).toBe(0);
      const summary = card.getByText(/^Second opinion: the offline grader gives/);
      await summary.click();
      const rows = card.locator('.opinion-table tbody tr');
      expect(await rows.count()).toBe(offline.dimensions.length + 1);
      expect(await card.locator('.opinion-table thead').textContent()).toBe('ScoreModelOffline grader');

      // A model that gives 1 everywhere to a strong answer: "check this score", both views side by side.
      const answer = `${STAR_ANSWER} The fix has held for a year.`;
      replies.push({ type: 'chat', content: modelReply('star', { scores: Object.fromEntries(offline.dimensions.map((d) => [d.key, 1])) }) });
      await gradeOnPage(page, answer);
      const check = card.locator('.check-score');
      await check.getByRole('heading', { name: 'Check this score' }).waitFor();
      expect(await check.locator('.opinion-apart').count()).toBeGreaterThan(0);
      const flagged = await newestFeedback(live, page);
      expect(flagged.secondOpinion?.flagged).toBe(true);
      await screenshots(page, 'feedback-check-this-score', { selector: '.feedback-result .feedback-card' });

      // Contest Result by keyboard: open, pick 4 with the arrow keys, write a note, send.
      const toggle = card.getByRole('button', { name: 'Contest the Result score' });
      await toggle.focus();
      await page.keyboard.press('Enter');
      const form = card.getByRole('form', { name: 'Contest the Result score' });
      await form.waitFor();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await page.evaluate(() => (document.activeElement instanceof HTMLInputElement ? document.activeElement.value : null))).toBe('1');
      for (let step = 0; step < 3; step += 1) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Precision went from 60% to 91%.');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      const status = card.locator('.dimension[data-key="result"] .contest-status');
      await status.getByText('You contested this score: you expected 4/5 (“Precision went from 60% to 91%.”).').waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Change');
      expect(await form.isHidden()).toBe(true);
      const stored = await newestFeedback(live, page);
      expect(stored.disputes.map((d) => [d.dimension, d.expected, d.note])).toEqual([['result', 4, 'Precision went from 60% to 91%.']]);
      await screenshots(page, 'feedback-contested', { selector: '.feedback-result .feedback-card' });

      // Escape closes a form without sending and gives focus back; sending nothing chosen explains why.
      const taskToggle = card.getByRole('button', { name: 'Contest the Task score' });
      await taskToggle.click();
      await card.getByRole('button', { name: 'Send' }).first().click();
      await card.getByText('Choose the score you expected.').waitFor();
      await page.keyboard.press('Escape');
      expect(await taskToggle.getAttribute('aria-expanded')).toBe('false');
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Contest the Task score');

      // The overall score too, then withdraw the Result dispute.
      await card.getByRole('button', { name: 'Contest the overall score' }).click();
      await card.getByRole('form', { name: 'Contest the overall score' }).getByLabel('3').check();
      await card.getByRole('form', { name: 'Contest the overall score' }).getByRole('button', { name: 'Send' }).click();
      await card.locator('.contest[data-dimension="overall"] .contest-status').getByText('you expected 3/5').waitFor();
      await card.getByRole('button', { name: 'Withdraw your dispute of the Result score' }).click();
      await status.getByText('Dispute withdrawn.').waitFor();
      expect((await newestFeedback(live, page)).disputes.map((d) => [d.dimension, d.expected])).toEqual([[null, 3]]);

      // History offers the contested answers as a labelled set.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download contested scores' }).click();
      const file = await (await download).path();
      const exported = DisputeExportSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
      expect(exported.flatMap((item) => item.answers.map((a) => [a.text, a.gold]))).toEqual([[answer, 3]]);

      expectNoErrors(watched);
      await watched.context.close();
    },
    90_000,
  );

  it(
    'puts the control on the feedback cards of an interview and keeps the dispute in the replay',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/start`);
      const { page } = watched;
      await page.getByLabel('Questions', { exact: true }).fill('1');
      await page.getByRole('button', { name: 'Start interview' }).click();
      await page.locator('.bubble-interviewer').first().waitFor();
      const sessionId = decodeURIComponent(/#\/interview\/([^/?]+)/.exec(page.url())?.[1] ?? '');
      await page.getByRole('textbox', { name: 'Your answer', exact: true }).fill(STAR_ANSWER);
      await page.getByRole('button', { name: 'Submit answer' }).click();
      const card = page.locator('.chat .feedback-card').first();
      await card.waitFor();

      // The first dimension of whatever rubric the question's type has.
      const first = card.locator('.dimension').first();
      const key = (await first.getAttribute('data-key')) ?? '';
      const label = (await first.locator('.dimension-label').textContent()) ?? '';
      await card.getByRole('button', { name: `Contest the ${label} score` }).click();
      const form = card.getByRole('form', { name: `Contest the ${label} score` });
      const given = Number((await first.locator('.dimension-score').textContent())?.split('/')[0]);
      const expected = given === 5 ? 4 : 5;
      await form.getByLabel(String(expected)).check();
      await form.getByRole('button', { name: 'Send' }).click();
      await first.locator('.contest-status').getByText(`you expected ${expected}/5`).waitFor();

      const transcript = TranscriptSchema.parse(await api(live, page, `/api/sessions/${sessionId}`));
      expect(transcript.turns[0]?.feedback?.disputes.map((d) => [d.dimension, d.expected])).toEqual([[key, expected]]);

      // A fresh page: the replay reads the dispute from the transcript, not from what this page remembered.
      await page.goto(`${live.baseURL}/#/replay/${encodeURIComponent(sessionId)}`);
      await page.reload();
      const replayed = page.locator('.feedback-card').first();
      await page.getByRole('button', { name: /^(Play|Jump)/ }).first().waitFor();
      await page.keyboard.press('End');
      await replayed.waitFor();
      await replayed.locator(`.dimension[data-key="${key}"] .contest-status`).getByText(`you expected ${expected}/5`).waitFor();

      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );
});
