import { createHash } from 'node:crypto';
import type { CoachingTip, QuestionKind, ParsedQuestion } from '../contracts/question-schema.js';

/** Split a document into lines; index `i` is line `i + 1` of the file. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The comparison form of a question or title: case, spacing and punctuation differ between
 * documents ("Isn’t" vs "isn't", title case vs sentence case), the words do not.
 */
export function normaliseText(text: string): string {
  return collapseWhitespace(
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s]/gu, ''),
  );
}

/** Markdown headings in the notebook carry decorative emoji that are not part of the title. */
export function stripEmoji(text: string): string {
  return collapseWhitespace(text.replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, ''));
}

function shortHash(input: string): string {
  return createHash('sha256').update(input).digest('hex').slice(0, 16);
}

export function questionId(kind: QuestionKind, text: string): string {
  return `q_${shortHash(`${kind}\n${normaliseText(text)}`)}`;
}

export function tipId(category: string, title: string): string {
  return `t_${shortHash(`${category}\n${normaliseText(title)}`)}`;
}

type QuestionFields = Pick<ParsedQuestion, 'kind' | 'topic' | 'text'> &
  Partial<Pick<ParsedQuestion, 'answers' | 'expectedLevel' | 'followUps' | 'notes'>> & {
    file: string;
    line: number;
  };

/** Builds a record with its content-derived id; optional fields default to "none". */
export function createQuestion(fields: QuestionFields): ParsedQuestion {
  return {
    id: questionId(fields.kind, fields.text),
    kind: fields.kind,
    topic: fields.topic,
    text: fields.text,
    answers: fields.answers ?? [],
    expectedLevel: fields.expectedLevel ?? null,
    followUps: fields.followUps ?? [],
    notes: fields.notes ?? [],
    sources: [{ file: fields.file, line: fields.line }],
  };
}

export function createTip(category: string, title: string, body: string, file: string, line: number): CoachingTip {
  return { id: tipId(category, title), category, title, body, source: { file, line } };
}
