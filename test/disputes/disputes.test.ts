import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/evaluate.js';
import { createEvalContext } from '../../src/eval/harness.js';
import { loadLabelledSet } from '../../src/eval/labelled-set.js';
import { DisputeExportSchema } from '../../src/contracts/dispute-schema.js';
import { FeedbackSchema, type Feedback } from '../../src/contracts/feedback-schema.js';
import { getRubric, overallScore } from '../../src/grading/rubrics.js';
import { TranscriptSchema } from '../../src/contracts/history-schemas.js';
import { createTestApp, createUser, listenWs, type TestApp } from '../helpers/app.js';
import { playOneQuestionInterview } from '../helpers/ws-client.js';

const STAR_ANSWER =
  'At my previous company our nightly training job kept failing and delayed every release by a day. ' +
  'I was asked to make the pipeline reliable before the quarterly launch. ' +
  'I added retries around the flaky data export, split the job into stages and wrote alerts for each stage. ' +
  'As a result, failures dropped from four a week to one a month and releases went out on time.';
const QUESTION = 'Tell me about a time you made an unreliable system dependable.';

type Auth = { authorization: string };

async function gradeOne(test: TestApp, auth: Auth, answer = STAR_ANSWER, question = QUESTION): Promise<Feedback> {
  const response = await test.app.inject({ method: 'POST', url: '/api/feedback', headers: auth, payload: { question, answer, rubric: 'star' } });
  expect(response.statusCode).toBe(200);
  return FeedbackSchema.parse(response.json());
}

function contest(test: TestApp, auth: Auth, feedbackId: string, payload: Record<string, unknown>) {
  return test.app.inject({ method: 'POST', url: `/api/feedback/${feedbackId}/disputes`, headers: auth, payload });
}

async function readFeedback(test: TestApp, auth: Auth, id: string): Promise<Feedback> {
  return FeedbackSchema.parse((await test.app.inject({ url: `/api/feedback/${id}`, headers: auth })).json());
}

