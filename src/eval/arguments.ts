import { readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config.js';
import { loadLabelledSet, type LabelledSet } from './labelled-set.js';

export const DEFAULT_EVAL_DIR = path.join(projectRoot, 'data', 'eval');

/** The project's own labelled sets: every data/eval/*.json, in name order. */
export function defaultSetFiles(dir = DEFAULT_EVAL_DIR): string[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((file) => file.endsWith('.json'));
  } catch {
    files = [];
  }
  return files.sort().map((file) => path.join(dir, file));
}

export class UsageError extends Error {}

const OptionsSchema = z.object({
  data: z.array(z.string().min(1)).optional(),
  grader: z.enum(['offline', 'llm']).default('offline'),
  cv: z.coerce.number().int().min(0).max(100).optional(),
  ridge: z.coerce.number().nonnegative().optional(),
  answers: z.string().min(1).optional(),
});

export interface CliOptions {
  readonly sets: LabelledSet[];
  readonly grader: 'offline' | 'llm';
  readonly folds: number | undefined;
  readonly ridge: number | undefined;
  /** Where to write every answer's gold and scores, one JSON object per line. */
  readonly answersFile: string | undefined;
}

type OptionName = 'data' | 'grader' | 'cv' | 'ridge' | 'answers';

const isAllowed = (name: string, allowed: Partial<Record<OptionName, boolean>>): name is OptionName =>
  name === 'data' || ((name === 'grader' || name === 'cv' || name === 'ridge' || name === 'answers') && allowed[name] === true);

/**
 * `--data FILE…` (several files after one flag, or the flag repeated), `--grader offline|llm`, `--cv K`,
 * `--answers FILE` and, for the fit, `--ridge λ`. Unknown flags and bad values are usage errors, named.
 */
export function parseArguments(argv: readonly string[], allowed: Partial<Record<Exclude<OptionName, 'data'>, boolean>> = {}): CliOptions {
  const raw: { data?: string[]; grader?: string; cv?: string; ridge?: string; answers?: string } = {};
  let current: OptionName | null = null;
  for (const arg of argv) {
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      if (!isAllowed(name, allowed)) throw new UsageError(`unknown option ${arg}`);
      current = name;
      if (name === 'data') raw.data ??= [];
      continue;
    }
    if (current === 'data') raw.data?.push(arg);
    else if (current !== null && raw[current] === undefined) raw[current] = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (argv.includes('--data') && raw.data?.length === 0) throw new UsageError('--data: expected one or more files');
  for (const name of ['grader', 'cv', 'ridge', 'answers'] as const) {
    if (argv.includes(`--${name}`) && raw[name] === undefined) throw new UsageError(`--${name}: expected a value`);
  }
  const parsed = OptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid value'}`);
  }
  const files = parsed.data.data ?? defaultSetFiles();
  if (files.length === 0) throw new UsageError(`no labelled sets: data/eval has none and no --data was given`);
  return {
    sets: files.map((file) => loadLabelledSet(path.resolve(file))),
    grader: parsed.data.grader,
    folds: parsed.data.cv,
    ridge: parsed.data.ridge,
    answersFile: parsed.data.answers === undefined ? undefined : path.resolve(parsed.data.answers),
  };
}
