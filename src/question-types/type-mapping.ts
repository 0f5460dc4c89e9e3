import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config.js';
import { normaliseText } from '../corpus/text-utils.js';
import { BehaviouralQuestionTypeSchema, type QuestionType } from '../contracts/question-type.js';

export const DEFAULT_TYPES_FILE = path.join(projectRoot, 'data', 'question-types.json');

const questions = z.array(z.string().trim().min(1)).default([]);

/** `data/question-types.json`: the curated type of every behavioural corpus question, grouped by type. */
export const QuestionTypeMappingSchema = z.strictObject({
  $comment: z.string().optional(),
  story: questions,
  'self-presentation': questions,
  motivation: questions,
  opinion: questions,
  approach: questions,
  compensation: questions,
  explanation: questions,
  'questions-for-us': questions,
  logistics: questions,
} satisfies Record<Exclude<QuestionType, 'technical'> | '$comment', z.ZodType>);

/** Normalised question text → type. A question listed under two types is an error, not a tie to break. */
export type QuestionTypeMapping = ReadonlyMap<string, QuestionType>;

export function parseQuestionTypeMapping(json: unknown, source: string): QuestionTypeMapping {
  const parsed = QuestionTypeMappingSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${source}: ${parsed.error.message}`);
  const mapping = new Map<string, QuestionType>();
  for (const type of BehaviouralQuestionTypeSchema.options) {
    for (const text of parsed.data[type]) {
      const key = normaliseText(text);
      const other = mapping.get(key);
      if (other !== undefined) throw new Error(`${source}: "${text}" is listed as both ${other} and ${type}`);
      mapping.set(key, type);
    }
  }
  return mapping;
}

export function loadQuestionTypeMapping(file: string = DEFAULT_TYPES_FILE): QuestionTypeMapping {
  return parseQuestionTypeMapping(JSON.parse(readFileSync(file, 'utf8')), file);
}

/**
 * The type of every corpus question: technical questions are technical, behavioural ones take their
 * curated type. A behavioural question missing from the mapping, or an entry naming no behavioural
 * question (a stale line after a corpus edit), is an error: a silently guessed type would pick the
 * wrong rubric.
 */
export function assignQuestionTypes<T extends { kind: 'behavioural' | 'technical'; text: string }>(
  records: readonly T[],
  mapping: QuestionTypeMapping,
): (T & { type: QuestionType })[] {
  const unused = new Set(mapping.keys());
  const typed = records.map((record) => {
    if (record.kind === 'technical') return { ...record, type: 'technical' as const };
    const key = normaliseText(record.text);
    const type = mapping.get(key);
    if (type === undefined) throw new Error(`behavioural question "${record.text}" has no type in the question-type mapping`);
    unused.delete(key);
    return { ...record, type };
  });
  if (unused.size > 0) {
    throw new Error(`question-type mapping names questions the corpus does not have: ${[...unused].join('; ')}`);
  }
  return typed;
}
