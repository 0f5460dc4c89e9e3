import type { ParsedDocument, ParsedQuestion } from '../contracts/question-schema.js';
import { createQuestion, splitLines } from './text-utils.js';

/** Extra enumerations after the number are typos in the source ("## 16. 6. How Do You…"). */
const HEADING = /^##\s+\d+\.\s+(?:\d+\.\s+)*(\S.*?)\s*$/;

/**
 * The candidate files are generic answers to common behavioural questions; sharing the guide's
 * chapter title keeps the topic list short.
 */
export const CANDIDATE_TOPIC = 'Common Behavioral Interview Questions';

/**
 * A sample answer is complete when it ends a sentence and, if it opened a quote, closes it.
 * A file cut off mid-answer fails this, so the fragment is never stored as an example.
 */
export function isCompleteAnswer(raw: string): boolean {
  const text = raw.trim();
  if (text.startsWith('"')) return text.length > 1 && /[.!?…]"$/.test(text);
  return /[.!?…]$/.test(text);
}

function unquote(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).trim() : text;
}

interface Section {
  question: string;
  line: number;
  body: string[];
}

function readSections(lines: readonly string[]): Section[] {
  const sections: Section[] = [];
  for (const [index, line] of lines.entries()) {
    const question = HEADING.exec(line)?.[1];
    if (question !== undefined) sections.push({ question, line: index + 1, body: [] });
    else sections.at(-1)?.body.push(line.trimEnd());
  }
  return sections;
}

/** `## N. Question` followed by a first-person answer in straight quotes, possibly with bullet lists. */
export function parseCandidateAnswers(text: string, fileName: string): ParsedDocument {
  const questions: ParsedQuestion[] = readSections(splitLines(text)).map((section) => {
    const raw = section.body.join('\n').trim();
    return createQuestion({
      kind: 'behavioural',
      topic: CANDIDATE_TOPIC,
      text: section.question,
      answers: raw !== '' && isCompleteAnswer(raw) ? [unquote(raw)] : [],
      file: fileName,
      line: section.line,
    });
  });
  return { questions, tips: [] };
}
