import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoErrors, launchChromium, openPage, screenshots, startLiveApp } from './browser.js';

const HOUR = 60 * 60_000;

const ENSEMBLE_JOB = `Machine Learning Engineer — tabular models

Requirements:
- Build and tune gradient boosting models with XGBoost and LightGBM
- Train random forests and compare them with boosted trees
- Use bagging and other ensemble methods to reduce variance`;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Fills the start page and starts; returns the first question's text. */
async function start(page: Page, mode: string, count: number, jobDescription?: string): Promise<string> {
  await page.goto(`${new URL(page.url()).origin}/#/start`);
  await page.getByRole('heading', { name: 'Practise an interview' }).waitFor();
  await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
  await page.getByLabel('Questions', { exact: true }).fill(String(count));
  if (jobDescription !== undefined) await page.getByLabel(/^Job description/).fill(jobDescription);
  await page.getByRole('button', { name: 'Start interview' }).click();
  await page.waitForURL(/#\/interview\/s_/);
  const bubble = page.locator('.bubble-interviewer').first();
  await bubble.waitFor();
  return (await bubble.locator('.bubble-text').textContent()) ?? '';
}

describe('practice flows in Chromium', () => {
  it(
    'runs an interview for a pasted job description: questions say which requirement they serve, the summary which were covered',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/`);
      const { page } = watched;
      const first = await start(page, 'Technical', 2, ENSEMBLE_JOB);
      expect(first).toMatch(/boost|forest|bagging|ensemble|tree|xgboost/i);
      expect(await page.locator('.bubble-reason').first().textContent()).toMatch(/^For the job: /);
      await screenshots(page, 'job-description-question', 'bottom');

      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
      await answerBox.fill(
        'Boosting trains shallow trees one after another, each fitting the residual errors of the ensemble so far, which reduces bias; ' +
          'a random forest averages deep trees trained on bootstrap samples with random feature subsets, which reduces variance.',
      );
      await page.getByRole('button', { name: 'Submit answer' }).click();
      await page.locator('.feedback-card').first().waitFor();
      await page.getByRole('button', { name: 'Next question' }).click();
      await page.getByRole('button', { name: 'Skip question' }).click();
      await page.locator('.summary-card').waitFor();

      const requirements = page.locator('.summary-card .requirement');
      await expect.poll(() => requirements.count()).toBe(3);
      expect(await page.locator('.summary-card .requirements h3').textContent()).toBe('Job requirements');
      const statuses = await requirements.evaluateAll((items) => items.map((item) => item.getAttribute('data-status')));
      expect(statuses).toContain('covered');
      expect(await requirements.first().textContent()).toContain('XGBoost');
      await screenshots(page, 'job-description-summary', { selector: '.summary-card' });
      expectNoErrors(watched);
    },
    90_000,
  );

  it(
    'drills a question answered badly: it comes back with the reason, and the history lists the drill',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/`);
      const { page } = watched;
      const asked = await start(page, 'Technical', 1);
      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
      await answerBox.fill('I am not sure.');
      await page.getByRole('button', { name: 'Submit answer' }).click();
      await page.locator('.summary-card').waitFor();

      // An hour later the poor answer is due again (box 1 waits ten minutes).
      live.clock.advance(HOUR);
      const drilled = await start(page, 'Drill', 1);
      expect(drilled).toBe(asked);
      expect(await page.locator('.bubble-reason').first().textContent()).toMatch(/^Due for review: scored \d\.\d 1 h ago \(box 1 of 5\)$/);
      await screenshots(page, 'drill-question', 'bottom');
      await page.getByRole('button', { name: 'Skip question' }).click();
      await page.locator('.summary-card').waitFor();

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History', exact: true }).click();
      await page.locator('.session-row').nth(1).waitFor();
      expect(await page.locator('.session-row').first().textContent()).toContain('Drill interview');
      expectNoErrors(watched);
    },
    90_000,
  );
});
