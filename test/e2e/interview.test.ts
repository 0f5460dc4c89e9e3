import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUBRIC_FOR_TYPE } from '../../src/contracts/rubric-schema.js';
import { getRubric } from '../../src/grading/rubrics.js';
import { TranscriptSchema } from '../../src/contracts/history-schemas.js';
import { QUESTION_TYPES, QuestionTypeSchema } from '../../src/contracts/question-type.js';
import {
  delaySessionMessagesFrom,
  dropConnectionBefore,
  expectNoErrors,
  holdUpgrades,
  launchChromium,
  openPage,
  pageToken,
  screenshots,
  STAR_ANSWER as STAR_ANSWER_1,
  startLiveApp,
  type LiveApp,
} from './browser.js';

const STAR_ANSWER_2 =
  'Last year two teammates disagreed about whether to ship a ranking model without an A/B test. ' +
  'I was the tech lead, so I had to get a decision before the release freeze. ' +
  'I set up a one-hour review, wrote down both risks with numbers, and proposed a 5% canary with a rollback rule. ' +
  'We shipped on time, the canary showed a 3% lift, and both teammates signed off on the rollout.';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Starts a behavioural interview from the start page and waits for its first question. */
async function startInterview(page: Page, count: number, seconds: number): Promise<string> {
  await page.goto(`${new URL(page.url()).origin}/#/start`);
  await page.getByRole('heading', { name: 'Practise an interview' }).waitFor();
  await page.getByLabel('Questions', { exact: true }).fill(String(count));
  await page.getByLabel('Time per question').selectOption(String(seconds));
  await page.getByRole('button', { name: 'Start interview' }).click();
  await page.waitForURL(/#\/interview\/s_/);
  await page.locator('.bubble-interviewer').first().waitFor();
  const match = /#\/interview\/([^/?]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`not on an interview page: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** Keys the page keeps in sessionStorage under a prefix (outbox, local drafts). */
async function storedKeys(page: Page, prefix: string): Promise<string[]> {
  return page.evaluate((start) => Object.keys(sessionStorage).filter((key) => key.startsWith(start)), prefix);
}

async function transcriptOf(live: LiveApp, page: Page, sessionId: string) {
  const token = await pageToken(page);
  const response = await live.app.inject({ url: `/api/sessions/${sessionId}`, headers: { authorization: `Bearer ${token}` } });
  expect(response.statusCode).toBe(200);
  return TranscriptSchema.parse(response.json());
}

describe('interview UI in Chromium', () => {
  it(
    'runs a two-question interview to its summary, lists it in history and replays it to the end',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/`);
      const { page } = watched;

      // First visit: a profile was created and kept.
      expect(await pageToken(page)).toMatch(/\S{16,}/);
      await screenshots(page, 'start');

      const sessionId = await startInterview(page, 2, 60);
      await expect.poll(() => page.locator('.room-progress').textContent()).toContain('Question 1 of 2');
      const timer = page.getByRole('timer');
      await expect.poll(() => timer.textContent()).toMatch(/^(1:00|0:5\d)/);

      // Answer 1: a draft saved on blur, then the full answer with Ctrl+Enter, at later server times.
      live.clock.advance(4_000);
      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
      await answerBox.fill(STAR_ANSWER_1.slice(0, 80));
      await answerBox.blur();
      await page.getByText('Draft saved').waitFor();
      live.clock.advance(3_000);
      await answerBox.fill(STAR_ANSWER_1);
      await answerBox.press('Control+Enter');
      await page.locator('.feedback-card').first().waitFor();
      // Practice pacing: the feedback stays on screen with no clock running until the candidate goes on.
      const nextButton = page.getByRole('button', { name: 'Next question' });
      await nextButton.waitFor();
      expect(await answerBox.isHidden()).toBe(true);
      expect(await page.locator('.room-progress').textContent()).toContain('Question 1 of 2');
      live.clock.advance(20_000);
      await nextButton.click();
      await page.getByText('Question 2 of 2', { exact: false }).first().waitFor();
      // Its minute started on the click, not while the feedback was read.
      await expect.poll(() => timer.textContent()).toMatch(/^(1:00|0:5\d)/);
      const firstCard = page.locator('.feedback-card').first();
      await expect.poll(() => firstCard.locator('.dimension').count()).toBeGreaterThanOrEqual(4);
      // Graded on the rubric of the question's type, which the card names.
      const typeLabel = (await firstCard.locator('.feedback-type .chip-type').textContent()) ?? '';
      const type = QuestionTypeSchema.options.find((candidate) => QUESTION_TYPES[candidate].label === typeLabel);
      expect(type).toBeDefined();
      const rubric = getRubric(RUBRIC_FOR_TYPE[type ?? 'story']);
      expect(await firstCard.locator('.dimension-label').allTextContents()).toEqual(rubric.dimensions.map((dimension) => dimension.label));
      expect(await firstCard.locator('.feedback-type a.rubric-link').getAttribute('href')).toBe(`#/rubrics/${rubric.id}`);
      expect(await firstCard.locator('.grader-info').textContent()).toContain('Offline grader');
      await screenshots(page, 'interview', 'bottom');
      await answerBox.blur();
      await screenshots(page, 'interview-feedback', { selector: '.chat .card-item' });

      // Answer 2 with the Submit button.
      live.clock.advance(5_000);
      await answerBox.fill(STAR_ANSWER_2);
      await page.getByRole('button', { name: 'Submit answer' }).click();
      await page.locator('.summary-card').waitFor();
      await page.getByText('The interview is complete.').waitFor();
      expect(await page.locator('.feedback-card').count()).toBe(2);
      expect(await page.locator('.bubble-candidate').allTextContents()).toEqual([
        expect.stringContaining(STAR_ANSWER_1),
        expect.stringContaining(STAR_ANSWER_2),
      ]);
      await page.locator('.summary-card canvas').waitFor();
      await screenshots(page, 'summary', 'bottom');

      // History lists it with its score; replay plays it on its original timeline at 4×.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History', exact: true }).click();
      const row = page.locator(`.session-row[data-session="${sessionId}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain('2 of 2 answered');
      await screenshots(page, 'history');

      const download = page.waitForEvent('download');
      await row.getByRole('button', { name: /Export as Markdown/ }).click();
      const file = await (await download).path();
      expect(fs.readFileSync(file, 'utf8')).toContain('# Mock interview');

      await row.getByRole('link', { name: /Replay/ }).click();
      await page.waitForURL(/#\/replay\//);
      const stage = page.locator('.replay-stage');
      await stage.waitFor();
      // 7 s to the first answer, 20 s reading its feedback, 5 s to the second.
      expect(await page.locator('.replay-clock').textContent()).toContain('/ 0:32');
      // At the start: the first question only, its countdown at the full minute.
      expect(await stage.locator('.bubble-interviewer').count()).toBe(1);
      expect(await stage.locator('.feedback-card').count()).toBe(0);
      await page.getByRole('button', { name: '4×' }).click();
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await page.locator('.replay-stage[data-state="playing"]').waitFor();
      await page.locator('.replay-stage[data-state="ended"]').waitFor({ timeout: 15_000 });
      expect(await stage.locator('.feedback-card').count()).toBe(2);
      expect(await stage.locator('.summary-card').count()).toBe(1);
      expect(await stage.locator('.bubble-candidate').count()).toBe(2);
      await screenshots(page, 'replay', 'bottom');

      // Scrub to 0:05: the draft typed at 0:04 shows, the answer sent at 0:07 does not yet.
      await page.getByRole('slider', { name: 'Position in the interview' }).fill('5000');
      await stage.locator('.bubble-status', { hasText: 'typing… (draft)' }).waitFor();
      expect(await stage.locator('.bubble-candidate').textContent()).toContain(STAR_ANSWER_1.slice(0, 80));
      expect(await stage.locator('.feedback-card').count()).toBe(0);
      expect(await stage.getByRole('timer').textContent()).toContain('0:55');
      await screenshots(page, 'replay-paused', 'bottom');

      // Jump to question 2: the conversation is rebuilt as it stood then.
      await page.getByRole('button', { name: /Jump to question 2/ }).click();
      expect(await stage.locator('.feedback-card').count()).toBe(1);
      expect(await stage.locator('.summary-card').count()).toBe(0);

      // Progress: charts and weakest topics; "Practise these" starts an interview on them.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress', exact: true }).click();
      await page.locator('.chart-panel canvas').first().waitFor();
      const weakest = await page.locator('.weak-topic').allTextContents();
      expect(weakest.length).toBeGreaterThan(0);
      await screenshots(page, 'progress');
      await page.getByRole('link', { name: 'Practise these' }).click();
      await page.waitForURL(/#\/interview\/s_/);
      await page.locator('.bubble-interviewer').first().waitFor();
      const topic = (await page.locator('.room-progress').textContent()) ?? '';
      expect(weakest.some((entry) => topic.includes(entry.split(' · ')[0] ?? '∅'))).toBe(true);

      // Delete the first interview from history, with confirmation.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History', exact: true }).click();
      await row.waitFor();
      await row.getByRole('button', { name: /^Delete/ }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await row.waitFor({ state: 'detached' });
      const token = await pageToken(page);
      const gone = await live.app.inject({ url: `/api/sessions/${sessionId}`, headers: { authorization: `Bearer ${token}` } });
      expect(gone.statusCode).toBe(404);

      expectNoErrors(watched);
      await watched.context.close();
    },
    90_000,
  );

  it(
    'survives a connection dropped by the server mid-interview: shows reconnecting, resumes, and stores the answer once',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/`);
      const { page } = watched;
      const sessionId = await startInterview(page, 2, 180);
      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
      await answerBox.fill('Draft before the drop.');
      await answerBox.blur();
      await page.getByText('Draft saved').waitFor();

      // The server drops every socket and, for now, lets no new one in.
      const gate = holdUpgrades(live.app);
      for (const client of live.app.websocketServer.clients) client.terminate();
      const banner = page.locator('#connection');
      await page.locator('#connection[data-state="reconnecting"]').waitFor();
      expect(await banner.innerText()).toContain('reconnecting…');
      await page.locator('body[data-connection="reconnecting"]').waitFor();

      // Answering while offline queues the answer instead of losing it.
      await answerBox.fill(STAR_ANSWER_1);
      await answerBox.press('Control+Enter');
      await page.locator('.bubble-candidate .bubble-status', { hasText: 'Waiting for the connection' }).waitFor();
      await screenshots(page, 'reconnecting', 'bottom');
      expect(await page.locator('.feedback-card').count()).toBe(0);

      await expect.poll(() => gate.held(), { timeout: 10_000 }).toBeGreaterThan(0);
      gate.release();
      await page.locator('body[data-connection="open"]').waitFor({ timeout: 15_000 });
      await expect.poll(() => banner.isHidden()).toBe(true);
      await page.locator('.feedback-card').first().waitFor();
      await page.getByRole('button', { name: 'Next question' }).click();
      await page.getByText('Question 2 of 2', { exact: false }).first().waitFor();
      await page.locator('.bubble-candidate .bubble-status', { hasText: 'Received' }).waitFor();

      // The interview goes on over the new connection.
      await answerBox.fill(STAR_ANSWER_2);
      await answerBox.press('Control+Enter');
      await page.locator('.summary-card').waitFor();

      // Stored exactly once, as submitted, and the transcript has no duplicate acknowledgement.
      const stored = live.db.prepare('SELECT count(*) AS n FROM turns WHERE session_id = ? AND answer_text = ?').get(sessionId, STAR_ANSWER_1);
      expect(stored).toEqual({ n: 1 });
      const transcript = await transcriptOf(live, page, sessionId);
      const firstTurn = transcript.turns[0];
      expect(firstTurn?.answer).toBe(STAR_ANSWER_1);
      expect(firstTurn?.answerSource).toBe('submitted');
      expect(transcript.inputs.filter((input) => input.type === 'answer' && input.turnId === firstTurn?.id)).toHaveLength(1);
      expect(transcript.events.filter((event) => event.type === 'answer.accepted')).toHaveLength(2);
      expect(transcript.inputs.some((input) => input.type === 'draft' && input.text === 'Draft before the drop.')).toBe(true);

      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );

  it(
    'resends a start whose reply was lost with the connection, and continues with the one interview the server created',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/`);
      const { page } = watched;
      await page.getByRole('heading', { name: 'Practise an interview' }).waitFor();
      await page.getByLabel('Questions', { exact: true }).fill('1');

      // The server creates the session, but the connection dies before session.started reaches the page;
      // new connections are held back for now.
      let gate: ReturnType<typeof holdUpgrades> | undefined;
      const cut = dropConnectionBefore(live.app, 'session.started', () => {
        gate = holdUpgrades(live.app);
      });
      await page.getByRole('button', { name: 'Start interview' }).click();
      await page.locator('body[data-connection="reconnecting"]').waitFor();
      expect(cut.dropped()).toBe(true);
      const created = live.db.prepare('SELECT id FROM sessions').all() as Array<{ id: string }>;
      expect(created).toHaveLength(1);
      expect(page.url()).toContain('#/start');
      expect(await page.getByRole('button', { name: 'Starting…' }).isDisabled()).toBe(true);

      // Back online (a little later on the server clock): the same start goes again and yields that session.
      await expect.poll(() => gate?.held() ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
      live.clock.advance(2_000);
      gate?.release();
      await page.waitForURL(/#\/interview\/s_/);
      expect(decodeURIComponent(page.url().split('#/interview/')[1] ?? '')).toBe(created[0]?.id);
      await page.locator('.bubble-interviewer').first().waitFor();
      await page.locator('body[data-connection="open"]').waitFor();
      expect(live.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 1 });
      expect(await page.locator('.bubble-interviewer').count()).toBe(1);
      expect(await page.getByText('Interview started:').count()).toBe(1);

      // The interview goes on as usual.
      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
      await answerBox.fill(STAR_ANSWER_1);
      await answerBox.press('Control+Enter');
      await page.locator('.summary-card').waitFor();
      expect(live.db.prepare('SELECT count(*) AS n FROM turns WHERE answer_text = ?').get(STAR_ANSWER_1)).toEqual({ n: 1 });

      expectNoErrors(watched);
      await watched.context.close();
    },
    30_000,
  );

  it(
    'keeps an answer submitted offline across a reload and stores it once; an answer whose acknowledgement was lost is not sent twice',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/`);
      const { page } = watched;
      const sessionId = await startInterview(page, 2, 180);
      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });

      // Offline: the answer is queued on this device.
      const gate = holdUpgrades(live.app);
      for (const client of live.app.websocketServer.clients) client.terminate();
      await page.locator('body[data-connection="reconnecting"]').waitFor();
      await answerBox.fill(STAR_ANSWER_1);
      await answerBox.press('Control+Enter');
      await page.locator('.bubble-candidate .bubble-status', { hasText: 'Waiting for the connection' }).waitFor();
      expect(await storedKeys(page, 'interview-coach.outbox.')).toEqual([`interview-coach.outbox.${sessionId}`]);

      // Reloaded while still offline: the answer is still there, waiting, and the question is not offered again.
      await page.reload();
      await page.locator('body[data-ready="true"]').waitFor();
      const waiting = page.locator('.bubble-candidate', { hasText: STAR_ANSWER_1 });
      await waiting.locator('.bubble-status', { hasText: 'Waiting for the connection' }).waitFor();
      expect(await page.getByText('kept on this device').count()).toBe(1);
      expect(await answerBox.getAttribute('readonly')).not.toBeNull();
      expect(live.db.prepare('SELECT count(*) AS n FROM turns WHERE answer_text IS NOT NULL').get()).toEqual({ n: 0 });

      // Back online: sent after the resume, graded, stored once; nothing is left queued on the device.
      await expect.poll(() => gate.held(), { timeout: 10_000 }).toBeGreaterThan(0);
      gate.release();
      await page.locator('.feedback-card').first().waitFor();
      await page.getByRole('button', { name: 'Next question' }).click();
      await page.getByText('Question 2 of 2', { exact: false }).first().waitFor();
      await waiting.locator('.bubble-status', { hasText: 'Received' }).waitFor();
      expect(await storedKeys(page, 'interview-coach.outbox.')).toEqual([]);
      expect(await storedKeys(page, 'interview-coach.draft')).toEqual([]);

      // Question 2: the server stores the answer but the acknowledgement is lost with the connection, then
      // the page is reloaded offline. The transcript shows it stored, so it is not queued or sent again.
      let gate2: ReturnType<typeof holdUpgrades> | undefined;
      const cut = dropConnectionBefore(live.app, 'answer.accepted', () => {
        gate2 = holdUpgrades(live.app);
      });
      await answerBox.fill(STAR_ANSWER_2);
      await answerBox.press('Control+Enter');
      await page.locator('body[data-connection="reconnecting"]').waitFor();
      expect(cut.dropped()).toBe(true);
      await page.reload();
      await page.locator('body[data-ready="true"]').waitFor();
      await page.locator('.bubble-candidate .bubble-status', { hasText: 'Received' }).nth(1).waitFor();
      expect(await storedKeys(page, 'interview-coach.outbox.')).toEqual([]);
      await expect.poll(() => gate2?.held() ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
      gate2?.release();
      await page.locator('.summary-card').waitFor();

      const transcript = await transcriptOf(live, page, sessionId);
      expect(transcript.turns.map((turn) => turn.answer)).toEqual([STAR_ANSWER_1, STAR_ANSWER_2]);
      expect(transcript.turns.map((turn) => turn.answerSource)).toEqual(['submitted', 'submitted']);
      expect(transcript.inputs.filter((input) => input.type === 'answer')).toHaveLength(2);
      expect(transcript.events.filter((event) => event.type === 'answer.accepted')).toHaveLength(2);
      expect(await page.locator('.bubble-candidate').allTextContents()).toEqual([
        expect.stringContaining(STAR_ANSWER_1),
        expect.stringContaining(STAR_ANSWER_2),
      ]);

      expectNoErrors(watched);
      await watched.context.close();
    },
    45_000,
  );

  it(
    'shows a refused answer next to it and gives its text back (the time ran out on the server first)',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/`);
      const { page } = watched;
      await startInterview(page, 1, 60);

      // The deadline passes on the server, but time.up (and what follows) is still on its way to the page.
      const slow = delaySessionMessagesFrom(live.app, 'time.up');
      live.clock.advance(60_000);
      await expect.poll(() => slow.held()).toBeGreaterThan(0);

      // Submitted just too late: the server refuses it (error with ref), the page says so at the answer.
      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
      await answerBox.fill(STAR_ANSWER_1);
      await answerBox.press('Control+Enter');
      const refused = page.locator('.bubble-candidate', { hasText: STAR_ANSWER_1 });
      await refused.locator('.bubble-status', { hasText: 'Not accepted: this question is closed' }).waitFor();
      expect(await page.locator('.composer .form-error').textContent()).toContain('not accepted');
      expect(await answerBox.inputValue()).toBe(STAR_ANSWER_1);
      expect(await storedKeys(page, 'interview-coach.outbox.')).toEqual([]);

      slow.release();
      await page.getByText("Time's up — no answer was given.").waitFor();
      await page.locator('.summary-card').waitFor();
      expect(live.db.prepare('SELECT count(*) AS n FROM turns WHERE answer_text IS NOT NULL').get()).toEqual({ n: 0 });
      expect(await refused.locator('.bubble-status').textContent()).toContain('Not accepted');

      expectNoErrors(watched);
      await watched.context.close();
    },
    30_000,
  );

  it(
    'counts down from the server deadline, turns urgent in the last 20 s, and grades the draft at time-up',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/`);
      const { page } = watched;
      await startInterview(page, 1, 30);
      const draft = `${STAR_ANSWER_1} (draft)`;
      const answerBox = page.getByRole('textbox', { name: 'Your answer', exact: true });
      await answerBox.fill(draft);
      await answerBox.blur();
      await page.getByText('Draft saved').waitFor();

      // The page's own clock runs the countdown from the deadline; no message arrives in between.
      const timer = page.getByRole('timer');
      expect(await timer.getAttribute('class')).not.toContain('timer-urgent');
      await page.locator('.timer.timer-urgent').waitFor({ timeout: 15_000 });
      await expect.poll(() => page.locator('#announcer-assertive').textContent()).toMatch(/seconds? left/);
      await screenshots(page, 'interview-urgent', 'bottom');

      // The server's deadline passes: the saved draft is graded as the answer.
      live.clock.advance(30_000);
      await page.getByText("Time's up — your draft was sent for grading.").waitFor();
      const bubble = page.locator('.bubble-candidate');
      await expect.poll(() => bubble.textContent()).toContain('draft at time-up');
      expect(await bubble.textContent()).toContain(draft);
      // Then the text the server graded, from the transcript (here the same as this device's copy).
      await bubble.locator('.bubble-status', { hasText: 'Received' }).waitFor();
      expect(await bubble.locator('.bubble-text').textContent()).toBe(draft);
      await page.locator('.chat .feedback-card').waitFor();
      await page.locator('.summary-card').waitFor();
      expect(await page.getByRole('textbox', { name: 'Your answer', exact: true }).isHidden()).toBe(true);

      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );
});
