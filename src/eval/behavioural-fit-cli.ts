/**
 * `npm run fit:behavioural [-- --data FILE…] [--ridge λ]`: fits the behavioural graders' calibration
 * (data/grader/behavioural-model.json) on the behavioural answers of labelled sets, by default every set
 * directly in data/eval (never a held-out set of data/eval/holdout/, refused even when named). Deterministic: the same sets and corpus give the same file.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { parseArguments } from './arguments.js';
import { BEHAVIOURAL_RIDGE, fitBehaviouralModel, measureBehaviouralSets } from './behavioural-fit.js';
import { createEvalContext } from './harness.js';

const MODEL_FILE = path.join(projectRoot, 'data', 'grader', 'behavioural-model.json');

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2), { ridge: true }, 'fit');
  const context = createEvalContext();
  try {
    const measured = await measureBehaviouralSets(context, options.sets);
    const model = fitBehaviouralModel(measured, options.sets, options.ridge ?? BEHAVIOURAL_RIDGE);
    writeFileSync(MODEL_FILE, `${JSON.stringify(model, null, 2)}\n`);
    const lines = [
      `behavioural weights ${model.version} (ridge ${model.ridge}, stretch ${model.stretch}) → ${path.relative(projectRoot, MODEL_FILE)}`,
      ...model.trainedOn.map((set) => `  fitted on ${set.name}: ${set.questions} questions, ${set.answers} answers`),
      ...model.features.map((name, index) => `    ${name.padEnd(17)} ${(model.weights[index] ?? 0).toFixed(4)}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    context.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fit:behavioural: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
