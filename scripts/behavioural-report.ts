/**
 * Measures the behavioural graders against the targets of issue 11, through the normal grading path:
 * the real app on a temporary database, the offline grader, `POST /api/feedback`.
 *
 *   1. Every corpus example answer graded on its own question (`questionId`): median, share ≥ 3.0.
 *   2. The same answers graded against another wording of their question (scripts/data/
 *      question-paraphrases.json), which matches no corpus question: no reference answer is used, so
 *      only the rubric's criteria can score them, not resemblance to themselves.
 *   3. A vague two-liner on every question with an example answer: is it below all of them?
 *
 * Agreement with the labelled behavioural set is `npm run eval -- --data data/eval/behavioural.json`.
 *
 * Usage: npm run build && npx tsx scripts/behavioural-report.ts [--json]
 * (the build makes the web bundle the app serves; nothing else of it is used).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { buildApp } from '../src/app.js';
import { createSystemClock } from '../src/clock.js';
import { loadConfig, projectRoot } from '../src/config.js';
import { openDb } from '../src/store/db.js';

const VAGUE = 'I think this is important and I always try my best. It depends on the situation.';

const args = process.argv.slice(2);
const asJson = args.includes('--json');

const FeedbackSchema = z.object({ overall: z.number(), rubric: z.string(), questionType: z.string().optional(), questionId: z.string().nullable() });
const ListSchema = z.object({ items: z.array(z.object({ id: z.string(), text: z.string(), type: z.string() })) });
const RecordSchema = z.object({ answers: z.array(z.string()) });
const ParaphrasesSchema = z.record(z.string(), z.string());

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'behavioural-report-'));
const config = loadConfig({
  GRADER: 'offline',
  GRADER_THREADS: '0',
  LOG_LEVEL: 'silent',
  DATABASE_PATH: path.join(dir, 'report.db'),
  RATE_LIMIT_PER_MINUTE: '1000000',
});
const db = openDb(config.DATABASE_PATH);
const app = await buildApp(config, { db, clock: createSystemClock() });
await app.ready();

try {
  const user = z.object({ token: z.string() }).parse((await app.inject({ method: 'POST', url: '/api/users', payload: {} })).json());
  const headers = { authorization: `Bearer ${user.token}` };
  const grade = async (payload: Record<string, string>) => {
    const response = await app.inject({ method: 'POST', url: '/api/feedback', headers, payload });
    if (response.statusCode !== 200) throw new Error(`POST /api/feedback answered ${response.statusCode}: ${response.body}`);
    return FeedbackSchema.parse(response.json());
  };

  const questions = ListSchema.parse((await app.inject({ url: '/api/questions?kind=behavioural&limit=100' })).json()).items;
  const paraphrases = ParaphrasesSchema.parse(JSON.parse(fs.readFileSync(path.join(projectRoot, 'scripts', 'data', 'question-paraphrases.json'), 'utf8')));

  interface ExampleRow {
    question: string;
    type: string;
    own: number;
    paraphrased: number;
    paraphraseType: string;
  }
  const rows: ExampleRow[] = [];
  let vagueBelow = 0;
  let answered = 0;
  let paraphraseMatchedCorpus = 0;
  for (const question of questions) {
    const record = RecordSchema.parse((await app.inject({ url: `/api/questions/${question.id}` })).json());
    if (record.answers.length === 0) continue;
    answered += 1;
    const paraphrase = paraphrases[question.text];
    if (paraphrase === undefined) throw new Error(`no paraphrase for "${question.text}" in scripts/data/question-paraphrases.json`);
    const own: number[] = [];
    for (const answer of record.answers) {
      const onOwn = await grade({ questionId: question.id, answer });
      const onParaphrase = await grade({ question: paraphrase, answer });
      if (onParaphrase.questionId !== null) paraphraseMatchedCorpus += 1;
      own.push(onOwn.overall);
      rows.push({ question: question.text, type: question.type, own: onOwn.overall, paraphrased: onParaphrase.overall, paraphraseType: onParaphrase.questionType ?? '' });
    }
    const vague = await grade({ questionId: question.id, answer: VAGUE });
    if (own.every((score) => vague.overall < score)) vagueBelow += 1;
  }

  const ownScores = rows.map((row) => row.own);
  const paraphrasedScores = rows.map((row) => row.paraphrased);
  const types = [...new Set(rows.map((row) => row.type))];
  const summary = {
    exampleAnswers: rows.length,
    questionsWithExamples: answered,
    ownMedian: median(ownScores),
    ownAtLeast3: ownScores.filter((score) => score >= 3).length,
    paraphrasedMedian: median(paraphrasedScores),
    paraphrasedAtLeast3: paraphrasedScores.filter((score) => score >= 3).length,
    paraphraseMatchedCorpus,
    paraphraseTypedAsOriginal: rows.filter((row) => row.paraphraseType === row.type).length,
    vagueBelowEveryExample: vagueBelow,
    byType: Object.fromEntries(
      types.map((type) => {
        const ofType = rows.filter((row) => row.type === type);
        return [type, { answers: ofType.length, ownMedian: median(ofType.map((row) => row.own)), paraphrasedMedian: median(ofType.map((row) => row.paraphrased)) }];
      }),
    ),
  };

  if (asJson) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const pct = (count: number, total: number) => `${count}/${total} (${((100 * count) / total).toFixed(0)}%)`;
    console.log('Corpus example answers, offline grader, POST /api/feedback');
    console.log(`  on their own question:       median ${summary.ownMedian.toFixed(2)}, ≥ 3.0: ${pct(summary.ownAtLeast3, rows.length)}`);
    console.log(`  on another wording, no ref:  median ${summary.paraphrasedMedian.toFixed(2)}, ≥ 3.0: ${pct(summary.paraphrasedAtLeast3, rows.length)}` +
      ` (wordings matched to the corpus: ${paraphraseMatchedCorpus}; typed like the original: ${pct(summary.paraphraseTypedAsOriginal, rows.length)})`);
    console.log(`  vague two-liner below every example answer: ${pct(vagueBelow, answered)} of questions`);
    console.log('  by type (answers, median on own question, median on another wording):');
    for (const [type, row] of Object.entries(summary.byType)) console.log(`    ${type.padEnd(18)} ${String(row.answers).padStart(3)}  ${row.ownMedian.toFixed(2)}  ${row.paraphrasedMedian.toFixed(2)}`);
    const low = rows.filter((row) => row.own < 3).sort((a, b) => a.own - b.own);
    if (low.length > 0) {
      console.log('  below 3.0 on their own question:');
      for (const row of low) console.log(`    ${row.own.toFixed(1)}  ${row.type.padEnd(18)} ${row.question}`);
    }
  }
} finally {
  await app.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
