import { z } from 'zod';
import { QuestionTypeSchema } from './question-type.js';

export const QuestionKindSchema = z.enum(['behavioural', 'technical']);
export type QuestionKind = z.infer<typeof QuestionKindSchema>;

/** What the project team added to a record the documents leave incomplete (`data/technical-references.json`). */
export const CurationSchema = z.object({
  writtenBy: z.string().min(1),
  date: z.iso.date(),
  /** The fields this source supplies: a full question text for a bare title, a model answer, … */
  adds: z.array(z.enum(['text', 'answer', 'expectedLevel', 'followUps'])).min(1),
  sourceTitle: z.string().min(1).describe('the question as its source document words it'),
});
export type Curation = z.infer<typeof CurationSchema>;

export const SourceRefSchema = z.object({
  file: z.string().describe('corpus file name under data/corpus, or the curated file under data/'),
  line: z.number().int().positive().describe('1-based line of the question (or curated entry) in that file'),
  curation: CurationSchema.optional().describe('present on the source that is the curated file: who added what, when'),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

/**
 * One question as a document's parser reads it. `id` is derived from the normalised question text (and
 * kind), never from row order, so re-parsing an edited file keeps the ids of unchanged questions.
 */
export const ParsedQuestionSchema = z.object({
  id: z.string(),
  kind: QuestionKindSchema,
  /** Chapter/section the question belongs to, e.g. "Decision Trees › 10.1 Tree Construction". */
  topic: z.string(),
  text: z.string().min(1),
  /** Model or example answers; 0..n, deduplicated by text. */
  answers: z.array(z.string()),
  expectedLevel: z.string().nullable(),
  followUps: z.array(z.string()),
  /** Mistakes to avoid, pro tips: used by the graders as extra reference material. */
  notes: z.array(z.string()),
  sources: z.array(SourceRefSchema).min(1),
});
export type ParsedQuestion = z.infer<typeof ParsedQuestionSchema>;

/** One question of the corpus as stored in SQLite: the parsed question with its type. */
export const QuestionRecordSchema = ParsedQuestionSchema.extend({
  /** What kind of answer the question asks for; it picks the rubric (`data/question-types.json`). */
  type: QuestionTypeSchema,
});
export type QuestionRecord = z.infer<typeof QuestionRecordSchema>;

/** Advice that is not a question (the 16-step strategy, preparation prompts, resume tips). */
export const CoachingTipSchema = z.object({
  id: z.string(),
  category: z.string(),
  title: z.string(),
  body: z.string(),
  source: SourceRefSchema,
});
export type CoachingTip = z.infer<typeof CoachingTipSchema>;

export const ParsedCorpusSchema = z.object({
  questions: z.array(QuestionRecordSchema),
  tips: z.array(CoachingTipSchema),
});
export type ParsedCorpus = z.infer<typeof ParsedCorpusSchema>;

/** What one document's parser yields; `parseCorpus` merges the documents and types the questions. */
export const ParsedDocumentSchema = z.object({
  questions: z.array(ParsedQuestionSchema),
  tips: z.array(CoachingTipSchema),
});
export type ParsedDocument = z.infer<typeof ParsedDocumentSchema>;
