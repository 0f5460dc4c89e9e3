import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { evaluate } from '../../src/eval/evaluate.js';
import { createEvalContext, type EvalContext } from '../../src/eval/harness.js';
import { loadLabelledSet, type LabelledSet } from '../../src/eval/labelled-set.js';
import { formatReport } from '../../src/eval/report.js';
import { createLlmGrader } from '../../src/grading/llm-grader.js';
import { createOfflineGrader } from '../../src/grading/offline/offline-grader.js';
import { createLlmClient } from '../../src/llm/client.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { modelReply } from '../helpers/model-replies.js';

let context: EvalContext;
let fake: FakeOpenAI;
beforeAll(async () => {
  context = createEvalContext();
  fake = await startFakeOpenAI(() => ({ type: 'chat', content: modelReply('technical', { scores: { correctness: 4, coverage: 4, depth: 3, clarity: 4 } }) }));
});
afterAll(async () => {
  context.close();
  await fake.close();
});

describe('npm run eval --grader llm and the graded examples in the prompt', () => {
  it('leaves out the questions the prompt shows graded examples from, and says so', async () => {
    const full = loadLabelledSet(path.join(projectRoot, 'data', 'eval', 'technical-ml.json'));
    // The example's question (see prompts/examples-technical.v1.md) and one other question.
    const example = full.items.find((item) => item.id === 'ml-28');
    const other = full.items.find((item) => item.id === 'ml-01');
    if (!example || !other) throw new Error('labelled items missing');
    const set: LabelledSet = { ...full, items: [example, other] };

    const client = createLlmClient({ baseURL: fake.baseURL, apiKey: 'sk-eval', timeoutMs: 5_000, maxRetries: 0, concurrency: 2 });
    const grader = createLlmGrader({ client, model: 'eval-model', outputMode: 'json_schema', fallback: createOfflineGrader(), logger: pino({ level: 'silent' }) });
    const report = await evaluate(context, { sets: [set], llm: { grader, model: 'eval-model' } });

    const [figures] = report.sets;
    expect(figures).toMatchObject({ protocol: 'llm', shownAsExamples: example.answers.length, fallbacks: 0 });
    expect(figures?.grader.n).toBe(other.answers.length);
    expect(figures?.tfidf.n).toBe(other.answers.length);
    // Only the other question's answers went to the model, each graded with the reply keyed by dimension.
    expect(fake.requests).toHaveLength(other.answers.length);
    const text = formatReport(report);
    expect(text).toContain('LLM grader, model eval-model');
    expect(text).toContain(`${example.answers.length} answers to the questions the prompt shows graded examples from are left out above`);
  });
});
