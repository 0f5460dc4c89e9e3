/**
 * `npx tsx scripts/loosen-misconceptions.ts [--dry-run] [CORRECT.json…]`: marks each pattern of the bank to be read with
 * gaps (a leading "~", misconceptions.ts `spansOf`) where that reading fires on no correct text the pattern as written
 * does not fire on, and unmarks it where it does. The correct texts: every entry's `right` sentences and every model
 * answer of the corpus (as the bank's audit reads them), and, on a question the entry applies to, every correct answer of test/fixtures/misconception-answers/ (the reviewers'
 * and the out-of-sample candidates'), and those of the files given, as `[{ questionId, answer, correct? }]` or
 * `[[questionId, answer], …]` (all correct). Each pattern is checked alone, so a gap reading is adopted pattern by
 * pattern, and re-running it after an edit or with more correct answers checks every mark again. Prints what it marked;
 * `scripts/check-misconceptions.ts` and the bank's tests after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config.js';
import { readCorpus } from '../src/corpus/parse-corpus.js';
import { readAnswer } from '../src/grading/offline/answer-text.js';
import { MisconceptionFileSchema } from '../src/grading/offline/misconception-bank.js';
import { compileMisconception, findMisconceptions, LOOSE, misconceptionsFor, type CompiledMisconception } from '../src/grading/offline/misconceptions.js';
import type { SentenceInfo } from '../src/grading/offline/nlp.js';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const extraFiles = args.filter((arg) => arg !== '--dry-run');
const directory = path.join(projectRoot, 'data', 'misconceptions');
const fixtures = path.join(projectRoot, 'test', 'fixtures', 'misconception-answers');

const files = fs
  .readdirSync(directory)
  .filter((name) => name.endsWith('.json'))
  .map((name) => {
    const file = path.join(directory, name);
    return { file, parsed: MisconceptionFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))) };
  });
const entries = files.flatMap(({ parsed }) => parsed.entries);
const compiled = entries.map(compileMisconception);

const questions = readCorpus(path.join(projectRoot, 'data', 'corpus')).questions;
const byId = new Map(questions.map((question) => [question.id, question]));

/** A correct text, read once, with the ids of the entries that apply to it (undefined: every entry, as for a model answer). */
interface CorrectText {
  readonly sentences: readonly SentenceInfo[];
  readonly applies: ReadonlySet<string> | undefined;
}
const texts: CorrectText[] = [];
const appliesTo = new Map<string, ReadonlySet<string>>();
function applicable(questionId: string): ReadonlySet<string> | undefined {
  const question = byId.get(questionId);
  if (!question) return undefined;
  let ids = appliesTo.get(questionId);
  if (!ids) appliesTo.set(questionId, (ids = new Set(misconceptionsFor(question.text, question.answers.join('\n'), compiled).map(({ entry }) => entry.id))));
  return ids;
}
const addAnswer = (questionId: string, answer: string) => {
  const applies = applicable(questionId);
  if (applies && applies.size > 0) texts.push({ sentences: readAnswer(answer).sentences, applies });
};

// As the bank's audit reads them (src/eval/misconception-audit.ts): a right sentence and a model answer are right
// whatever entry reads them.
for (const entry of entries) for (const sentence of entry.right) texts.push({ sentences: readAnswer(sentence).sentences, applies: undefined });
for (const question of questions) for (const answer of question.answers) texts.push({ sentences: readAnswer(answer).sentences, applies: undefined });
const answerFiles = [
  ...fs.readdirSync(fixtures).map((name) => path.join(fixtures, name)),
  ...fs.readdirSync(path.join(fixtures, 'out-of-sample')).map((name) => path.join(fixtures, 'out-of-sample', name)),
].filter((file) => file.endsWith('.json'));
for (const file of [...answerFiles, ...extraFiles]) {
  const answers = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[];
  for (const item of answers) {
    if (Array.isArray(item)) addAnswer(String(item[0]), String(item[1]));
    else {
      const { questionId, answer, correct } = item as { questionId: string; answer: string; correct?: boolean };
      if (correct !== false) addAnswer(questionId, answer);
    }
  }
}

/** Every pattern of every entry alone, as written and read with gaps, named by its entry and place. */
interface Unit {
  readonly entry: string;
  readonly asWritten: CompiledMisconception;
  readonly withGaps: CompiledMisconception;
}
const units = new Map<string, Unit>();
for (const entry of entries) {
  entry.says.forEach((written, index) => {
    const strict = written[0] === LOOSE ? written.slice(1) : written;
    const id = `${entry.id}-pattern-${index}`;
    units.set(id, {
      entry: entry.id,
      asWritten: compileMisconception({ ...entry, id, says: [strict] }),
      withGaps: compileMisconception({ ...entry, id, says: [[LOOSE, ...strict]] }),
    });
  });
}

/*
 * The patterns read with gaps that fire on a correct text where they do not as written. An answer names one entry per
 * sentence, so each text is read again without the patterns found until none is.
 */
const unsafe = new Set<string>();
const everyUnit = [...units.values()].map(({ withGaps }) => withGaps);
const byQuestion = new Map<ReadonlySet<string>, CompiledMisconception[]>();
for (const { sentences, applies } of texts) {
  let list = applies === undefined ? everyUnit : byQuestion.get(applies);
  if (!list && applies) byQuestion.set(applies, (list = [...units.values()].filter(({ entry }) => applies.has(entry)).map(({ withGaps }) => withGaps)));
  for (let found = findMisconceptions(sentences, list as CompiledMisconception[]); found.length > 0; ) {
    const ids = new Set(found.map(({ entry }) => entry.id));
    for (const id of ids) if (findMisconceptions(sentences, [(units.get(id) as Unit).asWritten]).length === 0) unsafe.add(id);
    list = (list as CompiledMisconception[]).filter(({ entry }) => !ids.has(entry.id));
    found = findMisconceptions(sentences, list);
  }
}

let marked = 0;
let unmarked = 0;
for (const { file, parsed } of files) {
  const loosened = parsed.entries.map((entry) => ({
    ...entry,
    says: entry.says.map((written, index) => {
      const strict = written[0] === LOOSE ? written.slice(1) : written;
      const safe = !unsafe.has(`${entry.id}-pattern-${index}`);
      if (safe && written[0] !== LOOSE) marked += 1;
      if (!safe && written[0] === LOOSE) unmarked += 1;
      return safe ? [LOOSE, ...strict] : strict;
    }),
  }));
  if (!dryRun) fs.writeFileSync(file, `${JSON.stringify(MisconceptionFileSchema.parse({ ...parsed, entries: loosened }), null, 2)}\n`);
}
process.stdout.write(`${texts.length} correct texts; ${units.size} patterns: ${marked} marked "~", ${unmarked} unmarked${dryRun ? ' (dry run: nothing written)' : ''}\n`);
