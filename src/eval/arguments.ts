import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config.js';
import { HOLDOUT_FOLDER, loadLabelledSet, type LabelledSet } from './labelled-set.js';

export const DEFAULT_EVAL_DIR = path.join(projectRoot, 'data', 'eval');
/** The project's held-out sets (data/eval/README.md): in `npm run eval`'s default run, never in a fit's. */
export const DEFAULT_HOLDOUT_DIR = path.join(DEFAULT_EVAL_DIR, HOLDOUT_FOLDER);

/** Labelled sets: every *.json directly in `dir` (not in its folders), in name order. */
export function defaultSetFiles(dir = DEFAULT_EVAL_DIR): string[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  } catch {
    files = [];
  }
  return files.sort().map((file) => path.join(dir, file));
}

/** Where the public benchmarks lie (UNT's split among them): beside the project, never copied into it. */
export const DEFAULT_BENCHMARKS_DIR = path.join(projectRoot, '..', 'shared', 'benchmarks');

export class UsageError extends Error {}

const ShippedWeightsSchema = z.object({ trainedOn: z.array(z.object({ name: z.string().min(1) })) });

/**
 * The file of a set named as `loadLabelledSet` names it: a project set ("technical-ml") in `evalDir`, a benchmark's
 * split ("unt-short-answer/dev") in `benchmarksDir`.
 */
function setFile(name: string, evalDir: string, benchmarksDir: string): string {
  return name.includes('/') ? path.join(benchmarksDir, `${name}.json`) : path.join(evalDir, `${name}.json`);
}

/**
 * A refit's default sets: the sets the shipped `weightsFile` was fitted on (its `trainedOn`), so that a refit on
 * unchanged data writes the shipped weights; every set directly in `evalDir` for a first fit. A set added to data/eval
 * later is measured by `npm run eval` (with the shipped weights) but joins a fit only when every set is named with
 * --data: fitting the technical weights on the code set lowered the ML set's and the corpus model answers' grades
 * (data/grader/README.md, round 15). A set the shipped weights name that is not there is a usage error: fitting on less
 * would silently write other weights.
 */
export function refitSetFiles(weightsFile: string, benchmarksDir = DEFAULT_BENCHMARKS_DIR, evalDir = DEFAULT_EVAL_DIR): string[] {
  if (!existsSync(weightsFile)) return defaultSetFiles(evalDir);
  const shipped = ShippedWeightsSchema.parse(JSON.parse(readFileSync(weightsFile, 'utf8')));
  return shipped.trainedOn.map(({ name }) => {
    const file = setFile(name, evalDir, benchmarksDir);
    if (!existsSync(file)) {
      throw new UsageError(
        `the shipped weights (${path.relative(projectRoot, weightsFile)}) were fitted on ${name}, which is not at ${path.relative(projectRoot, file)}: ` +
          `give the benchmarks folder with --benchmarks DIR, or name every set with --data (a fit on fewer sets writes other weights)`,
      );
    }
    return file;
  });
}

const OptionsSchema = z.object({
  data: z.array(z.string().min(1)).optional(),
  grader: z.enum(['offline', 'llm']).default('offline'),
  cv: z.coerce.number().int().min(0).max(100).optional(),
  ridge: z.coerce.number().nonnegative().optional(),
  answers: z.string().min(1).optional(),
  benchmarks: z.string().min(1).optional(),
  withoutReference: z.boolean().default(false),
});

/**
 * What the sets are read for. `evaluate` defaults to the development sets and the held-out ones; a refit of a weights
 * file defaults to the sets of `refitSetFiles` and refuses a held-out one even when named, so no fit or tuning can
 * see it.
 */
export type SetsUse = 'evaluate' | { readonly refits: string };

export interface CliOptions {
  readonly sets: LabelledSet[];
  readonly grader: 'offline' | 'llm';
  readonly folds: number | undefined;
  readonly ridge: number | undefined;
  /** Where to write every answer's gold and scores, one JSON object per line. */
  readonly answersFile: string | undefined;
  /** `--without-reference`: grade every answer as if its question had no reference answer. */
  readonly withoutReference: boolean;
}

type OptionName = 'data' | 'grader' | 'cv' | 'ridge' | 'answers' | 'benchmarks' | 'without-reference';

const isAllowed = (name: string, allowed: Partial<Record<OptionName, boolean>>): name is OptionName =>
  name === 'data' ||
  ((name === 'grader' || name === 'cv' || name === 'ridge' || name === 'answers' || name === 'benchmarks' || name === 'without-reference') &&
    allowed[name] === true);

/**
 * `--data FILE…` (several files after one flag, or the flag repeated), `--grader offline|llm`, `--cv K`,
 * `--answers FILE`, `--without-reference` (a flag, no value) and, for the fit, `--ridge λ` and `--benchmarks DIR`
 * (where the default sets of `refitSetFiles` from outside the project are; `../shared/benchmarks` unless given).
 * Unknown flags and bad values are usage errors, named.
 */
export function parseArguments(
  argv: readonly string[],
  allowed: Partial<Record<Exclude<OptionName, 'data'>, boolean>> = {},
  use: SetsUse = 'evaluate',
): CliOptions {
  const raw: { data?: string[]; grader?: string; cv?: string; ridge?: string; answers?: string; benchmarks?: string } = {};
  let current: Exclude<OptionName, 'without-reference'> | null = null;
  let withoutReference = false;
  for (const arg of argv) {
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      if (!isAllowed(name, allowed)) throw new UsageError(`unknown option ${arg}`);
      if (name === 'without-reference') {
        withoutReference = true;
        current = null;
        continue;
      }
      current = name;
      if (name === 'data') raw.data ??= [];
      continue;
    }
    if (current === 'data') raw.data?.push(arg);
    else if (current !== null && raw[current] === undefined) raw[current] = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (argv.includes('--data') && raw.data?.length === 0) throw new UsageError('--data: expected one or more files');
  for (const name of ['grader', 'cv', 'ridge', 'answers', 'benchmarks'] as const) {
    if (argv.includes(`--${name}`) && raw[name] === undefined) throw new UsageError(`--${name}: expected a value`);
  }
  const parsed = OptionsSchema.safeParse({ ...raw, withoutReference });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid value'}`);
  }
  const benchmarksDir = parsed.data.benchmarks === undefined ? DEFAULT_BENCHMARKS_DIR : path.resolve(parsed.data.benchmarks);
  const files =
    parsed.data.data ??
    (use === 'evaluate' ? [...defaultSetFiles(), ...defaultSetFiles(DEFAULT_HOLDOUT_DIR)] : refitSetFiles(use.refits, benchmarksDir));
  if (files.length === 0) throw new UsageError(`no labelled sets: data/eval has none and no --data was given`);
  const sets = files.map((file) => loadLabelledSet(path.resolve(file)));
  const heldOut = use === 'evaluate' ? undefined : sets.find((set) => set.heldOut);
  if (heldOut !== undefined) throw new UsageError(`${heldOut.file}: a held-out set (in a ${HOLDOUT_FOLDER}/ folder) is never fitted on`);
  return {
    sets,
    grader: parsed.data.grader,
    folds: parsed.data.cv,
    ridge: parsed.data.ridge,
    answersFile: parsed.data.answers === undefined ? undefined : path.resolve(parsed.data.answers),
    withoutReference: parsed.data.withoutReference,
  };
}
