/*
 * Reference answers in the notebook corpus are markdown: headings, bold labels, bullet lists, tables,
 * LaTeX and fenced code. `markdownToLines` reduces a reference to plain lines for its vocabulary;
 * `markdownStatements` keeps the structure key points need: which labelled block each line sits in
 * ("Components › Bias", "Interview Follow-ups") and whether it is prose or a list item.
 */

const FENCE = /^\s*(```|~~~)\s*([\w+-]*)/;
const LIST_MARKER = /^\s*(?:[-*+•]|\d+[.)])\s+/;
const HEADING_MARKER = /^\s*#{1,6}\s+/;
const INLINE_MATH = /\$[^$\n]+\$/g;
const HAS_INLINE_MATH = /\$[^$\n]+\$/;
const EMPHASIS = /\*\*|__|`/g;
const TABLE_ROW = /^\s*\|/;
const QUOTE_MARKER = /^\s*>\s?/;
const PICTOGRAPHS = /\p{Extended_Pictographic}\uFE0F?/gu;
/** "**Label:** rest", "**1. Label** (aside)", "**Label**". */
const BOLD_LABEL = /^\*\*(.+?)\*\*\s*(.*)$/;

/** A line that introduces what follows ("**Formal Definition:**", "High Bias Model (1 feature):"). */
function isLabelLine(line: string): boolean {
  return line.endsWith(':');
}

export function markdownToLines(markdown: string): string[] {
  const lines: string[] = [];
  let inFence = false;
  let keepFence = false;
  let inDisplayMath = false;
  for (const rawLine of markdown.split(/\r?\n/)) {
    const fence = FENCE.exec(rawLine);
    if (fence) {
      keepFence = !inFence && (fence[2] ?? '') === '';
      inFence = !inFence;
      continue;
    }
    if (inFence && !keepFence) continue;
    if (rawLine.trim().startsWith('$$')) {
      // A one-line formula opens and closes on the same line.
      const closesOnSameLine = rawLine.trim().length > 2 && rawLine.trim().endsWith('$$');
      if (!closesOnSameLine) inDisplayMath = !inDisplayMath;
      continue;
    }
    if (inDisplayMath) continue;
    const line = rawLine
      .replace(HEADING_MARKER, '')
      .replace(LIST_MARKER, '')
      .replace(INLINE_MATH, '')
      .replace(EMPHASIS, '')
      .trim();
    if (line === '' || line === '---' || isLabelLine(line)) continue;
    lines.push(line);
  }
  return lines;
}

export interface MarkdownStatement {
  /** Plain text: heading, list, quote and emphasis markers removed. */
  readonly text: string;
  readonly kind: 'prose' | 'item';
  /** Labels of the enclosing blocks, outermost first: ["Components", "Bias"]. */
  readonly sections: readonly string[];
  /**
   * Their levels: headings 1–6, bold labels 7, numbered bold labels 7.5, plain "Label:" lines 8, list
   * labels 10 + list depth.
   */
  readonly levels: readonly number[];
  /** List nesting depth of an item, 0 for the outermost list and for prose. */
  readonly depth: number;
  /** Inline math was cut out of the line, so its wording has gaps ("Adds  to the loss"). */
  readonly hadMath: boolean;
}

interface OpenSection {
  readonly label: string;
  /** See MarkdownStatement.levels. */
  readonly level: number;
}

const clean = (text: string): string => text.replace(EMPHASIS, '').replace(PICTOGRAPHS, '').replace(/\s+/g, ' ').trim();

/** A block label without its numbering and colon: "1. **Bias:**" → "Bias". */
function labelText(text: string): string {
  return clean(text)
    .replace(/^\d+[.)]\s*/, '')
    .replace(/:$/, '')
    .trim();
}

interface LabelParts {
  readonly label: string;
  /** Text after "**Label:**" on the same line, '' when the label stands alone. */
  readonly rest: string;
}

/**
 * "**Label:**", "**Label:** text", "**1. Label** (aside)" and plain "Label:" lines open a block. A bold
 * phrase followed by ordinary text ("**Bagging** trains…") does not.
 */
