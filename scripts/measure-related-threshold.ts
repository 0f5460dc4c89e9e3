/**
 * Measures the relatedness threshold of src/corpus/related-questions.ts against the team's judgements
 * (data/related-question-judgements.json) and prints the figures that src/corpus/README.md quotes: for
 * the scorer in use and, from the same run, for its question-only and answer-only halves. The last line
 * is one JSON object. `--errors` also lists the answers lent at the chosen threshold that the
 * judgements call unrelated, for reviewing them. Run with `npm run measure:related`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config.js';
import { CorpusFile, readCorpus } from '../src/corpus/parse-corpus.js';
import {
  lentAt,
  measureRelatedThreshold,
  RelatedJudgementsSchema,
  Scorers,
  scoreQueries,
  type ThresholdFigures,
} from '../src/corpus/related-measurement.js';
import { RELATED_THRESHOLD } from '../src/corpus/related-questions.js';

const corpusDir = path.join(projectRoot, 'data', 'corpus');
const records = readCorpus(corpusDir).questions;
const judgementsFile = path.join(projectRoot, 'data', 'related-question-judgements.json');
const judgements = RelatedJudgementsSchema.parse(JSON.parse(readFileSync(judgementsFile, 'utf8')));
const guideText = readFileSync(path.join(corpusDir, CorpusFile.guide), 'utf8');

const scored = scoreQueries(records, judgements, guideText);
const measurements = {
  used: measureRelatedThreshold(scored, Scorers.used),
  questionOnly: measureRelatedThreshold(scored, Scorers.questionOnly),
  answerOnly: measureRelatedThreshold(scored, Scorers.answerOnly),
};

const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(6);
const row = (label: string, figures: ThresholdFigures) =>
  `${label.padEnd(56)} ${figures.threshold.toFixed(2).padStart(5)} ${String(figures.queries).padStart(7)} ${String(figures.lent).padStart(5)} ${percent(figures.precision)}    ${percent(figures.recall)}   ${percent(figures.falseLendRate)}`;

console.log(`${'scorer / queries'.padEnd(56)} ${'t'.padStart(5)} ${'queries'.padStart(7)} ${'lent'.padStart(5)} precision  recall  false lend`);
for (const [name, measurement] of Object.entries(measurements)) {
  console.log(row(`${name}: held out (t chosen without the chapter)`, measurement.heldOut));
  console.log(row(`${name}: all queries, in-sample`, measurement.all));
}
const used = measurements.used;
console.log(row('used: corpus questions, own left out', used.byKind.corpus));
console.log(row('used: written paraphrases', used.byKind.paraphrase));
console.log(row('used: written other questions', used.byKind.written));
console.log(row('no threshold (best three lent, as before)', used.noThreshold));
if (used.threshold !== RELATED_THRESHOLD) {
  console.log(`RELATED_THRESHOLD is ${RELATED_THRESHOLD}, but the measurement chooses ${used.threshold}: update it.`);
}

if (process.argv.includes('--errors')) {
  for (const { query, candidates } of scored) {
    for (const candidate of lentAt(candidates, used.threshold)) {
      if (!candidate.related) console.log(`  unrelated: "${query.text}" → "${candidate.text}" (${Scorers.used(candidate).toFixed(2)})`);
    }
  }
}
console.log(JSON.stringify({ configured: RELATED_THRESHOLD, ...measurements }));
