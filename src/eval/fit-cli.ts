/**
 * `npm run fit:grader [-- --data FILE…] [--benchmarks DIR] [--ridge λ]`: fits the offline technical grader's weights
 * (data/grader/technical-model.json) on labelled sets, by default the sets the shipped weights were fitted on
 * (`refitSetFiles`: the ML set and UNT's split, read from `--benchmarks`, ../shared/benchmarks unless given); never a
 * held-out set of data/eval/holdout/, which it refuses even when named. Run after the term weights (idf-cli.ts;
 * `npm run fit:grader` runs both). Deterministic: the same sets and corpus give the same file.
 */
import path from 'node:path';
import { projectRoot } from '../config.js';
import { TERM_IDF_VERSION } from '../grading/offline/term-weights.js';
import { runFitCommand, weightLines } from './fit-common.js';
import { DEFAULT_RIDGE, fitTechnicalModel, gradeSets } from './fit.js';

runFitCommand({
  name: 'fit:grader',
  weightsFile: path.join(projectRoot, 'data', 'grader', 'technical-model.json'),
  fit: async (context, sets, ridge) => fitTechnicalModel(await gradeSets(context, sets), sets, { ridge: ridge ?? DEFAULT_RIDGE, idfVersion: TERM_IDF_VERSION }),
  title: (model) => `technical weights ${model.version} (ridge ${model.ridge}, term weights ${model.idfVersion})`,
  weights: (model) =>
    model.regressions.flatMap((regression) => [
      `  regression for references of ${regression.maxReferenceWords === null ? 'any length' : `at most ${regression.maxReferenceWords} words`} (${regression.answers} answers; stretch ${regression.stretch}; low estimate ${regression.lowEstimate}):`,
      ...weightLines([...regression.features, ...(regression.hinges ?? []).map(({ feature, knot }) => `${feature} > ${knot}`)], regression.weights, 26),
    ]),
});
