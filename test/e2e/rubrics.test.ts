import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRubric } from '../../src/grading/rubrics.js';
import { expectNoErrors, launchChromium, openPage, screenshots, settle, startLiveApp } from './browser.js';

const OPINION_ANSWER =
  'My favourite is gradient boosting, in particular LightGBM, because each tree corrects the errors of the ones before it. ' +
  'On a churn model at my last job it beat a tuned neural network by four AUC points. ' +
  'Its weakness is that it overfits small, noisy datasets, so for a regulated credit decision I would start with logistic regression.';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Nothing on the page is wider than a 375 px phone screen. */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  await page.setViewportSize({ width: 375, height: 800 });
  await settle(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Presses Tab until the focused element is the one wanted (at most `limit` times). */
async function tabTo(page: Page, selector: string, limit = 60): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

describe('rubric page in Chromium', () => {
  it(
    'lists the question types from the nav and opens a rubric with every anchored level, by keyboard',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/start`);
      const { page } = watched;
      await page.locator('#nav a[data-nav="rubrics"]').waitFor();

      await tabTo(page, '#nav a[data-nav="rubrics"]');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'How answers are scored' }).waitFor();
      expect(await page.locator('#nav a[aria-current="page"]').textContent()).toBe('Rubrics');
      const types = await page.locator('.type-card h2').allTextContents();
      expect(types).toEqual(expect.arrayContaining(['Story', 'Self-presentation', 'Motivation and fit', 'Opinion and awareness', 'Approach and process', 'Compensation']));
      await screenshots(page, 'rubrics');
      await expectNoHorizontalScroll(page);

      await tabTo(page, '.type-card[data-type="compensation"] a');
      await page.keyboard.press('Enter');
      const rubric = getRubric('compensation');
      await page.getByRole('heading', { level: 1, name: `${rubric.title} rubric` }).waitFor();
      expect(page.url()).toMatch(/#\/rubrics\/compensation$/);
      expect(await page.locator('.rubric-dimension h2').count()).toBe(rubric.dimensions.length);
      const research = page.locator('.rubric-dimension[data-key="research"] .rubric-level');
      expect(await research.count()).toBe(5);
      expect((await research.first().textContent())?.trim()).toBe(`5${rubric.dimensions[0]?.levels[4] ?? ''}`);
      await page.getByRole('heading', { name: 'Where these criteria come from' }).waitFor();
      await screenshots(page, 'rubric-compensation');
      await expectNoHorizontalScroll(page);

      await page.goto(`${live.baseURL}/#/rubrics/no-such-rubric`);
      await page.getByRole('heading', { level: 1, name: 'Rubric not found' }).waitFor();

      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );

  it(
    'names the question type on the feedback card and links it to its rubric',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/feedback`);
      const { page } = watched;
      await page.getByRole('heading', { name: 'Feedback on one answer' }).waitFor();

      await page.getByLabel('Question', { exact: true }).fill("What's your take on gradient boosting for tabular data?");
      await expect.poll(() => page.locator('.type-hint').textContent()).toContain('Opinion and awareness');
      await page.getByLabel('Your answer').fill(OPINION_ANSWER);
      await page.getByRole('button', { name: 'Get feedback' }).click();

      const card = page.locator('.feedback-result .feedback-card');
      await card.waitFor();
      expect(await card.locator('.feedback-type').textContent()).toContain('Question type: Opinion and awareness');
      const labels = await card.locator('.dimension-label').allTextContents();
      expect(labels).toEqual(getRubric('opinion').dimensions.map((dimension) => dimension.label));
      expect(labels).not.toContain('Situation');
      await screenshots(page, 'feedback-opinion', { selector: '.feedback-result' });

      await card.locator('a.rubric-link').focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Opinion and awareness rubric' }).waitFor();
      expect(await page.locator('.rubric-dimension[data-key="nuance"]').count()).toBe(1);

      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );

  // Round 11: a pasted notice-period question was graded as technical, with missed key points.
  it(
    'grades a pasted notice-period question as logistics, with its own dimensions, and offers the rubric by hand',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/feedback`);
      const { page } = watched;
      await page.getByRole('heading', { name: 'Feedback on one answer' }).waitFor();
      expect(await page.getByLabel('Rubric').locator('option[value="logistics"]').textContent()).toBe('Logistics');

      await page.getByLabel('Question', { exact: true }).fill('What is your notice period?');
      await expect.poll(() => page.locator('.type-hint').textContent()).toContain('Logistics and availability');
      await page.getByLabel('Your answer').fill('Four weeks. My contract has a one-month notice period, so I could start on 3 March; my manager has agreed early releases before.');
      await page.getByRole('button', { name: 'Get feedback' }).click();

      const card = page.locator('.feedback-result .feedback-card');
      await card.waitFor();
      expect(await card.locator('.feedback-type').textContent()).toContain('Question type: Logistics and availability');
      expect(await card.locator('.dimension-label').allTextContents()).toEqual(getRubric('logistics').dimensions.map((dimension) => dimension.label));
      expect(await card.textContent()).not.toMatch(/key point|mechanism/i);
      await screenshots(page, 'feedback-logistics', { selector: '.feedback-result' });

      await card.locator('a.rubric-link').focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Logistics and availability rubric' }).waitFor();
      expect(await page.locator('.rubric-dimension[data-key="conditions"]').count()).toBe(1);

      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );
});
