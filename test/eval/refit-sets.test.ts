import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { parseArguments, refitSetFiles, UsageError } from '../../src/eval/arguments.js';
import { TINY_SET_FILE as TINY } from '../helpers/eval-sets.js';

// A refit with no --data must read the sets the shipped weights were fitted on: on less, it writes other weights.
const shipped = (file: string): string => path.join(projectRoot, 'data', 'grader', file);

let dir: string;
let benchmarks: string;
let weightsFile: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'refit-sets-'));
  benchmarks = path.join(dir, 'benchmarks');
  mkdirSync(path.join(benchmarks, 'tiny-bench'), { recursive: true });
  copyFileSync(TINY, path.join(benchmarks, 'tiny-bench', 'dev.json'));
  weightsFile = path.join(dir, 'weights.json');
  writeFileSync(weightsFile, JSON.stringify({ trainedOn: [{ name: 'technical-ml' }, { name: 'tiny-bench/dev' }] }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the default sets of a refit (npm run fit:grader, fit:no-reference, fit:behavioural)', () => {
  it('are the sets the shipped weights were fitted on, a benchmark\'s read from the benchmarks folder, and no other set of data/eval', () => {
    const { sets } = parseArguments(['--benchmarks', benchmarks], { ridge: true, benchmarks: true }, { refits: weightsFile });
    expect(sets.map((set) => set.name)).toEqual(['technical-ml', 'tiny-bench/dev']);
  });

  it('fail, naming the set, when one the shipped weights were fitted on is missing, rather than fitting on fewer', () => {
    const elsewhere = path.join(dir, 'no-benchmarks');
    expect(() => parseArguments(['--benchmarks', elsewhere], { ridge: true, benchmarks: true }, { refits: weightsFile })).toThrow(UsageError);
    for (const file of ['technical-model.json', 'no-reference-model.json']) {
      expect(() => refitSetFiles(shipped(file), elsewhere)).toThrow(
        `the shipped weights (data/grader/${file}) were fitted on unt-short-answer/dev, which is not at ${path.relative(projectRoot, path.join(elsewhere, 'unt-short-answer', 'dev.json'))}`,
      );
    }
  });

  it('are the behavioural set alone for the behavioural calibration, and every set of data/eval for a first fit with no weights yet', () => {
    const own = (file: string): string => path.join(projectRoot, 'data', 'eval', file);
    expect(refitSetFiles(shipped('behavioural-model.json'), path.join(dir, 'no-benchmarks'))).toEqual([own('behavioural.json')]);
    expect(refitSetFiles(path.join(dir, 'no-weights.json'), benchmarks)).toEqual(['behavioural.json', 'technical-code.json', 'technical-ml.json'].map(own));
  });

  it('are named on the command line with --data instead, without the benchmarks folder', () => {
    const { sets } = parseArguments(['--data', TINY, '--benchmarks', path.join(dir, 'no-benchmarks')], { benchmarks: true }, { refits: weightsFile });
    expect(sets.map((set) => set.name)).toEqual(['fixtures/tiny-set']);
  });
});
