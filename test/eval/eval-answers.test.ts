import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseArguments, UsageError } from '../../src/eval/arguments.js';
import { evaluate } from '../../src/eval/evaluate.js';
import { createEvalContext, type EvalContext } from '../../src/eval/harness.js';
import { pearson } from '../../src/eval/metrics.js';
import { runEvalCli as runCli, TINY_SET_FILE as TINY, tinySet as tiny } from '../helpers/eval-sets.js';

const AnswerLineSchema = z.strictObject({
  set: z.string(),
  item: z.string(),
  answer: z.number().int().nonnegative(),
  kind: z.string().optional(),
  gold: z.number(),
  score: z.number(),
  tfidf: z.number(),
  overlap: z.number(),
});

let context: EvalContext;
let dir: string;
beforeAll(() => {
  context = createEvalContext();
  dir = mkdtempSync(path.join(os.tmpdir(), 'eval-answers-'));
});
afterAll(() => {
  context.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run eval --answers', () => {
  it('keeps, per set, every answer with the held-out score that entered the figures', async () => {
    const report = await evaluate(context, { sets: [tiny], folds: 3 });
    const [set] = report.sets;
    const rows = set?.answers ?? [];
    expect(rows.map((row) => `${row.item}#${row.answer}`)).toEqual(tiny.items.flatMap((item) => item.answers.map((_, index) => `${item.id}#${index}`)));
    expect(rows.map((row) => row.gold)).toEqual(tiny.items.flatMap((item) => item.answers.map((answer) => answer.gold)));
    // The per-answer scores are the cross-validated ones: they reproduce the set's figures.
    expect(pearson(rows.map((row) => row.score), rows.map((row) => row.gold))).toBeCloseTo(set?.grader.pearson ?? Number.NaN, 9);
    expect(pearson(rows.map((row) => row.tfidf), rows.map((row) => row.gold))).toBeCloseTo(set?.tfidf.pearson ?? Number.NaN, 9);
  });

  it('writes one JSON object per answer to the file it is given', async () => {
    const file = path.join(dir, 'answers.jsonl');
    const run = await runCli(['--data', TINY, '--cv', '0', '--answers', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(12);
    const rows = lines.map((line) => AnswerLineSchema.parse(JSON.parse(line)));
    expect(rows[0]).toMatchObject({ set: 'fixtures/tiny-set', item: 't1', answer: 0, gold: tiny.items[0]?.answers[0]?.gold });
    expect(new Set(rows.map((row) => row.score)).size).toBeGreaterThan(1);
  });

  it('refuses --answers without a file name', async () => {
    const run = await runCli(['--data', TINY, '--answers']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^eval: /);
  });

  it('names a value flag given without its value, --data included, instead of falling back to the default sets', () => {
    expect(() => parseArguments(['--data', '--cv', '3'], { cv: true })).toThrow(new UsageError('--data: expected one or more files'));
    expect(() => parseArguments(['--data', TINY, '--cv'], { cv: true })).toThrow(new UsageError('--cv: expected a value'));
    expect(parseArguments(['--data', TINY, TINY, '--cv', '3'], { cv: true })).toMatchObject({ folds: 3, sets: [{ name: tiny.name }, { name: tiny.name }] });
  });
});
