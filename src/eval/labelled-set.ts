import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/*
 * The labelled-set format of ../shared/benchmarks/README.md, which the project's own sets in data/eval
 * use too: questions with a reference answer, each with answers scored by people on the set's scale.
 */
export const LabelledAnswerSchema = z.object({
  text: z.string(),
  gold: z.number(),
  score1: z.number().optional(),
  score2: z.number().optional(),
});

export const LabelledItemSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  reference: z.string(),
  scale: z.tuple([z.number(), z.number()]).refine(([low, high]) => low < high, 'scale must be [low, high]'),
  answers: z.array(LabelledAnswerSchema).min(1),
  /** A corpus question id: the corpus record (its kind, its reference) is used instead of `reference`. */
  questionId: z.string().min(1).optional(),
});
export type LabelledItem = z.infer<typeof LabelledItemSchema>;

export const LabelledSetSchema = z.array(LabelledItemSchema).min(1);

/**
 * The folder of held-out sets (data/eval/holdout/): `npm run eval` measures them, but nothing is fitted, tuned or
 * shown as an example on them, so they tell whether what was tuned on the other sets generalises.
 */
export const HOLDOUT_FOLDER = 'holdout';

export interface LabelledSet {
  /** File name without `.json`, with its folder unless that is data/eval. */
  readonly name: string;
  readonly file: string;
  /** Of the file's bytes: identifies the data a model was fitted on. */
  readonly sha256: string;
  readonly items: readonly LabelledItem[];
  /** In a `holdout/` folder: measured, never fitted on (not even fold by fold). */
  readonly heldOut: boolean;
  /**
   * The kind of each answer ("short-correct", "long-wrong"…) by item id, in answer order, when the set has
   * notes beside it (`notes/<name>-kinds.json`, see data/eval/README.md): for a breakdown by kind, never an
   * input to a grader.
   */
  readonly kinds?: ReadonlyMap<string, readonly string[]>;
}

/** A kinds note: per item id, the kinds in answer order, alone or under `kinds` with other notes. */
const KindsNoteSchema = z.record(z.string(), z.union([z.array(z.string()), z.object({ kinds: z.array(z.string()) })]));

/** The answer kinds noted beside a set, or undefined when it has no such note. */
function loadKinds(file: string): ReadonlyMap<string, readonly string[]> | undefined {
  const note = path.join(path.dirname(file), 'notes', `${path.basename(file, '.json')}-kinds.json`);
  let text: string;
  try {
    text = readFileSync(note, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = KindsNoteSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${note}: ${parsed.error.issues[0]?.message ?? 'invalid kinds note'}`);
  return new Map(Object.entries(parsed.data).map(([id, value]) => [id, Array.isArray(value) ? value : value.kinds]));
}

export function loadLabelledSet(file: string): LabelledSet {
  const bytes = readFileSync(file);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new Error(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = LabelledSetSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid labelled set'}`);
  }
  const parent = path.basename(path.dirname(file));
  const kinds = loadKinds(file);
  return {
    // "technical-ml" for the project's own sets, "holdout/technical-shapes" for a held-out one, "unt-short-answer/dev" for a benchmark's split.
    name: parent === 'eval' ? path.basename(file, '.json') : `${parent}/${path.basename(file, '.json')}`,
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    items: parsed.data,
    heldOut: parent === HOLDOUT_FOLDER,
    ...(kinds === undefined ? {} : { kinds }),
  };
}
