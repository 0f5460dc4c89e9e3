import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RubricIdSchema } from '../../src/contracts/rubric-schema.js';
import { getRubric } from '../../src/grading/rubrics.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { expectNoErrors, launchChromium, openPage, screenshots, startLiveApp } from './browser.js';

const STAR_ANSWER =
  'In 2023 our fraud model at Acme drifted and precision fell from 88% to 60%. ' +
  'I owned the retraining pipeline, so my task was to find the cause within a week. ' +
  'I profiled the features, found a broken join, and rebuilt the pipeline with daily validation. ' +
  'Precision recovered to 91% within two weeks, and I learned to monitor input data, not just metrics.';

const IMG_PAYLOAD = '<img src=x onerror="window.__xss=1">';
const SCRIPT_PAYLOAD = '<script>window.__xss=2</script>';
const LINK_PAYLOAD = '<a href="javascript:window.__xss=3">click me</a>';

/** A valid STAR grading reply whose free text is HTML meant to run in the page. */
/**
 * A reply keyed by dimension that fits whatever rubric the question gets: the keys of every rubric, the
 * payload in the rationale of each rubric's first dimension (the grader drops the keys its rubric lacks).
 */
function hostileReply(): string {
  const dimensions: Record<string, { score: number; rationale: string; evidence: string[] }> = {};
  for (const id of RubricIdSchema.options) {
    getRubric(id).dimensions.forEach((dimension, index) => {
      dimensions[dimension.key] ??= {
        score: 3 + (index % 2),
        rationale: index === 0 ? `Clear context. ${IMG_PAYLOAD}` : `Rationale for ${dimension.key}.`,
        evidence: [],
      };
    });
  }
  return JSON.stringify({
    dimensions,
    strengths: [`Quantified result ${SCRIPT_PAYLOAD}`],
    improvements: [LINK_PAYLOAD],
    missingPoints: [],
    followUpQuestion: '',
  });
}

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

