/**
 * `npm run fit:grader`, step 1: the corpus term weights (data/grader/term-idf.json). A separate process
 * from the fit (fit-cli.ts), because the grader reads the table when it is first imported.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { createEvalContext } from './harness.js';
import { corpusTermIdf } from './term-idf.js';

const context = createEvalContext();
try {
  const table = corpusTermIdf(context.corpus);
  const file = path.join(projectRoot, 'data', 'grader', 'term-idf.json');
  writeFileSync(file, `${JSON.stringify(table, null, 0)}\n`);
  process.stdout.write(`term weights ${table.version}: ${Object.keys(table.idf).length} terms over ${table.documents} corpus questions → ${path.relative(projectRoot, file)}\n`);
} finally {
  context.close();
}