function readLabel(content: string): LabelParts | null {
  const bold = BOLD_LABEL.exec(content);
  if (bold?.[1] !== undefined) {
    const inner = bold[1].trim();
    const rest = (bold[2] ?? '').trim();
    const endsWithColon = inner.endsWith(':');
    const restIsAside = /^\(.*\):?$/.test(rest) || rest === ':';
    if (rest === '' || restIsAside) return { label: labelText(`${inner} ${rest.replace(/:$/, '')}`), rest: '' };
    if (endsWithColon) return { label: labelText(inner), rest: clean(rest) };
    return null;
  }
  const plain = clean(content);
  if (plain.endsWith(':') && !plain.includes('$')) return { label: labelText(plain), rest: '' };
  return null;
}

/**
 * The prose and list lines of a markdown answer with the labelled blocks they belong to. Code, diagrams
 * (untagged fences), tables, display math and rules are left out: none of them is a statement to cover.
 */
export function markdownStatements(markdown: string): MarkdownStatement[] {
  const statements: MarkdownStatement[] = [];
  const open: OpenSection[] = [];
  const listIndents: number[] = [];
  let inFence = false;
  let inDisplayMath = false;

  const openSection = (label: string, level: number): void => {
    while ((open.at(-1)?.level ?? 0) >= level) open.pop();
    if (label !== '') open.push({ label, level });
  };
  const closeFrom = (level: number): void => {
    while ((open.at(-1)?.level ?? 0) >= level) open.pop();
  };
  const push = (raw: string, kind: MarkdownStatement['kind'], depth: number): void => {
    const hadMath = HAS_INLINE_MATH.test(raw);
    const text = clean(raw.replace(INLINE_MATH, '').replace(QUOTE_MARKER, ''));
    if (text === '' || text === '---') return;
    statements.push({ text, kind, sections: open.map((section) => section.label), levels: open.map((section) => section.level), depth, hadMath });
  };

  for (const rawLine of markdown.split(/\r?\n/)) {
    if (FENCE.test(rawLine)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const trimmed = rawLine.trim();
    if (trimmed.startsWith('$$')) {
      const closesOnSameLine = trimmed.length > 2 && trimmed.endsWith('$$');
      if (!closesOnSameLine) inDisplayMath = !inDisplayMath;
      continue;
    }
    if (inDisplayMath || trimmed === '' || trimmed === '---' || TABLE_ROW.test(rawLine)) continue;

    const heading = /^(#{1,6})\s+(.*)$/.exec(trimmed);
    if (heading?.[1] !== undefined) {
      listIndents.length = 0;
      openSection(labelText(heading[2] ?? ''), heading[1].length);
      continue;
    }

    const marker = LIST_MARKER.exec(rawLine);
    if (marker) {
      const indent = rawLine.length - rawLine.trimStart().length;
      while ((listIndents.at(-1) ?? -1) > indent) listIndents.pop();
      if (listIndents.at(-1) !== indent) listIndents.push(indent);
      const depth = listIndents.length - 1;
      const content = rawLine.slice(marker[0].length).trim();
      const label = readLabel(content);
      if (label) {
        if (label.rest === '') {
          openSection(label.label, 10 + depth);
        } else {
          // "- **L1 (Lasso):** Adds a penalty…" is an item of the enclosing block ("Regularization") whose
          // label is its subject; deeper items still sit under it.
          closeFrom(10 + depth);
          push(`${label.label}: ${label.rest}`, 'item', depth);
          openSection(label.label, 10 + depth);
        }
      } else {
        closeFrom(10 + depth);
        push(content, 'item', depth);
      }
      continue;
    }

    const content = trimmed.replace(QUOTE_MARKER, '');
    const label = readLabel(content);
    const indent = rawLine.length - rawLine.trimStart().length;
    if (label) {
      // A plain "Label:" indented under a list item belongs to that item's block.
      const bold = content.startsWith('**');
      const numbered = bold && /^\*\*\d+[.)]/.test(content);
      const level = !bold && indent > 0 && listIndents.length > 0 ? 10 + listIndents.length : bold ? (numbered ? 7.5 : 7) : 8;
      if (level < 10) listIndents.length = 0;
      openSection(label.label, level);
      if (label.rest !== '') push(label.rest, 'prose', 0);
      continue;
    }
    if (indent === 0) {
      // Prose at the margin ends any list and the blocks its items opened.
      listIndents.length = 0;
      closeFrom(10);
      push(content, 'prose', 0);
    } else {
      push(content, listIndents.length > 0 ? 'item' : 'prose', Math.max(0, listIndents.length - 1));
    }
  }
  return statements;
}
