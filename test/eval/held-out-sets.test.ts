import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { DEFAULT_HOLDOUT_DIR, defaultSetFiles, parseArguments, UsageError } from '../../src/eval/arguments.js';
import { evaluate, foldTrainingSets } from '../../src/eval/evaluate.js';
import { createEvalContext, type EvalContext } from '../../src/eval/harness.js';
import { loadLabelledSet } from '../../src/eval/labelled-set.js';
import { formatReport } from '../../src/eval/report.js';
import { TINY_SET_FILE as TINY, tinySet as tiny } from '../helpers/eval-sets.js';

// Held-out sets (data/eval/holdout/, data/eval/README.md) are measured by `npm run eval` and seen by nothing that
// fits or tunes: not the fits' default sets, not a fit even when named, not the training data of a fold refit.

// Fitted on data/eval's behavioural set alone, so its refit's default sets are data/eval's.
const REFIT = { refits: path.join(projectRoot, 'data', 'grader', 'behavioural-model.json') };

let context: EvalContext;
let dir: string;
let heldOutTiny: string;
beforeAll(() => {
  context = createEvalContext();
  dir = mkdtempSync(path.join(os.tmpdir(), 'held-out-'));
  mkdirSync(path.join(dir, 'holdout'));
  heldOutTiny = path.join(dir, 'holdout', 'tiny-set.json');
  copyFileSync(TINY, heldOutTiny);
});
afterAll(() => {
  context.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the sets that train the fold refits', () => {
  it('are those the shipped weights were fitted on, not a development set they were not, unless --cv asks for every set', () => {
    const heldOut = loadLabelledSet(heldOutTiny);
    const fitted = { ...tiny, name: 'fitted-set', sha256: 'fitted' };
    const unfitted = { ...tiny, name: 'unfitted-set', sha256: 'unfitted' };
    const trainedOn = new Set(['fitted', heldOut.sha256]);
    expect([...foldTrainingSets([fitted, unfitted, heldOut], trainedOn, false)]).toEqual(['fitted-set']);
    expect([...foldTrainingSets([fitted, unfitted, heldOut], trainedOn, true)]).toEqual(['fitted-set', 'unfitted-set']);
  });
});

describe('held-out labelled sets', () => {
  it('are in the default evaluation beside the development sets, and marked held out', () => {
    const held = defaultSetFiles(DEFAULT_HOLDOUT_DIR);
    expect(held.map((file) => path.basename(file))).toContain('technical-shapes.json');
    const { sets } = parseArguments([]);
    expect(sets.filter((set) => set.heldOut).map((set) => set.name)).toEqual(held.map((file) => `holdout/${path.basename(file, '.json')}`));
    expect(sets.filter((set) => !set.heldOut).map((set) => set.name)).toEqual(['behavioural', 'technical-code', 'technical-ml']);
  });

  it('are left out of a fit by default and refused when named', () => {
    const { sets } = parseArguments([], { ridge: true }, REFIT);
    expect(sets.map((set) => set.name)).toEqual(['behavioural']);
    expect(sets.some((set) => set.heldOut)).toBe(false);
    const named = path.join(DEFAULT_HOLDOUT_DIR, 'technical-shapes.json');
    expect(() => parseArguments(['--data', TINY, named], { ridge: true }, REFIT)).toThrow(UsageError);
    expect(() => parseArguments(['--data', named], { ridge: true }, REFIT)).toThrow(/held-out set .* never fitted on/);
  });

  it('are graded with the shipped weights, never cross-validated, and never train a fold of another set', async () => {
    const heldOut = loadLabelledSet(heldOutTiny);
    expect(heldOut).toMatchObject({ name: 'holdout/tiny-set', heldOut: true });
    const alone = await evaluate(context, { sets: [tiny], folds: 3 });
    // The held-out copy holds the very answers of the tiny set's folds: were it in the refits' training data,
    // the tiny set's cross-validated figures would move.
    const both = await evaluate(context, { sets: [tiny, heldOut], folds: 3 });
    expect(both.sets[0]?.protocol).toBe('cross-validated');
    expect(both.sets[0]?.grader).toEqual({ ...alone.sets[0]?.grader, msPerAnswer: both.sets[0]?.grader.msPerAnswer });
    expect(both.sets[1]).toMatchObject({ name: 'holdout/tiny-set', protocol: 'held-out' });
    expect(both.sets[1]).not.toHaveProperty('folds');
    const shipped = await evaluate(context, { sets: [tiny], folds: 0 });
    expect(both.sets[1]?.grader.pearson).toBe(shipped.sets[0]?.grader.pearson);
    expect(formatReport(both)).toContain('holdout/tiny-set: 3 questions, scale 0–5; HELD OUT: shipped weights, never fitted or tuned on this set');
  });
});
