import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { axeAudit } from './axe.js';
import { expectNoErrors, launchChromium, nav, openPage, STAR_ANSWER, startLiveApp } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('accessibility (axe-core) in Chromium', () => {
  it(
    'has no critical or serious violation on any page state, at 1280 and 375 px',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/start`);
      const { page } = watched;
      const audit = axeAudit(page);
      await page.getByRole('heading', { name: 'Practise an interview' }).waitFor();
      await audit.check('start page');

      // The interview room: a question with its countdown, then feedback, then the summary.
      await page.getByLabel('Questions', { exact: true }).fill('1');
      await page.getByRole('button', { name: 'Start interview' }).click();
      await page.waitForURL(/#\/interview\/s_/);
      await page.locator('.bubble-interviewer').first().waitFor();
      await audit.check('interview room, a question asked');
      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
      await answerBox.fill(STAR_ANSWER);
      await page.getByRole('button', { name: 'Submit answer' }).click();
      await page.locator('.summary-card canvas').waitFor();
      await page.locator('.model-answer summary').first().click().catch(() => undefined);
      await audit.check('interview room, feedback and summary');

      await nav(page, 'Quick feedback');
      await page.getByRole('heading', { name: 'Feedback on one answer' }).waitFor();
      await audit.check('quick feedback, empty');
      await page.getByLabel('Question', { exact: true }).fill('Tell me about a time you fixed a failing model in production.');
      await page.getByLabel('Your answer').fill(STAR_ANSWER);
      await page.getByRole('button', { name: 'Get feedback' }).click();
      await page.locator('.feedback-result .feedback-card').waitFor();
      await audit.check('quick feedback, graded');

      await nav(page, 'Rubrics');
      await page.getByRole('heading', { level: 1, name: 'How answers are scored' }).waitFor();
      await audit.check('rubrics');
      await page.locator('.type-card a').first().click();
      await page.getByRole('heading', { level: 1, name: /rubric$/ }).waitFor();
      await audit.check('one rubric');

      await nav(page, 'History');
      await page.locator('.session-row').first().waitFor();
      await audit.check('history');
      await page.locator('.session-row').first().getByRole('link', { name: /Replay/ }).click();
      await page.locator('.replay-stage').waitFor();
      await audit.check('replay at the start');
      await page.getByRole('button', { name: /Jump to question 1/ }).click();
      await audit.check('replay after a jump');

      await nav(page, 'Progress');
      await page.locator('.chart-panel canvas').first().waitFor();
      await audit.check('progress');

      audit.expectClean();
      expectNoErrors(watched);
      await watched.context.close();
    },
    120_000,
  );
});
