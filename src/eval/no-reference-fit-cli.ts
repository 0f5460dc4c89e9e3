/**
 * `npm run fit:no-reference [-- --data FILE…] [--benchmarks DIR] [--ridge λ]`: fits the weights the offline technical
 * grader uses for a question with no reference at all (data/grader/no-reference-model.json), on labelled sets graded
 * as if their questions had none; by default the sets the shipped weights were fitted on (`refitSetFiles`), never a
 * held-out one. Deterministic: the same sets and corpus give the
 * same file.
 */
import path from 'node:path';
import { projectRoot } from '../config.js';
import { TERM_IDF_VERSION } from '../grading/offline/term-weights.js';
import { runFitCommand, weightLines } from './fit-common.js';
import { gradeSets } from './fit.js';
import { fitNoReferenceModel, NO_REFERENCE_RIDGE } from './no-reference-fit.js';

runFitCommand({
  name: 'fit:no-reference',
  weightsFile: path.join(projectRoot, 'data', 'grader', 'no-reference-model.json'),
  withoutReference: true,
  fit: async (context, sets, ridge) =>
    fitNoReferenceModel(await gradeSets(context, sets), sets, { ridge: ridge ?? NO_REFERENCE_RIDGE, idfVersion: TERM_IDF_VERSION }),
  title: (model) => `no-reference weights ${model.version} (ridge ${model.ridge}, term weights ${model.idfVersion}; stretch ${model.stretch})`,
  weights: (model) => weightLines(model.features, model.weights, 17),
});
