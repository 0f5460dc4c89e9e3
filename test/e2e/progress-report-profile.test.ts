import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RubricId } from '../../src/contracts/rubric-schema.js';
import { getRubric } from '../../src/grading/rubrics.js';
import { TestClient } from '../helpers/ws-client.js';
import { axeAudit } from './axe.js';
import { expectNoErrors, launchChromium, nav, openPage, pageToken, screenshots, settle, STAR_ANSWER, startLiveApp, type LiveApp } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** A finished one-question behavioural interview of the page's user, played over a real websocket. */
async function interviewOf(live: LiveApp, token: string): Promise<{ sessionId: string; rubric: RubricId }> {
  const client = await TestClient.authed(`${live.baseURL.replace('http', 'ws')}/ws`, token);
  client.send({ type: 'start', mode: 'behavioural', count: 1 });
  const { sessionId } = await client.next('session.started');
  const question = await client.next('question');
  live.clock.advance(5_000);
  client.send({ type: 'answer', turnId: question.turnId, clientId: 'a1', text: STAR_ANSWER });
  const { rubric } = await client.next('feedback');
  await client.next('session.ended');
  client.close();
  return { sessionId, rubric };
}

/** Nothing on the page is wider than the viewport. */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('progress, report and profile in Chromium', () => {
  it(
    'draws one small chart per dimension with every point in a table, filtered by source, readable at 375 px',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/start`);
      const { page } = watched;
      const audit = axeAudit(page);
      const token = await pageToken(page);
      const auth = { authorization: `Bearer ${token}` };
      // The interview's question type (and so its rubric) is drawn at random; quick feedback uses the same rubric.
      const { rubric: rubricId } = await interviewOf(live, token);
      for (const answer of ['We fixed it.', STAR_ANSWER]) {
        live.clock.advance(5_000);
        const response = await live.app.inject({ method: 'POST', url: '/api/feedback', headers: auth, payload: { question: 'Tell me about a time you fixed a failing model.', answer, rubric: rubricId } });
        expect(response.statusCode).toBe(200);
      }

      await nav(page, 'Progress');
      const picker = page.getByRole('group', { name: 'Answers from' });
      await picker.waitFor();
      // Interviews first when there are any.
      expect(await picker.getByRole('radio', { name: /^Interviews \(1\)/ }).isChecked()).toBe(true);
      const charts = page.locator(`section[aria-labelledby="progress-${rubricId}"] .multiple`);
      const rubric = getRubric(rubricId);
      await expect.poll(() => charts.count()).toBe(rubric.dimensions.length);
      const titles = await charts.locator('h3').allTextContents();
      expect(titles.map((title) => title.split(' · ')[0])).toEqual(rubric.dimensions.map((dimension) => dimension.label));
      for (const title of titles) expect(title).toMatch(/ · \d\.\d over 1$/);
      // A real table behind "Show the numbers": one row per point, with where it came from.
      const first = charts.first();
      await first.locator('summary').click();
      const table = first.getByRole('table');
      expect(await table.locator('thead th').allTextContents()).toEqual(['When', 'Score (of 5)', 'From']);
      expect(await table.locator('tbody tr').count()).toBe(1);
      expect(await table.locator('tbody td').last().textContent()).toBe('Interview');
      await audit.check('progress, interviews');
      await screenshots(page, 'progress-multiples');

      await picker.getByRole('radio', { name: /^Both \(3\)/ }).check();
      await expect.poll(() => page.locator('.stat-value').first().textContent()).toBe('3');
      expect(await page.getByRole('radio', { name: /^Both/ }).evaluate((element) => element === document.activeElement)).toBe(true);
      await page.locator(`section[aria-labelledby="progress-${rubricId}"] .multiple`).first().locator('summary').click();
      const rows = page.locator(`section[aria-labelledby="progress-${rubricId}"] .multiple`).first().locator('tbody tr');
      expect(await rows.count()).toBe(3);
      expect(await rows.locator('td:last-child').allTextContents()).toEqual(['Interview', 'Quick feedback', 'Quick feedback']);
      await picker.getByRole('radio', { name: /^Quick feedback \(2\)/ }).check();
      await expect.poll(() => page.locator('.stat-value').first().textContent()).toBe('2');
      await audit.check('progress, quick feedback');

      await page.setViewportSize({ width: 375, height: 800 });
      await settle(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // One chart per row on a phone, each at least most of the screen wide.
      const width = await page.locator('.multiple').first().evaluate((element) => element.getBoundingClientRect().width);
      expect(width).toBeGreaterThan(280);
      audit.expectClean();
      expectNoErrors(watched);
      await watched.context.close();
    },
    90_000,
  );

  it(
    'opens an interview as a report with its summary and model answers, and prints it without the application around it',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/start`);
      const { page } = watched;
      const audit = axeAudit(page);
      const { sessionId } = await interviewOf(live, await pageToken(page));

      await nav(page, 'History');
      const row = page.locator(`.session-row[data-session="${sessionId}"]`);
      await row.getByRole('link', { name: /^Report/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Behavioural interview — report' }).waitFor();
      await page.locator('.report .summary-card').waitFor();
      expect(await page.locator('.report-turn').count()).toBe(1);
      expect(await page.locator('.report-answer-text').textContent()).toBe(STAR_ANSWER);
      await audit.check('report');
      await screenshots(page, 'report');

      await page.emulateMedia({ media: 'print' });
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      for (const selector of ['.topbar', '.report-actions', '.btn']) {
        const shown = await page.locator(selector).evaluateAll((elements) => elements.filter((element) => getComputedStyle(element).display !== 'none').length);
        expect(shown, selector).toBe(0);
      }
      // Every disclosure is open for print.
      expect(await page.locator('.report details:not([open])').count()).toBe(0);
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      await page.emulateMedia({ media: 'screen' });

      // The downloads carry the summary too.
      await nav(page, 'History');
      const download = page.waitForEvent('download');
      await row.getByRole('button', { name: /^Export as Markdown/ }).click();
      const markdown = fs.readFileSync(await (await download).path(), 'utf8');
      expect(markdown).toContain('## Summary');
      audit.expectClean();
      expectNoErrors(watched);
      await watched.context.close();
    },
    90_000,
  );

  it(
    'carries a profile to another browser with a recovery code shown once, with a copy button',
    async () => {
      const live = await startLiveApp();
      const first = await openPage(browser, `${live.baseURL}/#/start`);
      const audit = axeAudit(first.page);
      await first.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: live.baseURL });
      const { sessionId } = await interviewOf(live, await pageToken(first.page));

      await first.page.getByRole('button', { name: /your profile/ }).click();
      const dialog = first.page.getByRole('dialog', { name: 'Your profile' });
      await dialog.getByLabel('Name').fill('Grace');
      await dialog.getByRole('button', { name: 'Save name' }).click();
      await first.page.getByRole('button', { name: /^Grace/ }).waitFor();
      expect(await dialog.getByText('This profile has no recovery code.').count()).toBe(1);
      await dialog.getByRole('button', { name: 'Make a recovery code' }).click();
      const output = dialog.locator('output.recovery-code');
      await output.waitFor();
      const code = (await output.textContent()) ?? '';
      expect(code).toMatch(/^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/);
      await dialog.getByRole('button', { name: 'Copy' }).click();
      await first.page.getByText('Recovery code copied.').waitFor();
      expect(await first.page.evaluate(() => navigator.clipboard.readText())).toBe(code);
      await audit.check('profile dialog with a new recovery code');
      await dialog.getByRole('button', { name: 'Close' }).click();
      // Shown once: reopening the dialog says when it was made, not what it is.
      await first.page.getByRole('button', { name: /your profile/ }).click();
      await dialog.getByText(/A recovery code was made on/).waitFor();
      expect(await dialog.locator('output.recovery-code').count()).toBe(0);
      expect(await dialog.textContent()).not.toContain(code);
      await dialog.getByRole('button', { name: 'Close' }).click();

      // Another device (a fresh browser profile) gets a profile of its own, then switches with the code.
      const second = await openPage(browser, `${live.baseURL}/#/start`);
      const otherToken = await pageToken(second.page);
      await second.page.getByRole('button', { name: /your profile/ }).click();
      const secondDialog = second.page.getByRole('dialog', { name: 'Your profile' });
      await secondDialog.getByLabel('Recovery code').fill('WRONG-CODE');
      await secondDialog.getByRole('button', { name: 'Use this code' }).click();
      await secondDialog.getByRole('alert').filter({ hasText: 'That did not work' }).waitFor();
      await secondDialog.getByLabel('Recovery code').fill(code.toLowerCase());
      await secondDialog.getByRole('button', { name: 'Use this code' }).click();
      await second.page.getByRole('button', { name: /^Grace/ }).waitFor();
      expect(await pageToken(second.page)).not.toBe(otherToken);
      await nav(second.page, 'History');
      await second.page.locator(`.session-row[data-session="${sessionId}"]`).waitFor();

      audit.expectClean();
      expectNoErrors(first);
      await first.context.close();
      // The wrong code's 401 is the one failed request the second page saw, on purpose.
      expect(second.dialogs).toEqual([]);
      await second.context.close();
    },
    90_000,
  );

  it(
    'keeps the question in view while answering on a phone, under opaque sticky bars',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/start`);
      const { page } = watched;
      await page.getByLabel('Questions', { exact: true }).fill('2');
      await page.getByRole('button', { name: 'Start interview' }).click();
      await page.locator('.bubble-interviewer').first().waitFor();
      for (const selector of ['.room-head', '.topbar']) {
        const background = await page.locator(selector).evaluate((element) => getComputedStyle(element).backgroundColor);
        expect(background, selector).toBe('rgb(255, 255, 255)');
      }

      await page.setViewportSize({ width: 375, height: 640 });
      await settle(page);
      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
      await answerBox.focus();
      await answerBox.fill(STAR_ANSWER.slice(0, 200));
      await settle(page);
      // The whole question is readable right above the text being typed...
      const question = (await page.locator('.bubble-interviewer').last().locator('.bubble-text, p').first().textContent()) ?? '';
      const repeated = page.locator('.composer-question');
      expect((await repeated.textContent())?.trim()).toBe(question.trim());
      const clipped = await repeated.evaluate((element) => element.scrollHeight > element.clientHeight + 1);
      expect(clipped).toBe(false);
      // ...and nothing covers it: the element at its centre is the question itself.
      const covered = await repeated.evaluate((element) => {
        const box = element.getBoundingClientRect();
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 10));
        return !(top === element || element.contains(top));
      });
      expect(covered).toBe(false);
      await screenshots(page, 'phone-answering', { selector: '.composer' });
      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );
});
