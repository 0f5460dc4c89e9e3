import { afterEach, describe, expect, it } from 'vitest';
import { FeedbackSchema } from '../../src/contracts/feedback-schema.js';
import { createTestApp, createUser } from '../helpers/app.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { modelReply } from '../helpers/model-replies.js';

const STAR_ANSWER =
  'At my previous company our nightly training job kept failing and delayed every release by a day. ' +
  'I was asked to make the pipeline reliable before the quarterly launch. ' +
  'I added retries around the flaky data export, split the job into stages and wrote alerts for each stage. ' +
  'As a result, failures dropped from four a week to one a month and releases went out on time.';

interface FeedbackBody {
  id: string;
  rubric: string;
  overall: number;
  questionId: string | null;
  dimensions: Array<{ key: string; score: number; evidence?: string[] }>;
  grader: { kind: string; model?: string; rubricVersion: string; promptVersion: string; fallbackReason?: string };
}

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function firstQuestion(app: Awaited<ReturnType<typeof createTestApp>>['app'], filter: string) {
  const list = (await app.inject({ url: `/api/questions?${filter}&limit=1` })).json<{ items: Array<{ id: string; text: string }> }>();
  const first = list.items[0];
  if (!first) throw new Error('no question');
  return first;
}

describe('POST /api/feedback', () => {
  it('grades an answer to a story question with STAR and stores it for the user', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const question = await firstQuestion(app, 'type=story');
    const response = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: user.auth,
      payload: { questionId: question.id, answer: STAR_ANSWER },
    });
    expect(response.statusCode).toBe(200);
    const feedback = response.json<FeedbackBody>();
    expect(feedback.rubric).toBe('star');
    expect(feedback.questionId).toBe(question.id);
    expect(feedback.dimensions.map((d) => d.key)).toEqual([
      'situation', 'task', 'action', 'result', 'ownership', 'specificity', 'relevance', 'concision',
    ]);
    expect(feedback.grader).toMatchObject({ kind: 'offline' });
    expect(feedback.grader.rubricVersion).toMatch(/^star-/);
    const stored = await app.inject({ url: `/api/feedback/${feedback.id}`, headers: user.auth });
    expect(stored.json<FeedbackBody>().overall).toBe(feedback.overall);
  });

  it('matches pasted question text to the corpus question', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const question = await firstQuestion(app, 'kind=technical');
    const response = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: user.auth,
      payload: { question: `  ${question.text.toUpperCase()} `, answer: 'A short answer about it.' },
    });
    expect(response.json<FeedbackBody>()).toMatchObject({ questionId: question.id, rubric: 'technical' });
  });

  it('rejects empty, whitespace-only and over-long answers with 400 before any model call', async () => {
    fake = await startFakeOpenAI(() => ({ type: 'chat', content: modelReply('star') }));
    const { app } = await createTestApp({ GRADER: 'llm', OPENAI_BASE_URL: fake.baseURL });
    const user = await createUser(app);
    for (const answer of ['', '   \n\t ', '\u200B\u200B', 'x'.repeat(12_001)]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/feedback',
        headers: user.auth,
        payload: { question: 'Tell me about a time you failed.', answer },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ error: { code: string; message: string } }>().error.message).toContain('answer');
    }
    const missing = await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { answer: 'hi' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { message: string } }>().error.message).toContain('question');
    // Both: which one is graded would be a guess.
    const both = await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { questionId: 'q_anything', question: 'What is LayerNorm?', answer: 'hi' } });
    expect(both.statusCode).toBe(400);
    expect(both.json<{ error: { message: string } }>().error.message).toContain('either questionId or question, not both');
    expect(fake.requests).toHaveLength(0);
  });

  it('does not re-grade an identical re-submission', async () => {
    fake = await startFakeOpenAI(() => ({ type: 'chat', content: modelReply('star') }));
    const { app } = await createTestApp({ GRADER: 'llm', OPENAI_BASE_URL: fake.baseURL, COACH_MODEL: 'coach-1' });
    const user = await createUser(app);
    const payload = { question: 'Tell me about a time you improved a process.', answer: STAR_ANSWER };
    const first = (await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload })).json<FeedbackBody>();
    const second = (await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload })).json<FeedbackBody>();
    expect(first.grader).toMatchObject({ kind: 'llm', model: 'coach-1' });
    expect(second.id).toBe(first.id);
    expect(fake.requests).toHaveLength(1);
  });

  it('names the previous attempt at the same question, with what moved on each dimension, and none on a first attempt', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const other = await createUser(app, 'Grace');
    const question = 'Tell me about a time you made a pipeline reliable.';
    const grade = async (auth: Record<string, string>, answer: string) =>
      FeedbackSchema.parse(
        (await app.inject({ method: 'POST', url: '/api/feedback', headers: auth, payload: { question, answer } })).json(),
      );

    const first = await grade(user.auth, 'I fixed some things and it was better.');
    expect(first.previous).toBeUndefined();
    const second = await grade(user.auth, STAR_ANSWER);
    expect(second.previous).toMatchObject({ feedbackId: first.id, overall: first.overall });
    const firstScores = new Map(first.dimensions.map((dimension) => [dimension.key, dimension.score]));
    expect(second.previous?.deltas.map((delta) => [delta.key, delta.previous, delta.delta])).toEqual(
      second.dimensions.map((dimension) => [dimension.key, firstScores.get(dimension.key), dimension.score - (firstScores.get(dimension.key) ?? 0)]),
    );
    expect(second.previous?.deltas.some((delta) => delta.delta > 0)).toBe(true);
    // Another user's attempts are not this user's history.
    expect((await grade(other.auth, STAR_ANSWER)).previous).toBeUndefined();
  });

  it('compares an attempt only with one graded against the same reference answer', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const question = 'Why would you use Huber loss instead of MSE?';
    const referenceAnswer = 'Huber loss is quadratic for small residuals and linear for large ones, so it is less sensitive to outliers than MSE.';
    const grade = async (payload: object) =>
      FeedbackSchema.parse((await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { question, ...payload } })).json());

    const own = await grade({ answer: 'It is quadratic near zero and linear far out, so outliers pull on it less.', referenceAnswer });
    // Graded without the user's reference: another measure, whose difference from the first says nothing.
    const plain = await grade({ answer: 'It is less sensitive to outliers, because large errors grow only linearly.' });
    expect(plain.previous).toBeUndefined();
    const ownAgain = await grade({ answer: 'Quadratic for small errors, linear for large ones: robust to outliers.', referenceAnswer });
    expect(ownAgain.previous?.feedbackId).toBe(own.id);
    const plainAgain = await grade({ answer: 'Huber is robust to outliers because it is linear for large residuals.' });
    expect(plainAgain.previous?.feedbackId).toBe(plain.id);
  });

  it('falls back to the offline grader with a clear note once the daily token budget is spent', async () => {
    fake = await startFakeOpenAI(() => ({
      type: 'chat',
      content: modelReply('star'),
      usage: { prompt_tokens: 900, completion_tokens: 300, total_tokens: 1200 },
    }));
    const { app } = await createTestApp({ GRADER: 'llm', OPENAI_BASE_URL: fake.baseURL, LLM_DAILY_TOKEN_BUDGET: '1000' });
    const user = await createUser(app);
    const grade = (answer: string) =>
      app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { question: 'Tell me about a time you led.', answer } });
    const first = (await grade(STAR_ANSWER)).json<FeedbackBody>();
    expect(first.grader.kind).toBe('llm');
    const second = (await grade(`${STAR_ANSWER} I also mentored two juniors.`)).json<FeedbackBody>();
    expect(second.grader.kind).toBe('offline');
    expect(second.grader.fallbackReason).toContain('budget');
    expect(fake.requests).toHaveLength(1);
    const other = await createUser(app, 'Other');
    const fresh = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: other.auth,
      payload: { question: 'Tell me about a time you led.', answer: STAR_ANSWER },
    });
    expect(fresh.json<FeedbackBody>().grader.kind).toBe('llm');
  });

  it("requires a token and hides other users' feedback behind 404", async () => {
    const { app } = await createTestApp();
    const alice = await createUser(app, 'Alice');
    const bob = await createUser(app, 'Bob');
    const unauthenticated = await app.inject({ method: 'POST', url: '/api/feedback', payload: { question: 'q?', answer: 'a' } });
    expect(unauthenticated.statusCode).toBe(401);
    const mine = (
      await app.inject({ method: 'POST', url: '/api/feedback', headers: alice.auth, payload: { question: 'What is PCA?', answer: STAR_ANSWER } })
    ).json<FeedbackBody>();
    const theirs = await app.inject({ url: `/api/feedback/${mine.id}`, headers: bob.auth });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).not.toContain(STAR_ANSWER.slice(0, 30));
  });

  it('streams the model text as Server-Sent Events, then the stored feedback', async () => {
    fake = await startFakeOpenAI(() => ({ type: 'chat', content: modelReply('star'), chunkSize: 30 }));
    const { app } = await createTestApp({ GRADER: 'llm', OPENAI_BASE_URL: fake.baseURL });
    const user = await createUser(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/feedback/stream',
      headers: user.auth,
      payload: { question: 'Tell me about a time you fixed a pipeline.', answer: STAR_ANSWER },
    });
    expect(response.headers['content-type']).toContain('text/event-stream');
    const events = response.body
      .trim()
      .split('\n\n')
      .map((block) => ({ event: block.match(/^event: (.+)$/m)?.[1], data: JSON.parse(block.match(/^data: (.+)$/m)?.[1] ?? 'null') as unknown }));
    const deltas = events.filter((event) => event.event === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    const last = events.at(-1);
    expect(last?.event).toBe('feedback');
    const feedback = FeedbackSchema.parse(last?.data);
    expect(feedback.grader.kind).toBe('llm');
    // The offline second opinion and where each score came from travel with the stream and are stored.
    expect(feedback.secondOpinion).toMatchObject({ kind: 'offline', flagged: expect.any(Boolean) });
    expect(feedback.dimensions.every((d) => d.source === 'model')).toBe(true);
    const stored = await app.inject({ url: `/api/feedback/${feedback.id}`, headers: user.auth });
    expect(stored.statusCode).toBe(200);
    expect(FeedbackSchema.parse(stored.json()).secondOpinion).toEqual(feedback.secondOpinion);
    const empty = await app.inject({ method: 'POST', url: '/api/feedback/stream', headers: user.auth, payload: { question: 'Why?', answer: ' ' } });
    expect(empty.statusCode).toBe(400);
  });

  it('streams over a real connection without cancelling the model call', async () => {
    fake = await startFakeOpenAI(() => ({ type: 'chat', content: modelReply('star'), chunkSize: 30, intervalMs: 5 }));
    const { app } = await createTestApp({ GRADER: 'llm', OPENAI_BASE_URL: fake.baseURL });
    const user = await createUser(app);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${address}/api/feedback/stream`, {
      method: 'POST',
      headers: { ...user.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Tell me about a time you fixed a pipeline.', answer: STAR_ANSWER }),
    });
    const body = await response.text();
    expect(body).toContain('event: delta');
    expect(body).toMatch(/event: feedback\ndata: \{.*"kind":"llm"/);
    expect(body).not.toContain('event: error');
  });

  it('grades again after a fallback instead of keeping the fallback grade', async () => {
    fake = await startFakeOpenAI(() => ({ type: 'chat', content: modelReply('star') }));
    fake.enqueue({ type: 'error', status: 500, message: 'down' });
    const { app } = await createTestApp({ GRADER: 'llm', OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: '0' });
    const user = await createUser(app);
    const payload = { question: 'Tell me about a time you improved a process.', answer: STAR_ANSWER };
    const first = (await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload })).json<FeedbackBody>();
    expect(first.grader.kind).toBe('offline');
    const second = (await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload })).json<FeedbackBody>();
    expect(second.grader.kind).toBe('llm');
    expect(second.id).not.toBe(first.id);
  });
});

describe('POST /api/feedback with referenceAnswer', () => {
  const question = 'What does a hash map store, and how does it find a value?';
  const referenceAnswer = 'Key-value pairs; it hashes the key to find the bucket that holds the value.';

  it('grades against the given reference, shows its points, and returns it with the stored feedback', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: user.auth,
      payload: { question, answer: 'It stores key-value pairs and hashes the key to find the bucket with the value.', referenceAnswer },
    });
    expect(response.statusCode).toBe(200);
    const feedback = response.json<FeedbackBody & { coverage?: Array<{ point: string; status: string }> }>();
    expect(feedback.coverage?.map((point) => point.point).join(' ')).toContain('hashes the key');
    expect(feedback.grader).toMatchObject({ kind: 'offline', weightsVersion: expect.any(String) });
    const list = (await app.inject({ url: '/api/feedback', headers: user.auth })).json<Array<{ id: string; referenceAnswer?: string }>>();
    expect(list.find((item) => item.id === feedback.id)?.referenceAnswer).toBe(referenceAnswer);
  });

  it('rejects a reference over 8,000 characters or a blank one with a 400 naming the field, on both routes', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    for (const url of ['/api/feedback', '/api/feedback/stream']) {
      const long = await app.inject({ method: 'POST', url, headers: user.auth, payload: { question, answer: 'Pairs.', referenceAnswer: 'x'.repeat(8_001) } });
      expect(long.statusCode, url).toBe(400);
      expect(long.json<{ error: { code: string; message: string } }>().error.message).toContain('referenceAnswer');
      const blank = await app.inject({ method: 'POST', url, headers: user.auth, payload: { question, answer: 'Pairs.', referenceAnswer: '  \n ' } });
      expect(blank.statusCode, url).toBe(400);
      expect(blank.json<{ error: { message: string } }>().error.message).toContain('referenceAnswer');
    }
  });

  it('documents referenceAnswer in the OpenAPI document', async () => {
    const { app } = await createTestApp();
    const spec = (await app.inject({ url: '/openapi.json' })).body;
    expect(spec).toContain('referenceAnswer');
  });
});
