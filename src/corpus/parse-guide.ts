import { z } from 'zod';
import type { CoachingTip, ParsedDocument, ParsedQuestion } from '../contracts/question-schema.js';
import { createQuestion, createTip, splitLines } from './text-utils.js';

/** Part-3 section number of the guide ("3.1") → the interview question that section prepares for. */
export const BehaviouralMappingSchema = z.record(
  z.string().regex(/^\d+\.\d+$/, 'keys are part-3 section numbers such as "3.1"'),
  z.string().trim().min(1),
);
export type BehaviouralMapping = z.infer<typeof BehaviouralMappingSchema>;

export const GuideTipCategory = {
  prompt: 'self-preparation-prompt',
  promptGuidance: 'self-preparation-guidance',
  behavioural: 'behavioural-preparation',
  career: 'career',
} as const;

const SECTION = /^(\d+\.\d+)\s+(\S.*)$/;
const PART = /^(\d)\.\s*\S/;
const CHAPTER = /^Chapter\s+\d+:\s*(\S.*)$/;
const QUESTION = /^Q\d+\.\s+(\S.*)$/;
const PROMPT_GROUP = /^Section\s+\d+:/;
const PROMPT = /^Prompt\s+\d+:\s*\S/;

/**
 * Blocks that follow the last section of a part. Typographically they are ordinary sub-headings,
 * so nothing but their name tells them apart from the section they would otherwise extend.
 */
const CLOSING_BLOCKS = new Set([
  'How to Maximize Learning from These Prompts',
  'Final Interview Preparation Tips',
  'Conclusion: Your Path Forward',
]);

type UnitHeading =
  | { kind: 'question'; title: string }
  | { kind: 'prompt'; title: string }
  | { kind: 'section'; number: string; title: string }
  | { kind: 'block'; title: string };

type GuideLine =
  | UnitHeading
  | { kind: 'part'; number: number }
  | { kind: 'chapter'; title: string }
  /** Part 1's numbered sections and part 2's "Section N:" only group the units below them. */
  | { kind: 'grouping' }
  | { kind: 'text'; text: string };

interface Unit {
  heading: UnitHeading;
  part: number;
  chapter: string | null;
  line: number;
  body: string[];
}

function classify(text: string, part: number): GuideLine {
  const section = SECTION.exec(text);
  if (section?.[1] !== undefined && section[2] !== undefined) {
    return part === 1 ? { kind: 'grouping' } : { kind: 'section', number: section[1], title: section[2] };
  }
  // Part headings are "2. 50 Self-…" or "3.Communication…"; only the next part number counts, so a
  // numbered list item inside a part cannot start a new one.
  if (PART.test(text) && Number(text[0]) === part + 1) return { kind: 'part', number: part + 1 };
  const chapter = CHAPTER.exec(text)?.[1];
  if (chapter !== undefined) return { kind: 'chapter', title: chapter };
  const question = QUESTION.exec(text)?.[1];
  if (question !== undefined) return { kind: 'question', title: question };
  if (PROMPT_GROUP.test(text)) return { kind: 'grouping' };
  if (PROMPT.test(text)) return { kind: 'prompt', title: text };
  if (CLOSING_BLOCKS.has(text)) return { kind: 'block', title: text };
  return { kind: 'text', text };
}

function readUnits(lines: readonly string[]): Unit[] {
  const units: Unit[] = [];
  let part = 0;
  let chapter: string | null = null;
  let open: Unit | null = null;
  for (const [index, raw] of lines.entries()) {
    const text = raw.trim();
    if (text === '') continue;
    const line = classify(text, part);
    if (line.kind === 'part') {
      part = line.number;
      chapter = null;
      open = null;
    } else if (line.kind === 'chapter') {
      chapter = line.title;
      open = null;
    } else if (line.kind === 'grouping') {
      open = null;
    } else if (line.kind === 'text') {
      if (open !== null) {
        open.body.push(line.text);
      } else if (part > 0) {
        // Text right under a part heading is that part's introduction; its first line is its title.
        open = { heading: { kind: 'block', title: line.text }, part, chapter, line: index + 1, body: [] };
        units.push(open);
      }
    } else {
      open = { heading: line, part, chapter, line: index + 1, body: [] };
      units.push(open);
    }
  }
  if (part !== 4) throw new Error(`guide: expected 4 parts, found ${part}`);
  return units;
}

function stripQuotes(text: string): string {
  return text.replace(/^[“"]\s*/, '').replace(/\s*[”"]$/, '');
}

/** "Situation:", "- Layer 1:" — a label in front of a quote, not advice worth keeping. */
function isLabel(lead: string): boolean {
  return lead === '' || /^(?:-\s*)?[\p{L}\d]+(?: [\p{L}\d]+){0,2}:$/u.test(lead);
}

