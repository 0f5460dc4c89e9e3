/**
 * `npm run fit:behavioural [-- --data FILE…] [--benchmarks DIR] [--ridge λ]`: fits the behavioural graders'
 * calibration (data/grader/behavioural-model.json) on the behavioural answers of labelled sets, by default the sets the
 * shipped calibration was fitted on (`refitSetFiles`; every set directly in data/eval for a first fit; never a held-out set of
 * data/eval/holdout/, refused even when named). Deterministic: the same sets and corpus give the same file.
 */
import path from 'node:path';
import { projectRoot } from '../config.js';
import { BEHAVIOURAL_RIDGE, fitBehaviouralModel, measureBehaviouralSets } from './behavioural-fit.js';
import { runFitCommand, weightLines } from './fit-common.js';

runFitCommand({
  name: 'fit:behavioural',
  weightsFile: path.join(projectRoot, 'data', 'grader', 'behavioural-model.json'),
  fit: async (context, sets, ridge) => fitBehaviouralModel(await measureBehaviouralSets(context, sets), sets, ridge ?? BEHAVIOURAL_RIDGE),
  title: (model) => `behavioural weights ${model.version} (ridge ${model.ridge}, stretch ${model.stretch})`,
  weights: (model) => weightLines(model.features, model.weights, 17),
});
