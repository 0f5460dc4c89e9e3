import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TranscriptSchema } from '../../src/contracts/history-schemas.js';
import { axeAudit } from './axe.js';
import { expectNoErrors, launchChromium, openPage, pageToken, screenshots, startLiveApp, type LiveApp } from './browser.js';

const WEAK = 'I am not sure; it depends on the data.';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Starts a technical interview from the start page with the chosen pacing. */
async function startTechnical(page: Page, count: number, pacing: 'Practice' | 'Realistic'): Promise<string> {
  await page.goto(`${new URL(page.url()).origin}/#/start`);
  await page.getByRole('heading', { name: 'Practise an interview' }).waitFor();
  await page.getByRole('radio', { name: /^Technical/ }).check();
  await page.getByRole('group', { name: 'Pacing' }).getByRole('radio', { name: new RegExp(`^${pacing}`) }).check();
  await page.getByLabel('Questions', { exact: true }).fill(String(count));
  await page.getByRole('button', { name: 'Start interview' }).click();
  await page.waitForURL(/#\/interview\/s_/);
  await page.locator('.bubble-interviewer').first().waitFor();
  return decodeURIComponent(/#\/interview\/([^/?]+)/.exec(page.url())?.[1] ?? '');
}

async function transcriptOf(live: LiveApp, page: Page, sessionId: string) {
  const token = await pageToken(page);
  const response = await live.app.inject({ url: `/api/sessions/${sessionId}`, headers: { authorization: `Bearer ${token}` } });
  return TranscriptSchema.parse(response.json());
}

/** The scores a feedback card shows, by dimension label. */
async function cardScores(page: Page, index: number): Promise<Map<string, number>> {
  const card = page.locator('.feedback-card').nth(index);
  const labels = await card.locator('.dimension-label').allTextContents();
  const scores = await card.locator('.dimension-score').allTextContents();
  return new Map(labels.map((label, at) => [label, Number(scores[at]?.split('/')[0])]));
}

describe('the practice loop in Chromium', () => {
  it(
    'realistic pacing: questions back to back with no feedback, then all feedback and the answered count with the summary',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/`);
      const { page } = watched;
      const audit = axeAudit(page);
      await page.getByRole('group', { name: 'Pacing' }).waitFor();
      await screenshots(page, 'start-pacing');
      await audit.check('start page with pacing');
      await startTechnical(page, 2, 'Realistic');
      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
      await answerBox.fill('Regularisation adds a penalty on the weights, trading a little bias for less variance.');
      await answerBox.press('Control+Enter');
      await page.getByText('Question 2 of 2', { exact: false }).first().waitFor();
      await page.getByText('Feedback comes with the summary at the end.').waitFor();
      await audit.check('realistic interview after an answer');
      expect(await page.locator('.feedback-card').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Next question' }).isVisible()).toBe(false);

      await page.getByRole('button', { name: 'Skip question' }).click();
      await page.locator('.summary-card').waitFor();
      expect(await page.locator('.feedback-card').count()).toBe(1);
      const summary = page.locator('.summary-card');
      expect(await summary.locator('.summary-answered').textContent()).toBe(
        'Answered 1 of 2 questions. Skipped and unanswered questions count as 1 on every dimension.',
      );
      // One answer is not the strongest of anything.
      expect(await summary.getByText('Strongest answer').count()).toBe(0);
      await screenshots(page, 'realistic-summary', 'bottom');
      await audit.check('realistic summary with its feedback');
      audit.expectClean();
      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );

  it(
    'practice pacing survives a reload while the feedback is read; a retake from the card and from history shows what changed',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/`);
      const { page } = watched;
      const audit = axeAudit(page);
      const sessionId = await startTechnical(page, 2, 'Practice');
      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
      await answerBox.fill(WEAK);
      await answerBox.press('Control+Enter');
      await page.locator('.feedback-card').first().waitFor();
      await page.getByRole('button', { name: 'Next question' }).waitFor();

      // Reloaded while reading: still waiting for the candidate, no question and no clock.
      await page.reload();
      await page.locator('body[data-ready="true"]').waitFor();
      const next = page.getByRole('button', { name: 'Next question' });
      await next.waitFor();
      expect(await answerBox.isHidden()).toBe(true);
      await screenshots(page, 'practice-next', 'bottom');
      await audit.check('practice interview waiting for Next question');
      await next.click();
      await page.getByText('Question 2 of 2', { exact: false }).first().waitFor();
      await answerBox.fill(WEAK);
      await answerBox.press('Control+Enter');
      await page.locator('.summary-card').waitFor();

      // Retake question 1 from its feedback card, this time with its model answer.
      const transcript = await transcriptOf(live, page, sessionId);
      const questionId = transcript.turns[0]?.questionId ?? '';
      const record = (await live.app.inject({ url: `/api/questions/${questionId}` })).json<{ text: string; answers: string[] }>();
      await page.locator('.feedback-card').first().getByRole('button', { name: 'Retake this question' }).click();
      await page.waitForURL((url) => url.hash.startsWith('#/interview/') && !url.hash.includes(sessionId));
      await page.locator('.bubble-interviewer', { hasText: record.text }).waitFor();
      expect(await page.locator('.room-progress').textContent()).toContain('Question 1 of 1');
      await answerBox.fill(record.answers[0] ?? '');
      await answerBox.press('Control+Enter');
      const card = page.locator('.feedback-card').first();
      await card.locator('.feedback-deltas').waitFor();
      const before = (await transcriptOf(live, page, sessionId)).turns[0]?.feedback;
      const after = await cardScores(page, 0);
      // Each dimension's change is this attempt's score minus the first attempt's.
      for (const row of await card.locator('.delta').all()) {
        const label = (await row.locator('.delta-label').textContent()) ?? '';
        const previous = before?.dimensions.find((dimension) => dimension.label === label)?.score ?? 0;
        const delta = (after.get(label) ?? 0) - previous;
        expect(await row.locator('.delta-scores').textContent(), label).toBe(`${previous} → ${after.get(label)}`);
        expect(await row.locator('.delta-value').textContent(), label).toBe(delta > 0 ? `+${delta}` : delta < 0 ? `−${-delta}` : '±0');
      }
      expect(await card.locator('.delta-overall').textContent()).toContain(`Overall ${before?.overall.toFixed(1)}`);
      expect(await card.locator('.delta-up').count()).toBeGreaterThan(0);
      await screenshots(page, 'retake-deltas', { selector: '.chat .card-item' });
      await audit.check('retake feedback with deltas');

      // From history: the first interview's questions again, in order.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History', exact: true }).click();
      const row = page.locator(`.session-row[data-session="${sessionId}"]`);
      await row.getByRole('button', { name: 'Retake' }).click();
      await page.waitForURL(/#\/interview\/s_/);
      await page.locator('.bubble-interviewer', { hasText: record.text }).waitFor();
      expect(await page.locator('.room-progress').textContent()).toContain('Question 1 of 2');
      audit.expectClean();
      expectNoErrors(watched);
      await watched.context.close();
    },
    90_000,
  );
});
