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

export interface LabelledSet {
  /** File name without `.json`, with its folder unless that is data/eval. */
  readonly name: string;
  readonly file: string;
  /** Of the file's bytes: identifies the data a model was fitted on. */
  readonly sha256: string;
  readonly items: readonly LabelledItem[];
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
  return {
    // "technical-ml" for the project's own sets, "unt-short-answer/dev" for a benchmark's split.
    name: parent === 'eval' ? path.basename(file, '.json') : `${parent}/${path.basename(file, '.json')}`,
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    items: parsed.data,
  };
}