describe('contesting a score', () => {
  it('records a dispute of one dimension and lists it with the feedback, in the history list too', async () => {
    const test = await createTestApp();
    const user = await createUser(test.app);
    const feedback = await gradeOne(test, user.auth);
    expect(feedback.disputes).toEqual([]);
    test.clock.advance(1_000);

    const response = await contest(test, user.auth, feedback.id, { dimension: 'result', expected: 5, note: '  The result\u200B was measured.  ' });
    expect(response.statusCode).toBe(201);
    const dispute = response.json<{ id: string; dimension: string; expected: number; note: string; createdAt: string }>();
    expect(dispute).toMatchObject({ dimension: 'result', expected: 5, note: 'The result was measured.' });
    expect(dispute.id).toMatch(/^d_[0-9a-f]{32}$/);
    expect(dispute.createdAt).toBe(new Date(test.clock.now()).toISOString());

    expect((await readFeedback(test, user.auth, feedback.id)).disputes).toEqual([dispute]);
    const list = (await test.app.inject({ url: '/api/feedback', headers: user.auth })).json<Array<{ id: string; disputes: unknown[] }>>();
    expect(list.find((item) => item.id === feedback.id)?.disputes).toEqual([dispute]);
  });

  it('replaces an earlier dispute of the same score, and keeps the overall and each dimension apart', async () => {
    const test = await createTestApp();
    const user = await createUser(test.app);
    const feedback = await gradeOne(test, user.auth);

    const first = await contest(test, user.auth, feedback.id, { dimension: 'task', expected: 2 });
    const again = await contest(test, user.auth, feedback.id, { dimension: 'task', expected: 4 });
    const overall = await contest(test, user.auth, feedback.id, { expected: 3 });
    expect([first.statusCode, again.statusCode, overall.statusCode]).toEqual([201, 200, 201]);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);

    const disputes = (await readFeedback(test, user.auth, feedback.id)).disputes;
    expect(disputes.map((d) => [d.dimension, d.expected, d.note])).toEqual([
      ['task', 4, null],
      [null, 3, null],
    ]);
  });

  it('refuses a dimension the feedback does not have and a score outside 1–5, naming the field', async () => {
    const test = await createTestApp();
    const user = await createUser(test.app);
    const feedback = await gradeOne(test, user.auth);

    const unknown = await contest(test, user.auth, feedback.id, { dimension: 'charisma', expected: 4 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { code: string; message: string } }>().error.message).toMatch(/^dimension: .*situation, task/);
    for (const expected of [0, 6, 3.5, '4']) {
      const response = await contest(test, user.auth, feedback.id, { dimension: 'task', expected });
      expect(response.statusCode, String(expected)).toBe(400);
      expect(response.json<{ error: { message: string } }>().error.message).toMatch(/^body\.expected: /);
    }
    const longNote = await contest(test, user.auth, feedback.id, { expected: 4, note: 'x'.repeat(1_001) });
    expect(longNote.json<{ error: { message: string } }>().error.message).toMatch(/^body\.note: /);
    expect((await readFeedback(test, user.auth, feedback.id)).disputes).toEqual([]);
  });

  it("answers 404 for another user's feedback and leaves it untouched", async () => {
    const test = await createTestApp();
    const alice = await createUser(test.app, 'Alice');
    const bob = await createUser(test.app, 'Bob');
    const bobs = await gradeOne(test, bob.auth);
    const bobsDispute = (await contest(test, bob.auth, bobs.id, { dimension: 'task', expected: 5 })).json<{ id: string }>();

    const asAlice = await contest(test, alice.auth, bobs.id, { dimension: 'task', expected: 1 });
    expect(asAlice.statusCode).toBe(404);
    expect(asAlice.json()).toEqual({ error: { code: 'not_found', message: 'feedback not found' } });
    const withdraw = await test.app.inject({ method: 'DELETE', url: `/api/feedback/${bobs.id}/disputes/${bobsDispute.id}`, headers: alice.auth });
    expect(withdraw.statusCode).toBe(404);
    const missing = await contest(test, alice.auth, 'f_does_not_exist', { expected: 1 });
    expect(missing.statusCode).toBe(404);

    expect((await readFeedback(test, bob.auth, bobs.id)).disputes.map((d) => [d.dimension, d.expected])).toEqual([['task', 5]]);
    expect((await test.app.inject({ url: '/api/disputes/export', headers: alice.auth })).json()).toEqual([]);
  });

  it('withdraws a dispute, and deleting the feedback deletes its disputes', async () => {
    const test = await createTestApp();
    const user = await createUser(test.app);
    const feedback = await gradeOne(test, user.auth);
    const dispute = (await contest(test, user.auth, feedback.id, { dimension: 'task', expected: 5 })).json<{ id: string }>();
    await contest(test, user.auth, feedback.id, { expected: 4 });

    const url = `/api/feedback/${feedback.id}/disputes/${dispute.id}`;
    expect((await test.app.inject({ method: 'DELETE', url, headers: user.auth })).statusCode).toBe(204);
    expect((await test.app.inject({ method: 'DELETE', url, headers: user.auth })).statusCode).toBe(404);
    expect((await readFeedback(test, user.auth, feedback.id)).disputes.map((d) => d.dimension)).toEqual([null]);

    expect((await test.app.inject({ method: 'DELETE', url: `/api/feedback/${feedback.id}`, headers: user.auth })).statusCode).toBe(204);
    expect(test.db.prepare('SELECT count(*) AS n FROM disputes').get()).toEqual({ n: 0 });
  });

  it('contests in-interview feedback and lists the dispute in the transcript', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const { sessionId, feedback: graded } = await playOneQuestionInterview(url, user.token, STAR_ANSWER);

    // Whatever the question's rubric, its last dimension.
    const dimension = graded.dimensions.at(-1)?.key ?? '';
    const response = await contest(test, user.auth, graded.feedbackId, { dimension, expected: 5, note: 'It was all there.' });
    expect(response.statusCode).toBe(201);
    const transcript = TranscriptSchema.parse((await test.app.inject({ url: `/api/sessions/${sessionId}`, headers: user.auth })).json());
    expect(transcript.turns[0]?.feedback?.disputes.map((d) => [d.dimension, d.expected, d.note])).toEqual([[dimension, 5, 'It was all there.']]);

    // Deleting the session takes its feedback and the disputes with it.
    await test.app.inject({ method: 'DELETE', url: `/api/sessions/${sessionId}`, headers: user.auth });
    expect(test.db.prepare('SELECT count(*) AS n FROM disputes').get()).toEqual({ n: 0 });
  });

  it('reads and contests feedback stored before disputes, second opinions and score sources existed', async () => {
    const test = await createTestApp();
    const user = await createUser(test.app);
    const rubric = getRubric('star');
    // A row as the first release wrote it: the GradeResult of that time, nothing newer.
    const oldResult = {
      rubric: 'star',
      overall: 3,
      dimensions: rubric.dimensions.map((d) => ({ key: d.key, label: d.label, score: 3, rationale: 'old', evidence: [] })),
      strengths: [],
      improvements: [],
      missingPoints: [],
      grader: { kind: 'llm', model: 'old-model', rubricVersion: 'star-2026.11.1', promptVersion: 'star.v1+system.v1' },
    };
    test.db
      .prepare(
        `INSERT INTO feedback (id, user_id, session_id, turn_id, question_id, question, topic, answer, input_hash, rubric, overall, result, grader_kind, created_at)
         VALUES ('f_old', ?, NULL, NULL, NULL, ?, NULL, ?, 'hash', 'star', 3, ?, 'llm', 0)`,
      )
      .run(user.id, QUESTION, STAR_ANSWER, JSON.stringify(oldResult));

    const read = await readFeedback(test, user.auth, 'f_old');
    expect(read.disputes).toEqual([]);
    expect(read.secondOpinion).toBeUndefined();
    expect(read.dimensions[0]?.source).toBeUndefined();
    expect((await contest(test, user.auth, 'f_old', { dimension: 'result', expected: 5 })).statusCode).toBe(201);
  });
});