function isSubheading(line: string): boolean {
  return !line.startsWith('-') && !/[.!?:;,”"’)…]$/.test(line) && line.split(' ').length <= 12;
}

/**
 * A line that ends in a quote standing on its own ("Task: “…”", "Move to relevant background. “…”")
 * is part of a spoken sample answer. A quote inside a sentence ("say “…” rather than “…”") only
 * illustrates wording, so it stays advice.
 */
function quotedFragment(line: string): { quote: string; lead: string | null } | null {
  if (!line.endsWith('”')) return null;
  const open = line.lastIndexOf('“');
  if (open < 0) return null;
  const lead = line.slice(0, open).trim();
  if (lead !== '' && !/[.:!?]$/.test(lead)) return null;
  // "try to defer: “…”" still advises once the quote is gone, as a sentence of its own.
  return { quote: line.slice(open + 1, -1).trim(), lead: isLabel(lead) ? null : lead.replace(/:$/, '.') };
}

/** One sample answer per section: its quoted fragments in order; the rest is advice, one note per sub-heading. */
function splitSampleAnswer(body: readonly string[]): { answer: string | null; notes: string[] } {
  const fragments: string[] = [];
  const notes: string[] = [];
  let heading: string | null = null;
  let advice: string[] = [];
  const flush = (): void => {
    if (advice.length > 0) notes.push(heading === null ? advice.join(' ') : `${heading}: ${advice.join(' ')}`);
    advice = [];
  };
  for (const line of body) {
    if (isSubheading(line)) {
      flush();
      heading = line;
      continue;
    }
    const fragment = quotedFragment(line);
    if (fragment === null) {
      advice.push(line);
    } else {
      fragments.push(fragment.quote);
      if (fragment.lead !== null) advice.push(fragment.lead);
    }
  }
  flush();
  return { answer: fragments.length > 0 ? fragments.join(' ') : null, notes };
}

function unexpected(fileName: string, unit: Unit): Error {
  return new Error(`${fileName}:${unit.line}: unexpected ${unit.heading.kind} in part ${unit.part}`);
}

function requireChapter(fileName: string, unit: Unit): string {
  if (unit.chapter === null) throw new Error(`${fileName}:${unit.line}: ${unit.heading.kind} outside a chapter`);
  return unit.chapter;
}

export function parseGuide(text: string, fileName: string, mapping: BehaviouralMapping): ParsedDocument {
  const questions: ParsedQuestion[] = [];
  const tips: CoachingTip[] = [];
  const behaviouralSections = new Set<string>();
  const tip = (category: string, title: string, body: string, unit: Unit): void => {
    tips.push(createTip(category, title, body, fileName, unit.line));
  };

  for (const unit of readUnits(splitLines(text))) {
    const { heading, body } = unit;
    if (unit.part === 1) {
      // Part 1's introduction is a table of contents; only the Q&A carry content.
      if (heading.kind === 'block') continue;
      if (heading.kind !== 'question') throw unexpected(fileName, unit);
      questions.push(
        createQuestion({
          kind: 'technical',
          topic: requireChapter(fileName, unit),
          text: heading.title,
          answers: [body.join('\n')].filter((answer) => answer !== ''),
          file: fileName,
          line: unit.line,
        }),
      );
    } else if (unit.part === 2) {
      if (heading.kind === 'prompt') tip(GuideTipCategory.prompt, heading.title, stripQuotes(body.join(' ')), unit);
      else if (heading.kind === 'block') tip(GuideTipCategory.promptGuidance, heading.title, body.join('\n'), unit);
      else throw unexpected(fileName, unit);
    } else if (unit.part === 3) {
      const question = heading.kind === 'section' ? mapping[heading.number] : undefined;
      if (heading.kind === 'section') behaviouralSections.add(heading.number);
      if (question !== undefined) {
        const { answer, notes } = splitSampleAnswer(body);
        questions.push(
          createQuestion({
            kind: 'behavioural',
            topic: requireChapter(fileName, unit),
            text: question,
            answers: answer === null ? [] : [answer],
            notes,
            file: fileName,
            line: unit.line,
          }),
        );
      } else if (heading.kind === 'section' || heading.kind === 'block') {
        tip(GuideTipCategory.behavioural, heading.title, body.join('\n'), unit);
      } else {
        throw unexpected(fileName, unit);
      }
    } else if (heading.kind === 'section' || heading.kind === 'block') {
      tip(GuideTipCategory.career, heading.title, body.join('\n'), unit);
    } else {
      throw unexpected(fileName, unit);
    }
  }

  const stale = Object.keys(mapping).filter((section) => !behaviouralSections.has(section));
  if (stale.length > 0) throw new Error(`behavioural mapping names sections missing from ${fileName}: ${stale.join(', ')}`);
  return { questions, tips };
}
