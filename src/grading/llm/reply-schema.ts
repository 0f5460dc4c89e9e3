import { z } from 'zod';
import type { Rubric } from '../rubric-schema.js';

function replySchema<Key extends z.ZodType, Score extends z.ZodType, List extends z.ZodType, Text extends z.ZodType>(
  key: Key,
  score: Score,
  list: List,
  text: Text,
) {
  return z.object({
    dimensions: z.array(z.object({ key, score, rationale: z.string(), evidence: list })),
    strengths: list,
    improvements: list,
    missingPoints: list,
    followUpQuestion: text,
  });
}

/** What the model is asked for (sent as the strict JSON Schema): exactly the rubric's keys, integer scores 1–5. */
export function requestedReplySchema(rubric: Rubric) {
  return replySchema(
    z.enum(rubric.dimensions.map((dimension) => dimension.key)),
    z.int().min(1).max(5),
    z.array(z.string()),
    z.string(),
  );
}

/**
 * What a reply is parsed with. Deliberately more lenient than what is requested, because servers without
 * structured output (json_object and prompt modes) drift: code repairs what it safely can (an out-of-range
 * or "4"-as-string score, an omitted list, unknown keys) rather than spend a retry; unknown fields are
 * stripped by zod's default object parsing.
 */
export const ModelReplySchema = replySchema(
  z.string(),
  z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/).transform(Number)]),
  z.array(z.string()).default([]),
  z.string().default(''),
);
export type ModelReply = z.infer<typeof ModelReplySchema>;
