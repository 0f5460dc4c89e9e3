import type { RubricId } from '../../src/contracts/rubric-schema.js';
import { getRubric } from '../../src/grading/rubrics.js';

export interface ReplyOptions {
  /** Per dimension key; 3 unless given. Any value is sent as it is (strings, "4/5", 7 …). */
  scores?: Record<string, unknown>;
  evidence?: Record<string, string[]>;
  /** Dimensions left out of the reply. */
  omit?: string[];
  /** Extra top-level fields, or replacements for the default ones. */
  extra?: Record<string, unknown>;
  /** Extra fields inside every dimension entry. */
  dimensionExtra?: Record<string, unknown>;
  /** Entries added to `dimensions` under keys the rubric does not have (or, in array form, appended). */
  extraDimensions?: Record<string, Record<string, unknown>>;
  missingPoints?: string[];
  /** Key-point judgements, as sent: `{ p1: { status, quote } }`. */
  keyPoints?: Record<string, unknown>;
  /** The form of the first prompts: `dimensions` as an array of `{ key, … }`. */
  arrayForm?: boolean;
}

/** A reply as a model would write it: an entry per rubric dimension, keyed by its key (score 3 unless given). */
export function modelReply(rubricId: RubricId, options: ReplyOptions = {}): string {
  const rubric = getRubric(rubricId);
  const entries = rubric.dimensions
    .filter((dimension) => !options.omit?.includes(dimension.key))
    .map((dimension) => [
      dimension.key,
      {
        evidence: options.evidence?.[dimension.key] ?? [],
        rationale: `Rationale for ${dimension.key}.`,
        score: options.scores?.[dimension.key] ?? 3,
        ...options.dimensionExtra,
      },
    ] as const);
  const dimensions = options.arrayForm
    ? [...entries.map(([key, entry]) => ({ key, ...entry })), ...Object.entries(options.extraDimensions ?? {}).map(([key, entry]) => ({ key, ...entry }))]
    : { ...Object.fromEntries(entries), ...options.extraDimensions };
  return JSON.stringify({
    ...(options.keyPoints ? { keyPoints: options.keyPoints } : {}),
    dimensions,
    strengths: ['States a measurable result.'],
    improvements: ['Explain the trade-off you made.'],
    missingPoints: options.missingPoints ?? [],
    followUpQuestion: '',
    ...options.extra,
  });
}
