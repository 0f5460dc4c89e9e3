import { describe, expect, it } from 'vitest';
import { questionId } from '../../src/corpus/text-utils.js';
import { createTestApp, createUser } from '../helpers/app.js';

/*
 * The failures reported in the issue: "Dropout mechanism" had no reference of its own, so its "missed key
 * points" came from whatever full-text search found, a behavioural story about student dropout rates
 * and a random-forest answer among them. Every technical question now has its own reference, and a
 * pasted question outside the corpus borrows only clearly related technical answers, or none.
 */

interface FeedbackBody {
  questionId: string | null;
  overall: number;
  improvements: string[];
  question: string;
  rubric: string;
  dimensions: Array<{ key: string; score: number; rationale: string }>;
  missingPoints: string[];
}

interface QuestionBody {
  text: string;
  answers: string[];
}

const BEHAVIOURAL_STORY =
  'I became passionate about machine learning during my undergraduate studies when I built a model to predict student dropout rates. ' +
  'Seeing how data-driven insights could directly improve educational outcomes was powerful.';

const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[a-z]{3,}/g) ?? []);

/** Every missed key point is worded from `reference`: its words are the reference's own. */
function expectDrawnFrom(missingPoints: readonly string[], reference: string): void {
  const vocabulary = words(reference);
  for (const point of missingPoints) {
    const foreign = [...words(point)].filter((word) => !vocabulary.has(word));
    expect(foreign, point).toEqual([]);
  }
}

async function feedback(app: Awaited<ReturnType<typeof createTestApp>>['app'], auth: Record<string, string>, payload: object): Promise<FeedbackBody> {
  const response = await app.inject({ method: 'POST', url: '/api/feedback', headers: auth, payload });
  expect(response.statusCode).toBe(200);
  return response.json<FeedbackBody>();
}

describe('references behind technical feedback', () => {
  it('grades "Dropout mechanism" against its own answer: no behavioural story or other question is listed as missed', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const dropoutId = questionId('technical', 'Dropout mechanism');
    const record = (await app.inject({ url: `/api/questions/${dropoutId}` })).json<QuestionBody>();
    const reference = record.answers.join('\n');

    for (const payload of [
      { question: 'Dropout mechanism', answer: BEHAVIOURAL_STORY },
      { questionId: dropoutId, answer: BEHAVIOURAL_STORY },
      { question: 'Dropout mechanism', answer: 'Dropout is when you turn off some neurons so the model does not overfit as much.' },
    ]) {
      const result = await feedback(app, user.auth, payload);
      expect(result).toMatchObject({ questionId: dropoutId, question: record.text, rubric: 'technical' });
      expect(result.missingPoints.length).toBeGreaterThan(0);
      expectDrawnFrom(result.missingPoints, reference);
      expect(result.missingPoints.join(' ')).not.toMatch(/passionate|undergraduate|student|random forests?/i);
    }
  });

  it('grades a pasted question on an unrelated subject without a reference, and says so', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const result = await feedback(app, user.auth, {
      question: 'How do I make sourdough bread rise properly?',
      answer: 'To make sourdough bread rise properly, feed the starter daily so it is active, then let the bread rise somewhere warm for four to six hours before baking.',
      rubric: 'technical',
    });
    expect(result.questionId).toBeNull();
    expect(result.missingPoints).toEqual([]);
    expect(result.dimensions.find((dimension) => dimension.key === 'coverage')?.rationale).toMatch(/no reference/i);
  });

  it('uses clearly related technical answers only as weak evidence for a pasted ML question outside the corpus, listing none of their points as missed', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const result = await feedback(app, user.auth, {
      question: 'How does gradient clipping prevent exploding gradients in recurrent networks?',
      answer: 'Gradient clipping rescales the gradient when its norm is above a threshold, so one huge update cannot destroy the weights.',
    });
    expect(result).toMatchObject({ questionId: null, rubric: 'technical' });
    expect(result.dimensions.find((dimension) => dimension.key === 'coverage')?.rationale).toMatch(/related questions.*weak evidence/i);
    // Another question's sentences are never "missed" (issue 10): the related answers only inform the estimate.
    expect(result.missingPoints).toEqual([]);
  });

  it('grades a pasted ML question without any reference by what each answer explains: a strong answer above a circular one', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const question = 'What is teacher forcing and why is it used?';
    const strong = await feedback(app, user.auth, {
      question,
      answer:
        'Teacher forcing trains a sequence model by feeding it the ground-truth previous token at each step instead of its own prediction. ' +
        'It is used because early in training the predictions are mostly wrong, so conditioning on them would compound errors and slow convergence. ' +
        'The downside is exposure bias: at inference the decoder sees its own outputs, which it never saw in training, so scheduled sampling mixes the two.',
    });
    const circular = await feedback(app, user.auth, { question, answer: 'Teacher forcing is when you force the teacher. It is very important and useful.' });
    for (const result of [strong, circular]) {
      expect(result).toMatchObject({ questionId: null, rubric: 'technical', missingPoints: [] });
      expect(result.dimensions.find((dimension) => dimension.key === 'correctness')?.rationale).toMatch(/no model answer was available.*not a fact check/i);
    }
    expect(strong.overall - circular.overall).toBeGreaterThanOrEqual(1.5);
    expect(circular.improvements.join(' ')).toMatch(/defines the term with its own words/);
  });
});
