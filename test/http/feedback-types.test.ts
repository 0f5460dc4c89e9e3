import { afterEach, describe, expect, it } from 'vitest';
import { getRubric } from '../../src/grading/rubrics.js';
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
