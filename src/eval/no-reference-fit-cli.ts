/**
 * `npm run fit:no-reference [-- --data FILE…] [--ridge λ]`: fits the weights the offline technical grader uses for a
 * question with no reference at all (data/grader/no-reference-model.json), on labelled sets graded as if their
 * questions had none; by default every set directly in data/eval (never a held-out one). Deterministic: the same
 * sets and corpus give the same file.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { TERM_IDF_VERSION } from '../grading/offline/term-weights.js';
import { parseArguments } from './arguments.js';
import { gradeSets } from './fit.js';
import { createEvalContext } from './harness.js';
import { fitNoReferenceModel, NO_REFERENCE_RIDGE } from './no-reference-fit.js';

const MODEL_FILE = path.join(projectRoot, 'data', 'grader', 'no-reference-model.json');

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2), { ridge: true }, 'fit');
  const context = createEvalContext(undefined, { withoutReference: true });
  try {
    const graded = await gradeSets(context, options.sets);
    const model = fitNoReferenceModel(graded, options.sets, { ridge: options.ridge ?? NO_REFERENCE_RIDGE, idfVersion: TERM_IDF_VERSION });
    writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
    const lines = [
      `no-reference weights ${model.version} (ridge ${model.ridge}, term weights ${model.idfVersion}; stretch ${model.stretch}) → ${path.relative(projectRoot, MODEL_FILE)}`,
      ...model.trainedOn.map((set) => `  fitted on ${set.name}: ${set.questions} questions, ${set.answers} answers`),
      ...model.features.map((name, index) => `    ${name.padEnd(17)} ${(model.weights[index] ?? 0).toFixed(4)}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    context.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fit:no-reference: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
