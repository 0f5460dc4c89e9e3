/**
 * `npm run fit:grader [-- --data FILE…] [--ridge λ]`: fits the offline technical grader's weights
 * (data/grader/technical-model.json) on labelled sets, by default every set directly in data/eval (never
 * a held-out set of data/eval/holdout/, which it refuses even when named). Run after the
 * term weights (idf-cli.ts; `npm run fit:grader` runs both). Deterministic: the same sets and corpus
 * give the same file.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { TERM_IDF_VERSION } from '../grading/offline/term-weights.js';
import { parseArguments } from './arguments.js';
import { DEFAULT_RIDGE, fitTechnicalModel, gradeSets } from './fit.js';
import { createEvalContext } from './harness.js';

const MODEL_FILE = path.join(projectRoot, 'data', 'grader', 'technical-model.json');

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2), { ridge: true }, 'fit');
  const context = createEvalContext();
  try {
    const graded = await gradeSets(context, options.sets);
    const model = fitTechnicalModel(graded, options.sets, { ridge: options.ridge ?? DEFAULT_RIDGE, idfVersion: TERM_IDF_VERSION });
    writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
    const lines = [
      `technical weights ${model.version} (ridge ${model.ridge}, term weights ${model.idfVersion}) → ${path.relative(projectRoot, MODEL_FILE)}`,
      ...model.trainedOn.map((set) => `  fitted on ${set.name}: ${set.questions} questions, ${set.answers} answers`),
      ...model.regressions.flatMap((regression) => [
        `  regression for references of ${regression.maxReferenceWords === null ? 'any length' : `at most ${regression.maxReferenceWords} words`} (${regression.answers} answers; stretch ${regression.stretch}):`,
        ...regression.features.map((name, index) => `    ${name.padEnd(15)} ${(regression.weights[index] ?? 0).toFixed(4)}`),
      ]),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    context.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fit:grader: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