describe('GET /api/disputes/export', () => {
  it("returns the user's contested answers as a labelled set: one item per question, gold = the overall the user expects", async () => {
    const test = await createTestApp();
    const user = await createUser(test.app);
    const corpusQuestion = (await test.app.inject({ url: '/api/questions?kind=technical&limit=1' })).json<{
      items: Array<{ id: string; text: string }>;
    }>().items[0];
    if (!corpusQuestion) throw new Error('no technical question');
    const shortAnswer = 'It trades bias for variance.';

    const first = await gradeOne(test, user.auth);
    const second = await gradeOne(test, user.auth, `${STAR_ANSWER} I also wrote a runbook.`);
    const undisputed = await gradeOne(test, user.auth, 'Another answer that nobody contests.');
    const technical = FeedbackSchema.parse(
      (
        await test.app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { questionId: corpusQuestion.id, answer: shortAnswer } })
      ).json(),
    );
    await contest(test, user.auth, first.id, { dimension: 'result', expected: 5 });
    await contest(test, user.auth, first.id, { dimension: 'task', expected: 1 });
    await contest(test, user.auth, second.id, { expected: 2 });
    await contest(test, user.auth, technical.id, { dimension: 'coverage', expected: 4 });

    const response = await test.app.inject({ url: '/api/disputes/export', headers: user.auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="disputed-answers.json"');
    const items = DisputeExportSchema.parse(response.json());

    // The shared labelled-set format: id, question, reference, scale and answers with text and gold.
    expect(items).toHaveLength(2);
    const [star, tech] = items;
    expect(star).toMatchObject({ question: QUESTION, reference: '', scale: [1, 5], rubric: 'star' });
    expect(star?.id).toMatch(/^custom-[0-9a-f]{12}$/);
    const rubric = getRubric('star');
    const corrected = new Map(first.dimensions.map((d) => [d.key, d.key === 'result' ? 5 : d.key === 'task' ? 1 : d.score]));
    expect(star?.answers).toEqual([
      { text: STAR_ANSWER, gold: overallScore(rubric, corrected), feedbackId: first.id, gradedOverall: first.overall },
      { text: `${STAR_ANSWER} I also wrote a runbook.`, gold: 2, feedbackId: second.id, gradedOverall: second.overall },
    ]);
    expect(star?.answers.map((a) => a.feedbackId)).not.toContain(undisputed.id);

    const record = (await test.app.inject({ url: `/api/questions/${corpusQuestion.id}` })).json<{ answers: string[] }>();
    expect(tech).toMatchObject({ id: corpusQuestion.id, questionId: corpusQuestion.id, question: corpusQuestion.text, rubric: 'technical', scale: [1, 5] });
    expect(tech?.reference).toBe(record.answers.join('\n\n').slice(0, 8_000));
    expect(tech?.answers.map((a) => a.text)).toEqual([shortAnswer]);
  });

  it('feeds npm run eval: the evaluation reads the export and grades every contested answer, against its own reference when it had one', async () => {
    const test = await createTestApp();
    const user = await createUser(test.app);
    const ownReference = 'Dropout zeroes random activations during training so units cannot co-adapt; it is off at inference.';
    const question = 'What does dropout do in a neural network?';
    const graded = [
      await gradeOne(test, user.auth),
      FeedbackSchema.parse(
        (
          await test.app.inject({
            method: 'POST',
            url: '/api/feedback',
            headers: user.auth,
            payload: { question, answer: 'It turns off random neurons while training so the net does not overfit.', referenceAnswer: ownReference },
          })
        ).json(),
      ),
    ];
    for (const feedback of graded) await contest(test, user.auth, feedback.id, { dimension: feedback.dimensions[0]?.key, expected: 5 });

    const file = path.join(test.dir, 'disputed-answers.json');
    fs.writeFileSync(file, (await test.app.inject({ url: '/api/disputes/export', headers: user.auth })).body);
    const set = loadLabelledSet(file);
    expect(set.items.find((item) => item.question === question)).toMatchObject({ reference: ownReference });
    expect(set.items.find((item) => item.question === question)?.questionId).toBeUndefined();

    const context = createEvalContext();
    try {
      const report = await evaluate(context, { sets: [set], folds: 0 });
      expect(report.sets[0]?.grader.n).toBe(2);
    } finally {
      context.close();
    }
  });
});
