import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config.js';
import type { Curation, ParsedCorpus, QuestionRecord, SourceRef } from '../contracts/question-schema.js';
import { collapseWhitespace, normaliseText, questionId, splitLines } from './text-utils.js';

export const DEFAULT_REFERENCES_FILE = path.join(projectRoot, 'data', 'technical-references.json');

const CuratedEntrySchema = z
  .object({
    /** The record it completes; derived from the source title, so a fuller question text never changes it. */
    id: z.string().regex(/^q_[0-9a-f]{16}$/),
    source: z.object({
      file: z.string().min(1),
      title: z.string().min(1).describe('the question exactly as the source document words it'),
    }),
    writtenBy: z.string().min(1),
    date: z.iso.date(),
    /** The question as an interviewer asks it, for a source that gives only a title. */
    text: z.string().trim().min(10).max(300).optional(),
    /** Markdown, one array item per line, so that the file reads and diffs line by line. */
    answer: z
      .array(z.string())
      .min(1)
      .transform((lines) => lines.join('\n').trim())
      .optional(),
    expectedLevel: z.string().min(1).optional(),
    followUps: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .refine((entry) => entry.text !== undefined || entry.answer !== undefined, { message: 'an entry adds a text, an answer or both' });
type CuratedEntry = z.infer<typeof CuratedEntrySchema>;

const CuratedReferencesSchema = z
  .object({
    about: z.string(),
    entries: z.array(CuratedEntrySchema),
  })
  .strict();

export interface CuratedReferences {
  /** Basename of the file, as it appears in a record's `sources`. */
  file: string;
  entries: { entry: CuratedEntry; line: number }[];
}

/** Reads and validates the curated file; each entry keeps the line of its `"id"` for its source reference. */
export function loadCuratedReferences(file: string = DEFAULT_REFERENCES_FILE): CuratedReferences {
  const raw = readFileSync(file, 'utf8');
  const parsed = CuratedReferencesSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
  const lines = splitLines(raw);
  return {
    file: path.basename(file),
    entries: parsed.data.entries.map((entry) => ({
      entry,
      line: lines.findIndex((line) => line.includes(`"${entry.id}"`)) + 1,
    })),
  };
}

function fail(references: CuratedReferences, line: number, message: string): never {
  throw new Error(`${references.file}:${line}: ${message}`);
}

/**
 * Merges the curated additions into the parsed records. The id stays the one derived from the source
 * title, so labelled data and stored feedback that name it keep working; the entry's source becomes
 * one more entry of `sources`, with its curation. An entry that no longer fits the documents (its
 * record is gone, renamed, or now has an answer of its own) is an error, never a silent drop.
 */
export function applyCuratedReferences(corpus: ParsedCorpus, references: CuratedReferences): ParsedCorpus {
  const byId = new Map(corpus.questions.map((record) => [record.id, record]));
  const texts = new Map(corpus.questions.map((record) => [`${record.kind}:${normaliseText(record.text)}`, record.id]));
  const completed = new Map<string, QuestionRecord>();

  for (const { entry, line } of references.entries) {
    const record = byId.get(entry.id);
    if (record === undefined) fail(references, line, `${entry.id} ("${entry.source.title}") is not a question of the corpus`);
    if (completed.has(entry.id)) fail(references, line, `${entry.id} is completed twice`);
    if (record.kind !== 'technical') fail(references, line, `${entry.id} is not a technical question`);
    if (questionId(record.kind, entry.source.title) !== entry.id) {
      fail(references, line, `source title "${entry.source.title}" does not derive id ${entry.id}`);
    }
    if (!record.sources.some((source) => source.file === entry.source.file)) {
      fail(references, line, `${entry.id} does not come from ${entry.source.file}`);
    }
    if (entry.answer !== undefined && record.answers.length > 0) {
      fail(references, line, `${entry.id} already has a model answer in ${record.sources[0]?.file}; drop the curated one`);
    }
    const adds: Curation['adds'] = [];
    let text = record.text;
    if (entry.text !== undefined) {
      const key = `${record.kind}:${normaliseText(entry.text)}`;
      const other = texts.get(key);
      if (other !== undefined && other !== record.id) fail(references, line, `text "${entry.text}" is already question ${other}`);
      texts.set(key, record.id);
      text = collapseWhitespace(entry.text);
      adds.push('text');
    }
    if (entry.answer !== undefined) adds.push('answer');
    const expectedLevel = record.expectedLevel ?? entry.expectedLevel ?? null;
    if (record.expectedLevel === null && entry.expectedLevel !== undefined) adds.push('expectedLevel');
    const followUps = [...new Set([...record.followUps, ...entry.followUps])];
    if (followUps.length > record.followUps.length) adds.push('followUps');

    const source: SourceRef = {
      file: references.file,
      line,
      curation: { writtenBy: entry.writtenBy, date: entry.date, adds, sourceTitle: entry.source.title },
    };
    completed.set(record.id, {
      ...record,
      text,
      answers: entry.answer === undefined ? record.answers : [entry.answer],
      expectedLevel,
      followUps,
      sources: [...record.sources, source],
    });
  }
  return { ...corpus, questions: corpus.questions.map((record) => completed.get(record.id) ?? record) };
}
