import { z } from 'zod';
import type { Rubric } from '../../contracts/rubric-schema.js';

/*
 * The reply is keyed by dimension: `dimensions` is an object with one required property per rubric
 * dimension, so constrained decoding (json_schema) cannot omit or repeat one. Inside a dimension the
 * evidence and the rationale come before the score, and key-point judgements before the dimensions:
 * a model writes in schema order, and a score written after its reasons follows them.
 */

export const KEY_POINT_STATUSES = ['covered', 'partial', 'contradicted', 'missed'] as const;
export type KeyPointStatus = (typeof KEY_POINT_STATUSES)[number];

/** Id of the key point at `index` in the prompt and the reply: p1, p2, … */
export const keyPointId = (index: number): string => `p${index + 1}`;

export const WATCHED_ERROR_VERDICTS = ['stated', 'not stated'] as const;
/** Id of the claim to watch for at `index` in the prompt and the reply: w1, w2, … */
export const watchedErrorId = (index: number): string => `w${index + 1}`;

/** How many of each judged list a prompt carries: the reply has one entry per listed item. */
export interface JudgedCounts {
  keyPoints: number;
  watchedErrors: number;
}

/** What the model is asked for (sent as the strict JSON Schema): every rubric key, integer scores 1–5. */
export function requestedReplySchema(rubric: Rubric, counts: JudgedCounts) {
  const dimension = z.object({ evidence: z.array(z.string()), rationale: z.string(), score: z.int().min(1).max(5) });
  const keyPoint = z.object({ status: z.enum(KEY_POINT_STATUSES), quote: z.string() });
  const keyPoints = Array.from({ length: counts.keyPoints }, (_, index) => [keyPointId(index), keyPoint] as const);
  const watchedError = z.object({ status: z.enum(WATCHED_ERROR_VERDICTS), quote: z.string() });
  const watchedErrors = Array.from({ length: counts.watchedErrors }, (_, index) => [watchedErrorId(index), watchedError] as const);
  return z.object({
    ...(counts.keyPoints > 0 ? { keyPoints: z.object(Object.fromEntries(keyPoints)) } : {}),
    // Before the dimensions: whether an error is stated decides how high correctness may go.
    ...(counts.watchedErrors > 0 ? { watchedErrors: z.object(Object.fromEntries(watchedErrors)) } : {}),
    dimensions: z.object(Object.fromEntries(rubric.dimensions.map((d) => [d.key, dimension] as const))),
    strengths: z.array(z.string()),
    improvements: z.array(z.string()),
    missingPoints: z.array(z.string()),
    followUpQuestion: z.string(),
  });
}

/** The reply's shape as an annotated example, for the prompt: small models follow an example better than a JSON Schema. */
export function replySkeleton(rubric: Rubric, counts: JudgedCounts): string {
  const lines = ['{'];
  if (counts.keyPoints > 0) {
    lines.push('  "keyPoints": {');
    for (let index = 0; index < counts.keyPoints; index += 1) {
      const comma = index < counts.keyPoints - 1 ? ',' : '';
      lines.push(`    "${keyPointId(index)}": { "status": "covered" | "partial" | "contradicted" | "missed", "quote": "<words copied from the answer, or empty>" }${comma}`);
    }
    lines.push('  },');
  }
  if (counts.watchedErrors > 0) {
    lines.push('  "watchedErrors": {');
    for (let index = 0; index < counts.watchedErrors; index += 1) {
      const comma = index < counts.watchedErrors - 1 ? ',' : '';
      lines.push(`    "${watchedErrorId(index)}": { "status": "stated" | "not stated", "quote": "<words copied from the answer, or empty>" }${comma}`);
    }
    lines.push('  },');
  }
  lines.push('  "dimensions": {');
  rubric.dimensions.forEach((dimension, index) => {
    const comma = index < rubric.dimensions.length - 1 ? ',' : '';
    lines.push(`    "${dimension.key}": { "evidence": ["<quote>", …], "rationale": "<one or two sentences>", "score": <integer 1-5> }${comma}`);
  });
  lines.push(
    '  },',
    '  "strengths": ["<short point>", …],',
    '  "improvements": ["<concrete next step>", …],',
    '  "missingPoints": ["<short phrase>", …],',
    '  "followUpQuestion": "<one question>"',
    '}',
  );
  return lines.join('\n');
}

/*
 * What a reply is read with: deliberately more lenient than what is requested, because servers without
 * structured output (json_object and prompt modes) drift. Each part is read on its own, so one bad field
 * costs that field, not the reply; code then repairs what it safely can (see parse-reply.ts).
 */

/** A list of strings; a lone string is a list of one; anything else, or a missing list, is empty. */
export const LooseListSchema = z
  .preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(z.unknown()))
  .transform((items) => items.filter((item): item is string => typeof item === 'string'))
  .catch([]);
export const LooseTextSchema = z.string().catch('');

/** A score as models write it: 4, 4.0, "4", "4/5", "4 out of 5". Other scales ("8/10") are not guessed at. */
const SCORE_TEXT = /^\s*(\d+(?:\.\d+)?)\s*(?:(?:\/|out of)\s*5(?:\.0+)?)?\s*$/i;
export const LooseScoreSchema = z.union([z.number(), z.string().regex(SCORE_TEXT).transform((text) => Number(SCORE_TEXT.exec(text)?.[1]))]);

/** One dimension's entry: an object, or (drift) a bare score. */
export const LooseDimensionSchema = z.union([
  z.object({ score: LooseScoreSchema, rationale: LooseTextSchema, evidence: LooseListSchema }),
  LooseScoreSchema.transform((score) => ({ score, rationale: '', evidence: [] })),
]);
/** The array form of earlier prompts and of models that ignore the requested shape: `[{ key, score, … }]`. */
export const LooseDimensionEntrySchema = z.object({ key: z.string(), score: LooseScoreSchema, rationale: LooseTextSchema, evidence: LooseListSchema });

export const LooseKeyPointSchema = z.object({ status: z.string(), quote: LooseTextSchema });

export const LooseReplySchema = z.object({
  keyPoints: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional().catch(undefined),
  watchedErrors: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional().catch(undefined),
  dimensions: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
  strengths: LooseListSchema,
  improvements: LooseListSchema,
  missingPoints: LooseListSchema,
  followUpQuestion: LooseTextSchema,
});
