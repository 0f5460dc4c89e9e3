/**
 * `npm run prompts:examples`: chooses the graded examples of each rubric from data/eval by the rule in
 * src/grading/llm/graded-examples.ts and writes them as prompts/examples-<rubric>.v<N>.md. A file whose
 * examples are unchanged is left alone; changed examples get a new version, which a reviewed change pins
 * in src/grading/llm/grading-prompt.ts (stored feedback records the version it was graded with).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config.js';
import { createCorpusRepository } from '../src/corpus/corpus-repository.js';
import { createCorpusService } from '../src/corpus/corpus-service.js';
import { loadCorpus } from '../src/corpus/corpus-loader.js';
import { readLabelledSets, renderGradedExamples, rubricAssigner, selectGradedExamples } from '../src/grading/llm/graded-examples.js';
import { openDb } from '../src/store/db.js';

const promptsDir = path.join(projectRoot, 'prompts');
const db = openDb(':memory:');
const repository = createCorpusRepository(db);
loadCorpus(db, repository, path.join(projectRoot, 'data', 'corpus'), new Date(0));
const examples = selectGradedExamples(readLabelledSets(path.join(projectRoot, 'data', 'eval')), rubricAssigner(createCorpusService(repository)));
db.close();

for (const [rubric, chosen] of examples) {
  const text = `${renderGradedExamples(rubric, chosen)}\n`;
  const versions = readdirSync(promptsDir)
    .map((file) => new RegExp(`^examples-${rubric}\\.v(\\d+)\\.md$`).exec(file)?.[1])
    .filter((version) => version !== undefined)
    .map(Number);
  const latest = versions.length === 0 ? 0 : Math.max(...versions);
  const latestFile = path.join(promptsDir, `examples-${rubric}.v${latest}.md`);
  if (latest > 0 && existsSync(latestFile) && readFileSync(latestFile, 'utf8') === text) {
    console.log(`examples-${rubric}.v${latest}: unchanged`);
    continue;
  }
  const id = `examples-${rubric}.v${latest + 1}`;
  writeFileSync(path.join(promptsDir, `${id}.md`), text);
  console.log(`${id}: written (${chosen.map((example) => `${example.set}#${example.itemId}, gold ${example.gold}`).join('; ')}); pin it in src/grading/llm/grading-prompt.ts`);
}
