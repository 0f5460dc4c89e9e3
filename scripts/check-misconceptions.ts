/**
 * `npx tsx scripts/check-misconceptions.ts [FILE…]`: checks misconception files (default: every file of
 * data/misconceptions) as the bank's test does (src/eval/misconception-audit.ts), and lists the corpus technical
 * questions of the topics the files touch that no entry applies to. Exit code 1 when a check fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../src/config.js';
import { readCorpus } from '../src/corpus/parse-corpus.js';
import { auditMisconceptions } from '../src/eval/misconception-audit.js';
import { MisconceptionFileSchema, type Misconception } from '../src/grading/offline/misconception-bank.js';
import { compileMisconception, misconceptionsFor } from '../src/grading/offline/misconceptions.js';

const directory = path.join(projectRoot, 'data', 'misconceptions');
const files = process.argv.slice(2);
const paths = files.length > 0 ? files : fs.readdirSync(directory).filter((name) => name.endsWith('.json')).map((name) => path.join(directory, name));

let failed = false;
const entries: Misconception[] = [];
for (const file of paths) {
  const parsed = MisconceptionFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    failed = true;
    process.stdout.write(`${file}: invalid\n${z.prettifyError(parsed.error)}\n`);
    continue;
  }
  entries.push(...parsed.data.entries);
}
const ids = new Set<string>();
for (const { id } of entries) {
  if (ids.has(id)) {
    failed = true;
    process.stdout.write(`${id}: id used twice\n`);
  }
  ids.add(id);
}

const questions = readCorpus(path.join(projectRoot, 'data', 'corpus')).questions.filter((question) => question.type === 'technical');
const audit = auditMisconceptions(entries, questions);
for (const { id, problem } of audit.problems) process.stdout.write(`${id}: ${problem}\n`);
if (audit.problems.length > 0) failed = true;

const compiled = entries.map(compileMisconception);
const touched = new Set(questions.filter((question) => misconceptionsFor(question.text, question.answers.join('\n'), compiled).length > 0).map((question) => question.topic));
const total = (topic: string) => questions.filter((question) => question.topic === topic).length;
for (const topic of [...touched].sort()) {
  const missing = audit.uncovered.get(topic) ?? [];
  process.stdout.write(`\n${topic}: ${total(topic) - missing.length} of ${total(topic)} questions have an entry\n`);
  for (const question of missing) process.stdout.write(`  no entry: ${question.id} ${question.text}\n`);
}
process.stdout.write(`\n${entries.length} entries, ${audit.problems.length} problems\n`);
process.exit(failed ? 1 : 0);
