import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/evaluate.js';
import { createEvalContext, type EvalContext } from '../../src/eval/harness.js';
import { pearson, spearman } from '../../src/eval/metrics.js';
import { formatReport } from '../../src/eval/report.js';
import { SHIPPED_TECHNICAL_MODEL } from '../../src/grading/offline/technical-model.js';
import { runEvalCli as runCli, TINY_SET_FILE as TINY, tinySet as tiny } from '../helpers/eval-sets.js';
import { chatRequest, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { modelReply } from '../helpers/model-replies.js';

function lastLine(text: string): unknown {
  const lines = text.trim().split('\n');
  return JSON.parse(lines.at(-1) ?? '');
}

let context: EvalContext;
beforeAll(() => {
  context = createEvalContext();
});
afterAll(() => context.close());

describe('npm run eval on a tiny labelled set', () => {
  it('reports n, Pearson, Spearman, QWK, RMSE and ms per answer for the grader and both baselines', async () => {
    const report = await evaluate(context, { sets: [tiny], folds: 0 });
    const [set] = report.sets;
    expect(report).toMatchObject({ grader: 'offline', model: SHIPPED_TECHNICAL_MODEL.version });
    expect(set?.protocol).toBe('shipped');
    // Baselines do not depend on the grader: exact figures.
    expect(set?.tfidf).toMatchObject({ n: 12 });
    expect(set?.tfidf.pearson).toBeCloseTo(0.803, 3);
    expect(set?.tfidf.spearman).toBeCloseTo(0.894, 3);
    expect(set?.tfidf.qwk).toBeCloseTo(0.778, 3);
    expect(set?.tfidf.rmse).toBeCloseTo(1.18, 3);
    expect(set?.overlap.pearson).toBeCloseTo(0.826, 3);
    expect(set?.overlap.spearman).toBeCloseTo(0.894, 3);
    expect(set?.overlap.qwk).toBeCloseTo(0.778, 3);
    expect(set?.overlap.rmse).toBeCloseTo(1.116, 3);
    // The shipped grader's figures on this set (they move with the weights and the grader's rules: update them with a refit or a version bump).
    expect(set?.grader.n).toBe(12);
    expect(set?.grader.pearson).toBeCloseTo(0.937, 3);
    expect(set?.grader.spearman).toBeCloseTo(0.92, 3);
    expect(set?.grader.qwk).toBeCloseTo(0.905, 3);
    expect(set?.grader.rmse).toBeCloseTo(0.69, 3);
    expect(set?.grader.msPerAnswer).toBeGreaterThan(0);
    expect(formatReport(report)).toContain('shipped weights, not fitted on this set');
  });

  it('cross-validates by leaving whole questions out when asked, and says so', async () => {
    const report = await evaluate(context, { sets: [tiny], folds: 3 });
    const [set] = report.sets;
    expect(set).toMatchObject({ protocol: 'cross-validated', folds: 3 });
    expect(set?.grader.pearson).toBeCloseTo(0.917, 3);
    expect(set?.grader.spearman).toBeCloseTo(0.895, 3);
    expect(set?.grader.qwk).toBeCloseTo(0.9, 3);
    expect(set?.grader.rmse).toBeCloseTo(0.788, 3);
    expect(formatReport(report)).toContain('cross-validated: weights refitted without the held-out questions (3 folds by question)');
  });

  it('prints the report as text with one JSON object as its last line', async () => {
    const run = await runCli(['--data', TINY, '--cv', '0']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('word-overlap recall');
    const json = lastLine(run.stdout);
    expect(json).toMatchObject({ grader: 'offline', sets: [{ name: 'fixtures/tiny-set', questions: 3, protocol: 'shipped', tfidf: { pearson: 0.803 } }] });
  });

  it('refuses an unknown grader or a missing file with a one-line message', async () => {
    const bad = await runCli(['--grader', 'oracle']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^eval: --grader: /);
    const missing = await runCli(['--data', 'no-such-set.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no-such-set.json');
  });
});

describe('npm run eval --grader llm', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => fake.close());

  it('grades every answer with the configured model, names it, and leaves out answers it could not grade', async () => {
    const answers = tiny.items.flatMap((item) => item.answers);
    const failing = answers[3]?.text ?? '';
    // The canned model scores each answer with every dimension at its rounded gold (at least 1), and
    // fails outright on one answer, which the offline grader then answers.
    fake.setDefault((request) => {
      const prompt = chatRequest(request).messages.map((message) => message.content).join('\n');
      if (prompt.includes(failing)) return { type: 'error', status: 500, message: 'model crashed' };
      const answer = answers.find((candidate) => prompt.includes(candidate.text));
      const score = Math.max(1, Math.round(answer?.gold ?? 1));
      return { type: 'chat', content: modelReply('technical', { scores: { correctness: score, coverage: score, depth: score, clarity: score } }) };
    });
    const run = await runCli(['--data', TINY, '--grader', 'llm'], {
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-eval-test',
      COACH_MODEL: 'eval-test-model',
      LLM_MAX_RETRIES: '0',
      LLM_OUTPUT_MODE: 'json_object',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('LLM grader, model eval-test-model');
    expect(run.stdout).not.toContain('sk-eval-test');
    const kept = answers.filter((answer) => answer.text !== failing);
    const scores = kept.map((answer) => Math.max(1, Math.round(answer.gold)));
    const gold = kept.map((answer) => answer.gold);
    const round = (value: number) => Math.round(value * 1000) / 1000;
    expect(lastLine(run.stdout)).toMatchObject({
      grader: 'llm',
      model: 'eval-test-model',
      sets: [
        {
          protocol: 'llm',
          fallbacks: 1,
          grader: { n: 11, pearson: round(pearson(scores, gold)), spearman: round(spearman(scores, gold)) },
        },
      ],
    });
    expect(fake.requests.length).toBe(12);
  });
});
