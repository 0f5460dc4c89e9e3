import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { parseArguments } from './arguments.js';
import { createEvalContext, type EvalContext } from './harness.js';
import type { LabelledSet } from './labelled-set.js';
import type { Sample } from './ridge.js';

/** A weak regression is not stretched into a confident one. */
const MAX_STRETCH = 2.5;

/** Six decimals: the weights files stay readable and a refit on the same data writes the same bytes. */
export const round = (value: number): number => Math.round(value * 1e6) / 1e6;

/** The factor that restores the spread of the training grades to the predictions, at most MAX_STRETCH. */
export function stretch(gradeSpread: number, predictedSpread: number): number {
  return round(predictedSpread === 0 ? 1 : Math.min(MAX_STRETCH, gradeSpread / predictedSpread));
}

/**
 * One regression sample per answer, in answer order, fitted to its target and weighted so that each set weighs the
 * same in total whatever its size (1,374 UNT answers must not drown the project's own set); the weights sum to the
 * number of answers.
 */
export function perSetSamples<Answer extends { readonly set: string; readonly target: number }>(
  answers: readonly Answer[],
  inputs: (answer: Answer) => number[],
): (Sample & { readonly set: string })[] {
  const perSet = new Map<string, number>();
  for (const answer of answers) perSet.set(answer.set, (perSet.get(answer.set) ?? 0) + 1);
  return answers.map((answer) => ({
    x: inputs(answer),
    y: answer.target,
    weight: answers.length / perSet.size / (perSet.get(answer.set) ?? 1),
    set: answer.set,
  }));
}

/** A fitted model as its file holds it: `version` (`prefix-` and a hash of the body, so other weights get another), `about`, the body. */
export function versioned<Body extends object>(prefix: string, about: string, body: Body): { version: string; about: string } & Body {
  return { version: `${prefix}-${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12)}`, about, ...body };
}

export interface TrainingSet {
  readonly name: string;
  readonly sha256: string;
}

export interface TrainedOn {
  readonly name: string;
  readonly sha256: string;
  readonly questions: number;
  readonly answers: number;
}

/** The `trainedOn` entries of a weights file: the sets that gave answers to the fit, in the order given. */
export function trainedOn(sets: readonly TrainingSet[], answers: readonly { readonly set: string; readonly item: number }[]): TrainedOn[] {
  const names = new Set(answers.map((answer) => answer.set));
  return sets
    .filter((set) => names.has(set.name))
    .map((set) => {
      const ofSet = answers.filter((answer) => answer.set === set.name);
      return { name: set.name, sha256: set.sha256, questions: new Set(ofSet.map((answer) => answer.item)).size, answers: ofSet.length };
    });
}

/** As `trainedOn`, each entry with the share of the fit its set had under `perSetSamples`. */
export function trainedOnPerSet(sets: readonly TrainingSet[], answers: readonly { readonly set: string; readonly item: number }[]): (TrainedOn & { weight: number })[] {
  const weight = round(1 / new Set(answers.map((answer) => answer.set)).size);
  return trainedOn(sets, answers).map((entry) => ({ ...entry, weight }));
}

/** The printed table of a regression's weights, one feature a line. */
export function weightLines(features: readonly string[], weights: readonly number[], width: number): string[] {
  return features.map((name, index) => `    ${name.padEnd(width)} ${(weights[index] ?? 0).toFixed(4)}`);
}

/** One fit command (`npm run fit:…`): what it fits and how it prints the result. */
export interface FitCommand<Model extends { readonly trainedOn: readonly TrainedOn[] }> {
  /** The npm script, for error messages. */
  readonly name: string;
  /** The weights file it rewrites; its `trainedOn` names the sets a fit reads by default. */
  readonly weightsFile: string;
  /** Grade as if no question had a reference (the no-reference model). */
  readonly withoutReference?: boolean;
  readonly fit: (context: EvalContext, sets: readonly LabelledSet[], ridge: number | undefined) => Promise<Model>;
  /** What was fitted, before the arrow to the file: "technical weights tm-… (ridge …)". */
  readonly title: (model: Model) => string;
  /** The weights, after the sets it was fitted on. */
  readonly weights: (model: Model) => string[];
}

/**
 * Runs a fit command: reads the sets (`--data FILE…`, or by default those of data/eval and those the shipped weights
 * were fitted on; `--benchmarks DIR`, `--ridge λ`), fits, writes the weights file and prints what it fitted. Any
 * error ends the process with status 1, its message prefixed with the command's name.
 */
export function runFitCommand<Model extends { readonly trainedOn: readonly TrainedOn[] }>(command: FitCommand<Model>): void {
  const main = async (): Promise<void> => {
    const options = parseArguments(process.argv.slice(2), { ridge: true, benchmarks: true }, { refits: command.weightsFile });
    const context = createEvalContext(undefined, { withoutReference: command.withoutReference === true });
    try {
      const model = await command.fit(context, options.sets, options.ridge);
      writeFileSync(command.weightsFile, `${JSON.stringify(model, null, 2)}\n`);
      const lines = [
        `${command.title(model)} → ${path.relative(projectRoot, command.weightsFile)}`,
        ...model.trainedOn.map((set) => `  fitted on ${set.name}: ${set.questions} questions, ${set.answers} answers`),
        ...command.weights(model),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      context.close();
    }
  };
  main().catch((error: unknown) => {
    process.stderr.write(`${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
