import type { ParsedDocument, ParsedQuestion } from '../contracts/question-schema.js';
import { createQuestion, splitLines, stripEmoji } from './text-utils.js';

const FENCE = /^\s*```/;
const SECTION_HEADING = /^#\s.*\bSECTION\s+\d+:\s*(\S.*)$/;
const QUESTION_HEADING = /^##\s+Q\d+:\s*(\S.*)$/;
const TOP_HEADING = /^#{1,2}\s/;
const GROUP_HEADING = /^###\s+(\S.*)$/;
/** "- Q10-20: More…" placeholders have a range, so a single number is required. */
const LISTED_QUESTION = /^-\s+Q\d+:\s*(\S.*)$/;
const BOLD_LABEL = /^\*\*(.+?)\*\*\s*(.*)$/;
const FOLLOW_UP_LIST = /^Interview Follow-ups$/i;
/** `- "How do you handle the tradeoff in practice?" → hint`: the quoted part is the question. */
const FOLLOW_UP_ITEM = /^-\s*"(.+?)"/;
const COMMON_FOLLOW_UP = /^Common Follow-up:\s*"(.+)"$/;
/** Blocks written for the candidate's awareness rather than as the answer itself. */
const NOTE_LABEL = /follow-up|mistake|pitfall|pro tip/i;

interface Line {
  text: string;
  /** Inside a code fence (or the fence itself): `# comment` there is code, not a heading. */
  fenced: boolean;
}

interface OpenQuestion {
  text: string;
  topic: string;
  line: number;
  body: Line[];
}

interface Block {
  /** Null for the text before the first bold label. */
  heading: { line: Line; label: string } | null;
  /** The lines after the heading. */
  lines: Line[];
}

function markFences(lines: readonly string[]): Line[] {
  let inFence = false;
  return lines.map((text) => {
    const isFence = FENCE.test(text);
    const fenced = inFence || isFence;
    if (isFence) inFence = !inFence;
    return { text, fenced };
  });
}

/** Bold label lines ("**Answer:**", "**Common Pitfalls:**") open a block that runs to the next one. */
function splitBlocks(body: readonly Line[]): Block[] {
  const blocks: Block[] = [{ heading: null, lines: [] }];
  for (const line of body) {
    const match = line.fenced ? null : BOLD_LABEL.exec(line.text);
    if (match?.[1] === undefined) blocks.at(-1)?.lines.push(line);
    else blocks.push({ heading: { line, label: match[1].replace(/:$/, '').trim() }, lines: [] });
  }
  return blocks;
}

/** Block text without the blank lines and `---` rules that separate it from the next block. */
function joinTrimmed(lines: readonly Line[]): string {
  const texts = lines.map((line) => line.text.trimEnd());
  const end = texts.findLastIndex((text) => !/^(?:---)?$/.test(text.trim()));
  return texts
    .slice(0, end + 1)
    .join('\n')
    .trim();
}

function listedFollowUps(lines: readonly Line[]): string[] {
  return lines.flatMap((line) => {
    const item = line.fenced ? undefined : FOLLOW_UP_ITEM.exec(line.text.trim())?.[1];
    return item === undefined ? [] : [item];
  });
}

function buildQuestion(open: OpenQuestion, fileName: string): ParsedQuestion {
  let expectedLevel: string | null = null;
  const answer: Line[] = [];
  const followUps: string[] = [];
  const notes: string[] = [];
  for (const { heading, lines } of splitBlocks(open.body)) {
    if (heading === null) {
      answer.push(...lines);
    } else if (heading.label === 'Expected Level') {
      expectedLevel = BOLD_LABEL.exec(heading.line.text)?.[2]?.trim() || null;
      answer.push(...lines);
    } else if (heading.label === 'Answer') {
      answer.push(...lines);
    } else if (NOTE_LABEL.test(heading.label)) {
      notes.push(joinTrimmed([{ ...heading.line, text: heading.line.text.replace(/\*\*/g, '') }, ...lines]));
      const common = COMMON_FOLLOW_UP.exec(heading.label)?.[1];
      if (common !== undefined) followUps.push(common);
      if (FOLLOW_UP_LIST.test(heading.label)) followUps.push(...listedFollowUps(lines));
    } else {
      answer.push(heading.line, ...lines);
    }
  }
  const model = joinTrimmed(answer);
  return createQuestion({
    kind: 'technical',
    topic: open.topic,
    text: open.text,
    answers: model === '' ? [] : [model],
    expectedLevel,
    followUps,
    notes,
    file: fileName,
    line: open.line,
  });
}

function cleanGroupHeading(heading: string): string {
  return stripEmoji(heading.replace(/\*\*/g, '').replace(/\(Continued\)/i, ''));
}

/**
 * The markdown notebook: `## QN:` questions with structured model answers under `# SECTION N:`
 * headings, then a bank of `- QN: title` prompts without answers under `###` groups.
 */
export function parseNotebook(text: string, fileName: string): ParsedDocument {
  const questions: ParsedQuestion[] = [];
  let sectionTopic: string | null = null;
  let groupTopic: string | null = null;
  let open: OpenQuestion | null = null;
  const close = (): void => {
    if (open !== null) questions.push(buildQuestion(open, fileName));
    open = null;
  };

  for (const [index, line] of markFences(splitLines(text)).entries()) {
    const markup = line.fenced ? null : line.text;
    const section = markup === null ? undefined : SECTION_HEADING.exec(markup)?.[1];
    const question = markup === null ? undefined : QUESTION_HEADING.exec(markup)?.[1];
    if (section !== undefined) {
      close();
      sectionTopic = stripEmoji(section);
      groupTopic = null;
    } else if (question !== undefined) {
      close();
      if (sectionTopic === null) throw new Error(`${fileName}:${index + 1}: question outside a SECTION`);
      open = { text: question.trim(), topic: sectionTopic, line: index + 1, body: [] };
    } else if (markup !== null && TOP_HEADING.test(markup)) {
      close();
      groupTopic = null;
    } else if (open !== null) {
      open.body.push(line);
    } else if (markup !== null) {
      const group = GROUP_HEADING.exec(markup)?.[1];
      const listed = LISTED_QUESTION.exec(markup)?.[1];
      if (group !== undefined) groupTopic = cleanGroupHeading(group);
      if (listed !== undefined) {
        const topic = groupTopic ?? sectionTopic;
        if (topic === null) throw new Error(`${fileName}:${index + 1}: listed question outside a heading`);
        questions.push(createQuestion({ kind: 'technical', topic, text: listed.trim(), file: fileName, line: index + 1 }));
      }
    }
  }
  close();
  return { questions, tips: [] };
}
