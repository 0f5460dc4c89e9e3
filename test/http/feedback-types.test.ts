import { afterEach, describe, expect, it } from 'vitest';
import { getRubric } from '../../src/grading/rubrics.js';
import { OFFLINE_GRADER_VERSION } from '../../src/grading/offline/version.js';
import { createTestApp, createUser } from '../helpers/app.js';
import { chatRequest, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { modelReply } from '../helpers/model-replies.js';

interface FeedbackBody {
  rubric: string;
  questionType?: string;
  questionId: string | null;
  overall: number;
  dimensions: Array<{ key: string; score: number }>;
  followUpQuestion?: string;
  grader: { kind: string; rubricVersion: string; promptVersion: string };
}

const OPINION_ANSWER =
  'My favourite is gradient boosting, in particular LightGBM, because each tree corrects the errors of the ones before it. ' +
  'On a churn model at my last job it beat a tuned neural network by four AUC points. ' +
  'Its weakness is that it overfits small, noisy datasets, so for a regulated credit decision I would start with logistic regression.';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function questionId(app: Awaited<ReturnType<typeof createTestApp>>['app'], text: string): Promise<string> {
  const found = (await app.inject({ url: `/api/questions?q=${encodeURIComponent(text)}&limit=5` })).json<{ items: Array<{ id: string; text: string }> }>();
  const item = found.items.find((candidate) => candidate.text === text);
  if (!item) throw new Error(`no corpus question "${text}"`);
  return item.id;
}

describe('feedback by question type', () => {
  it('grades a corpus question with the rubric of its type and names the type', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const id = await questionId(app, 'What is Your Favorite Machine Learning Algorithm and Why?');
    const response = await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { questionId: id, answer: OPINION_ANSWER } });
    expect(response.statusCode).toBe(200);
    const feedback = response.json<FeedbackBody>();
    expect(feedback).toMatchObject({ rubric: 'opinion', questionType: 'opinion', questionId: id });
    expect(feedback.grader.rubricVersion).toBe(getRubric('opinion').version);
    expect(feedback.dimensions.map((dimension) => dimension.key)).toEqual(getRubric('opinion').dimensions.map((dimension) => dimension.key));
  });

  it('reads the type of a pasted question outside the corpus from its wording', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const grade = async (question: string) =>
      (await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { question, answer: OPINION_ANSWER } })).json<FeedbackBody>();
    expect(await grade("What's your take on gradient boosting versus deep learning for tables?")).toMatchObject({
      rubric: 'opinion',
      questionType: 'opinion',
      questionId: null,
    });
    expect(await grade('What salary range are you aiming for?')).toMatchObject({ rubric: 'compensation', questionType: 'compensation' });
    expect(await grade('What is gradient boosting?')).toMatchObject({ rubric: 'technical', questionType: 'technical' });
  });

  // Round 10, S2: "Do you have any questions for us?" was graded as a technical question without a reference, so the
  // best answer and "No, thanks" both scored 1.4 with "Turn fragments into full sentences".
  it('grades the answer to "Do you have any questions for us?" with its own rubric: good questions high, declining low', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const grade = async (question: string, answer: string) =>
      (await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { question, answer } })).json<FeedbackBody & { improvements: string[] }>();
    const good = await grade(
      'Do you have any questions for us?',
      "Yes, a few. What does the first ninety days look like for someone in this role, and what would make you say after six months that the hire was a success? How do models get from a notebook to production here, who owns the monitoring once they're live? And what's the biggest problem the ML team is facing this year?",
    );
    const none = await grade('Do you have any questions for us?', 'No, I think you covered everything. Thanks!');
    for (const feedback of [good, none]) {
      expect(feedback).toMatchObject({ rubric: 'questions-for-us', questionType: 'questions-for-us', questionId: null });
      expect(feedback.grader.rubricVersion).toBe(getRubric('questions-for-us').version);
      expect(feedback.dimensions.map((dimension) => dimension.key)).toEqual(getRubric('questions-for-us').dimensions.map((dimension) => dimension.key));
      expect(feedback.improvements.join(' ')).not.toMatch(/fragments|model answer/);
    }
    expect(good.overall).toBeGreaterThanOrEqual(4);
    expect(none.overall).toBeLessThan(2);
    for (const wording of ['What questions do you have for me?', 'Is there anything you would like to ask us?']) {
      expect(await grade(wording, 'No, thanks.')).toMatchObject({ rubric: 'questions-for-us', questionType: 'questions-for-us' });
    }
    expect(await grade('Why do we use cross-entropy rather than mean squared error for classification?', OPINION_ANSWER)).toMatchObject({ rubric: 'technical', questionType: 'technical' });
  });

  it('asks the model about questions for the interviewer with their own prompt and schema', async () => {
    fake = await startFakeOpenAI(() => ({ type: 'chat', content: modelReply('questions-for-us', { scores: { questions: 4 } }) }));
    const { app } = await createTestApp({ GRADER: 'llm', OPENAI_BASE_URL: fake.baseURL });
    const user = await createUser(app);
    const feedback = (
      await app.inject({
        method: 'POST',
        url: '/api/feedback',
        headers: user.auth,
        payload: { question: 'Do you have any questions for us?', answer: 'How is success measured in this role? Who owns model monitoring?' },
      })
    ).json<FeedbackBody>();
    expect(feedback).toMatchObject({ rubric: 'questions-for-us', questionType: 'questions-for-us' });
    expect(feedback.grader).toMatchObject({ kind: 'llm', promptVersion: 'questions-for-us.v2+system.v2' });
    const request = chatRequest(fake.requests[0]);
    expect(request.response_format).toMatchObject({
      json_schema: { schema: { properties: { dimensions: { required: getRubric('questions-for-us').dimensions.map((d) => d.key) } } } },
    });
    const prompt = request.messages.find((message) => message.role === 'user')?.content ?? '';
    expect(prompt).toContain('the interviewer asked whether the candidate has questions for them');
    expect(prompt).toContain('Never ask for a STAR story');
  });

  // Round 11: "What is your notice period?" and the other practical questions fell back to the technical rubric, with
  // missed key points and "explain the mechanism" as advice; they have their own type and rubric now.
  it('grades logistics questions with their own rubric: a direct answer with its conditions high, "it depends" low, no technical advice', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const grade = async (question: string, answer: string) =>
      (await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { question, answer } })).json<
        FeedbackBody & { improvements: string[]; missingPoints: string[]; coverage?: unknown[] }
      >();
    const good = await grade(
      'What is your notice period?',
      'Four weeks. My contract has a one-month notice period, so I could start on 3 March; my manager has agreed early releases before, so two weeks earlier might be possible.',
    );
    const evasive = await grade('What is your notice period?', "It depends. Let's talk about that later.");
    for (const feedback of [good, evasive]) {
      expect(feedback).toMatchObject({ rubric: 'logistics', questionType: 'logistics', questionId: null });
      expect(feedback.grader.rubricVersion).toBe(getRubric('logistics').version);
      expect(feedback.grader.promptVersion).toBe(`offline-${OFFLINE_GRADER_VERSION}`);
      expect(feedback.dimensions.map((dimension) => dimension.key)).toEqual(getRubric('logistics').dimensions.map((dimension) => dimension.key));
      expect(feedback.improvements.join(' ')).not.toMatch(/key point|mechanism|fragments|model answer/i);
      expect(feedback.coverage ?? []).toEqual([]);
    }
    expect(good.overall).toBeGreaterThanOrEqual(4.5);
    expect(evasive.overall).toBeLessThan(2);
    expect(evasive.missingPoints).toContain('A direct answer: a date or a period');
    for (const wording of ['When could you start?', 'Are you open to relocating to Berlin?', 'Do you need visa sponsorship?', 'Are you willing to be on call?', 'Can you work from the office three days a week?']) {
      expect(await grade(wording, 'Yes.'), wording).toMatchObject({ rubric: 'logistics', questionType: 'logistics' });
    }
    for (const technical of ["What's the start token in a transformer?", 'How would you relocate a model to the edge?', 'What is the cold start problem in recommender systems?']) {
      expect(await grade(technical, OPINION_ANSWER), technical).toMatchObject({ rubric: 'technical', questionType: 'technical' });
    }
  });

  it('asks the model about a logistics question with its own prompt and schema, and keeps its follow-up', async () => {
    fake = await startFakeOpenAI(() => ({
      type: 'chat',
      content: modelReply('logistics', { scores: { answer: 5, conditions: 4 }, extra: { followUpQuestion: 'Is there anything in your contract that could push that date back?' } }),
    }));
    const { app } = await createTestApp({ GRADER: 'llm', OPENAI_BASE_URL: fake.baseURL });
    const user = await createUser(app);
    const feedback = (
      await app.inject({
        method: 'POST',
        url: '/api/feedback',
        headers: user.auth,
        payload: { question: 'Are you open to relocating to Berlin?', answer: 'Yes, by June; my partner can work remotely, and until then I could come in one week a month.' },
      })
    ).json<FeedbackBody>();
    expect(feedback).toMatchObject({ rubric: 'logistics', questionType: 'logistics', followUpQuestion: 'Is there anything in your contract that could push that date back?' });
    expect(feedback.grader).toMatchObject({ kind: 'llm', promptVersion: 'logistics.v2+system.v2', rubricVersion: getRubric('logistics').version });
    expect(feedback.dimensions.find((dimension) => dimension.key === 'answer')?.score).toBe(5);
    const request = chatRequest(fake.requests[0]);
    expect(request.response_format).toMatchObject({
      json_schema: { schema: { properties: { dimensions: { required: getRubric('logistics').dimensions.map((d) => d.key) } } } },
    });
    const prompt = request.messages.find((message) => message.role === 'user')?.content ?? '';
    expect(prompt).toContain('This is a practical question about taking the job');
    expect(prompt).toContain('no technical key points to cover');
    expect(prompt).toContain('### flexibility: Flexibility where it is real');
  });

  it('accepts any rubric by id and keeps naming the question\'s own type', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const id = await questionId(app, 'What is Your Favorite Machine Learning Algorithm and Why?');
    const forced = await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { questionId: id, answer: OPINION_ANSWER, rubric: 'approach' } });
    expect(forced.json<FeedbackBody>()).toMatchObject({ rubric: 'approach', questionType: 'opinion' });
    const unknown = await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { questionId: id, answer: OPINION_ANSWER, rubric: 'vibes' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { message: string } }>().error.message).toMatch(/rubric/);
  });

  it('asks the model with the prompt and schema of the type, and keeps the follow-up it writes', async () => {
    fake = await startFakeOpenAI(() => ({
      type: 'chat',
      content: modelReply('opinion', { extra: { followUpQuestion: 'Where would gradient boosting be the wrong choice?' } }),
    }));
    const { app } = await createTestApp({ GRADER: 'llm', OPENAI_BASE_URL: fake.baseURL });
    const user = await createUser(app);
    const id = await questionId(app, 'What is Your Favorite Machine Learning Algorithm and Why?');
    const feedback = (
      await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { questionId: id, answer: OPINION_ANSWER } })
    ).json<FeedbackBody>();
    expect(feedback).toMatchObject({ rubric: 'opinion', questionType: 'opinion', followUpQuestion: 'Where would gradient boosting be the wrong choice?' });
    expect(feedback.grader).toMatchObject({
      kind: 'llm',
      promptVersion: 'opinion.v2+system.v2+examples-opinion.v1',
      rubricVersion: getRubric('opinion').version,
    });
    const request = chatRequest(fake.requests[0]);
    expect(request.response_format).toMatchObject({
      json_schema: { name: 'opinion_grade', schema: { properties: { dimensions: { required: getRubric('opinion').dimensions.map((d) => d.key) } } } },
    });
    const prompt = request.messages.find((message) => message.role === 'user')?.content ?? '';
    expect(prompt).toContain('## Graded examples');
    expect(prompt).toContain('Do not grade it as a STAR story');
    expect(prompt).toContain('Never ask for a STAR story');
    expect(prompt).toContain('### nuance: Limits and nuance');
  });
});