describe('feedback UI in Chromium', () => {
  it(
    'grades a pasted STAR answer on the one-shot feedback page',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/feedback`);
      const { page } = watched;
      await page.getByRole('heading', { name: 'Feedback on one answer' }).waitFor();
      await screenshots(page, 'feedback-empty');

      await page.getByLabel('Question', { exact: true }).fill('Tell me about a time you fixed a failing model in production.');
      await page.getByLabel('Your answer').fill(STAR_ANSWER);
      await page.getByLabel('Rubric').selectOption('star');
      await page.getByRole('button', { name: 'Get feedback' }).click();

      const card = page.locator('.feedback-result .feedback-card');
      await card.waitFor();
      const labels = await card.locator('.dimension-label').allTextContents();
      expect(labels).toEqual(expect.arrayContaining(['Situation', 'Task', 'Action', 'Result']));
      const score = Number(await card.locator('.score-value').first().textContent());
      expect(score).toBeGreaterThanOrEqual(1);
      expect(score).toBeLessThanOrEqual(5);
      expect(await card.locator('.bar-fill').count()).toBe(labels.length);
      expect(await card.locator('.grader-info').textContent()).toContain('Offline grader');
      // Evidence is quoted from the answer itself.
      const quotes = await card.locator('.evidence blockquote').allTextContents();
      expect(quotes.length).toBeGreaterThan(0);
      for (const quote of quotes) expect(STAR_ANSWER).toContain(quote.replace(/\s+/g, ' ').trim().slice(0, 20));
      await page.locator('.recent-item').first().waitFor();
      await screenshots(page, 'feedback');
      expect(await card.locator('.feedback-deltas').count()).toBe(0);

      // A second go at the same question shows what moved since the first.
      await page.getByLabel('Your answer').fill('I fixed the model and it worked better afterwards.');
      await page.getByRole('button', { name: 'Get feedback' }).click();
      const retake = page.locator('.feedback-result .feedback-card .feedback-deltas');
      await retake.waitFor();
      expect(await retake.locator('.delta-overall').textContent()).toMatch(new RegExp(`^Overall ${score.toFixed(1)} → `));

      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );

  it(
    'shows the model answer the team wrote for a bare notebook title, with who wrote it',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/feedback`);
      const { page } = watched;
      await page.getByLabel('Question', { exact: true }).fill('Dropout mechanism');
      await page.getByLabel('Your answer').fill('Dropout switches off random neurons during training so that the network cannot rely on any one of them.');
      await page.getByRole('button', { name: 'Get feedback' }).click();

      const card = page.locator('.feedback-result .feedback-card');
      await card.waitFor();
      await card.getByText('Show model answer').click();
      expect(await card.locator('.model-answer-text').textContent()).toMatch(/^Dropout is a regularisation technique/);
      expect(await card.locator('.model-answer-source').textContent()).toBe(
        'Model answer written by the interview-coach project team (2026-11-26): the source document gives only the title “Dropout mechanism”.',
      );
      const missed = await card.locator('.missing li, .coverage-label').allTextContents();
      expect(missed.join(' ')).not.toMatch(/passionate|random forests/i);
      await screenshots(page, 'feedback-curated-answer');

      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );

  it(
    'grades a technical answer against the user’s own reference and shows the key-point coverage map',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/feedback`);
      const { page } = watched;
      await page.getByRole('heading', { name: 'Feedback on one answer' }).waitFor();
      await page.getByLabel('Question', { exact: true }).fill('What does a hash map store, and how does it find a value?');
      const answer = 'It stores key-value pairs. To find a value it hashes the key.';
      await page.getByLabel('Your answer').fill(answer);
      await page.getByText('Grade against your own reference answer (optional)').click();
      await page
        .getByLabel('Reference answer')
        .fill('A hash map stores key-value pairs. It hashes the key to find the bucket that holds the value. Collisions are resolved by chaining or open addressing.');
      await page.getByRole('button', { name: 'Get feedback' }).click();

      const map = page.locator('.feedback-result .coverage-map');
      await map.waitFor();
      expect(await map.locator('h4').textContent()).toMatch(/Key points of the model answer: \d of 3 covered/);
      const statuses = await map.locator('.coverage-status').allTextContents();
      expect(statuses).toHaveLength(3);
      expect(statuses).toContain('Covered');
      expect(statuses).toContain('Missed');
      for (const quote of await map.locator('.coverage-quote').allTextContents()) expect(answer).toContain(quote);
      // The missed points are in the map, not repeated in a list of their own.
      expect(await page.locator('.feedback-result .missing').count()).toBe(0);
      await screenshots(page, 'feedback-coverage-map');
      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );

  it(
    'marks a key point the answer contradicts on the coverage map, quoting the sentence',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/feedback`);
      const { page } = watched;
      await page.getByRole('heading', { name: 'Feedback on one answer' }).waitFor();
      await page.getByLabel('Question', { exact: true }).fill('What is the difference between a list and a tuple?');
      const answer = 'Tuples are not immutable: once created, their items can be changed.';
      await page.getByLabel('Your answer').fill(answer);
      await page.getByText('Grade against your own reference answer (optional)').click();
      await page
        .getByLabel('Reference answer')
        .fill('Tuples are immutable: once created, their items cannot be changed. Lists are mutable, so you can append and remove items.');
      await page.getByRole('button', { name: 'Get feedback' }).click();

      const point = page.locator('.feedback-result .coverage-map .coverage-contradicted');
      await point.waitFor();
      expect(await point.locator('.coverage-status').textContent()).toBe('Contradicted');
      expect(await point.locator('.coverage-quote').textContent()).toBe(answer);
      expect(await page.locator('.feedback-result .coverage-map h4').textContent()).toMatch(/: 0 of 2 covered/);
      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );

  it(
    'shows a known error the answer states, quoting the sentence, with the correction',
    async () => {
      const live = await startLiveApp();
      const watched = await openPage(browser, `${live.baseURL}/#/feedback`);
      const { page } = watched;
      await page.getByRole('heading', { name: 'Feedback on one answer' }).waitFor();
      await page.getByLabel('Question', { exact: true }).fill('In a transformer language model, what happens during the forward pass of one training step?');
      const wrong = 'During the forward pass the weights are updated based on the error, which is how the model learns.';
      await page.getByLabel('Your answer').fill(`The tokens are embedded and go through attention and feed-forward blocks, and the last layer gives the logits. ${wrong}`);
      await page.getByRole('button', { name: 'Get feedback' }).click();

      const corrections = page.locator('.feedback-result .corrections');
      await corrections.waitFor();
      expect(await corrections.locator('h4').textContent()).toBe('A known error in the answer');
      expect(await corrections.locator('.correction-quote').textContent()).toBe(wrong);
      expect(await corrections.locator('.correction-fact').textContent()).toMatch(/^In fact: The forward pass only computes/);
      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );

  it(
    'shows model output containing HTML and script as literal text and runs none of it',
    async () => {
      fake = await startFakeOpenAI(() => ({ type: 'chat', content: hostileReply() }));
      const live = await startLiveApp({
        GRADER: 'llm',
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: 'sk-test-e2e',
        COACH_MODEL: 'fake-coach',
        LLM_OUTPUT_MODE: 'json_schema',
      });
      const watched = await openPage(browser, `${live.baseURL}/#/feedback`);
      const { page } = watched;

      // One-shot feedback over HTTP.
      await page.getByLabel('Question', { exact: true }).fill('Tell me about a time you fixed a failing model in production.');
      await page.getByLabel('Your answer').fill(STAR_ANSWER);
      await page.getByLabel('Rubric').selectOption('star');
      await page.getByRole('button', { name: 'Get feedback' }).click();
      const card = page.locator('.feedback-result .feedback-card');
      await card.waitFor();
      expect(await card.locator('.grader-info').textContent()).toContain('LLM grader (fake-coach)');
      await card.getByText(IMG_PAYLOAD, { exact: false }).first().waitFor();
      await card.getByText(SCRIPT_PAYLOAD, { exact: false }).waitFor();
      await card.getByText(LINK_PAYLOAD, { exact: true }).waitFor();
      expect(await page.locator('.feedback-card img, .feedback-card script, .feedback-card a[href^="javascript"]').count()).toBe(0);
      await screenshots(page, 'feedback-html-as-text');

      // The same through an interview over the websocket (the grader streams; deltas are shown as text too).
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Interview', exact: true }).click();
      await page.getByLabel('Questions', { exact: true }).fill('1');
      await page.getByRole('button', { name: 'Start interview' }).click();
      await page.locator('.bubble-interviewer').first().waitFor();
      await page.getByRole('textbox', { name: 'Your answer', exact: true }).fill(`${STAR_ANSWER} ${IMG_PAYLOAD}`);
      await page.getByRole('button', { name: 'Submit answer' }).click();
      const interviewCard = page.locator('.chat .feedback-card').first();
      await interviewCard.waitFor();
      await interviewCard.getByText(IMG_PAYLOAD, { exact: false }).first().waitFor();
      await page.locator('.summary-card').waitFor();
      // The candidate's own HTML is text as well.
      expect(await page.locator('.bubble-candidate').first().textContent()).toContain(IMG_PAYLOAD);
      expect(await page.locator('main img, main script').count()).toBe(0);

      expect(await page.evaluate(() => Reflect.get(window, '__xss'))).toBeUndefined();
      expect(fake.requests.length).toBeGreaterThanOrEqual(2);
      expectNoErrors(watched);
      await watched.context.close();
    },
    60_000,
  );
});
