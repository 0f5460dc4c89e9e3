/**
 * Measures the behavioural graders against the targets of issue 11, through the normal grading path:
 * the real app on a temporary database, the offline grader, `POST /api/feedback`.
 *
 *   1. Every corpus example answer graded on its own question (`questionId`): median, share ≥ 3.0.
 *   2. The same answers graded against another wording of their question (scripts/data/
 *      question-paraphrases.json), which matches no corpus question: no reference answer is used, so
 *      only the rubric's criteria can score them, not resemblance to themselves.
 *   3. A vague two-liner on every question with an example answer: is it below all of them?
 *   4. A labelled set in the shared benchmark format (default data/eval/behavioural.json, or --set FILE),
 *      each answer graded through its corpus record when the item has a `questionId`, else by its question
 *      text (the type read from the wording, no reference unless it matches the corpus): Spearman and
 *      Pearson with the gold scores, next to TF-IDF cosine and word-overlap recall against
 *      the set's reference in the same run. The grader has no fitted weights; its rules were written
 *      while looking at the corpus, and any figure on a set used during development is in-sample.
 *
 * Usage: npm run build && npx tsx scripts/behavioural-report.ts [--set FILE] [--json]
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
const setArg = args.indexOf('--set');
const setFile = setArg >= 0 ? args[setArg + 1] : path.join(projectRoot, 'data', 'eval', 'behavioural.json');
const asJson = args.includes('--json');

const LabelledSetSchema = z.array(
  z.object({
    id: z.string(),
    /** Set for a corpus question: graded through its record, exactly as POST /api/feedback with questionId. */
    questionId: z.string().optional(),
    question: z.string(),
    reference: z.string().optional(),
    scale: z.tuple([z.number(), z.number()]),
    answers: z.array(z.object({ text: z.string(), gold: z.number() }).loose()),
  }).loose(),
);
const FeedbackSchema = z.object({ overall: z.number(), rubric: z.string(), questionType: z.string().optional(), questionId: z.string().nullable() });
const ListSchema = z.object({ items: z.array(z.object({ id: z.string(), text: z.string(), type: z.string() })) });
const RecordSchema = z.object({ answers: z.array(z.string()) });
const ParaphrasesSchema = z.record(z.string(), z.string());

// --- statistics --------------------------------------------------------------------------------------

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Ranks from 1, ties sharing their mean rank. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length).fill(0);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end += 1;
    for (let k = start; k <= end; k += 1) result[order[k]?.index ?? 0] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return result;
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((sum, value) => sum + value, 0) / n;
  const my = y.reduce((sum, value) => sum + value, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}

const spearman = (x: readonly number[], y: readonly number[]): number => pearson(ranks(x), ranks(y));

// --- baselines (same tokenisation for both) ----------------------------------------------------------

const STOP = new Set(
  'a an the and or but if of to in on at for with by from as is are was were be been being it its this that these those i me my we our you your he she they them their not no so than then there here what which who how why when where do does did have has had can could would should will just also very about into over under more most such'.split(
    ' ',
  ),
);
const tokens = (text: string): string[] => (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((token) => token.length > 1 && !STOP.has(token));

function tfidfCosine(answer: string, reference: string, documentFrequency: ReadonlyMap<string, number>, documents: number): number {
  const vector = (text: string) => {
    const counts = new Map<string, number>();
    for (const token of tokens(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
    return new Map([...counts].map(([token, count]) => [token, count * Math.log((1 + documents) / (1 + (documentFrequency.get(token) ?? 0)))]));
  };
  const a = vector(answer);
  const b = vector(reference);
  let dot = 0;
  for (const [token, weight] of a) dot += weight * (b.get(token) ?? 0);
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((sum, weight) => sum + weight * weight, 0));
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}

function overlapRecall(answer: string, reference: string): number {
  const said = new Set(tokens(answer));
  const wanted = [...new Set(tokens(reference))];
  return wanted.length === 0 ? 0 : wanted.filter((token) => said.has(token)).length / wanted.length;
}

// --- the run -----------------------------------------------------------------------------------------

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

  let labelled: Record<string, unknown> | null = null;
  if (setFile !== undefined && fs.existsSync(setFile)) {
    const set = LabelledSetSchema.parse(JSON.parse(fs.readFileSync(setFile, 'utf8')));
    const items = set.flatMap((entry) => entry.answers.map((answer) => ({ entry, answer })));
    const documentFrequency = new Map<string, number>();
    const documents = [...set.map((entry) => entry.reference ?? ''), ...items.map((item) => item.answer.text)];
    for (const document of documents) for (const token of new Set(tokens(document))) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
    const gold: number[] = [];
    const grader: number[] = [];
    const tfidf: number[] = [];
    const overlap: number[] = [];
    const perType = new Map<string, { gold: number[]; grader: number[] }>();
    for (const { entry, answer } of items) {
      const feedback = await grade(
        entry.questionId === undefined ? { question: entry.question, answer: answer.text } : { questionId: entry.questionId, answer: answer.text },
      );
      const [low, high] = entry.scale;
      const normalisedGold = (answer.gold - low) / (high - low);
      gold.push(normalisedGold);
      grader.push(feedback.overall);
      tfidf.push(tfidfCosine(answer.text, entry.reference ?? '', documentFrequency, documents.length));
      overlap.push(overlapRecall(answer.text, entry.reference ?? ''));
      const type = feedback.questionType ?? feedback.rubric;
      const group = perType.get(type) ?? { gold: [], grader: [] };
      group.gold.push(normalisedGold);
      group.grader.push(feedback.overall);
      perType.set(type, group);
    }
    labelled = {
      file: path.relative(process.cwd(), setFile),
      questions: set.length,
      answers: items.length,
      grader: { spearman: spearman(grader, gold), pearson: pearson(grader, gold) },
      tfidfCosine: { spearman: spearman(tfidf, gold), pearson: pearson(tfidf, gold) },
      wordOverlapRecall: { spearman: spearman(overlap, gold), pearson: pearson(overlap, gold) },
      byType: Object.fromEntries([...perType].map(([type, group]) => [type, { answers: group.gold.length, spearman: spearman(group.grader, group.gold) }])),
    };
  }

  if (asJson) {
    process.stdout.write(`${JSON.stringify({ ...summary, labelled })}\n`);
  } else {
    const pct = (count: number, total: number) => `${count}/${total} (${((100 * count) / total).toFixed(0)}%)`;
    const fixed = (value: unknown) => (typeof value === 'number' ? value.toFixed(3) : String(value));
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
    if (labelled === null) {
      console.log(`Labelled set: ${setFile ?? '(none)'} not found; pass --set FILE.`);
    } else {
      const l = labelled;
      console.log(`Labelled set ${String(l.file)}: ${String(l.questions)} questions, ${String(l.answers)} answers (development data: in-sample)`);
      for (const name of ['grader', 'tfidfCosine', 'wordOverlapRecall'] as const) {
        const figures = z.object({ spearman: z.number(), pearson: z.number() }).parse(l[name]);
        console.log(`  ${name.padEnd(18)} Spearman ${fixed(figures.spearman)}  Pearson ${fixed(figures.pearson)}`);
      }
      for (const [type, figures] of Object.entries(z.record(z.string(), z.object({ answers: z.number(), spearman: z.number() })).parse(l.byType))) {
        console.log(`    ${type.padEnd(18)} ${String(figures.answers).padStart(3)} answers  Spearman ${fixed(figures.spearman)}`);
      }
    }
  }
} finally {
  await app.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
