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

/** A line opening with a label of its own: "Trade-offs: every ensemble costs more…". */
const OWN_LABEL = /^[^:]{1,60}:\s/;

/** A line that introduces what follows ("**Formal Definition:**", "High Bias Model (1 feature):"). */
function isLabelLine(line: string): boolean {
  return line.endsWith(':');
}

/** A plain line of a reference, with the label of the block it sits under ("Bagging" for the bullets after "**Bagging:**"). */
export interface LabelledLine {
  readonly text: string;
  readonly block: string | null;
}

export function markdownToLines(markdown: string): string[] {
  return markdownToLabelledLines(markdown).map((line) => line.text);
}

/**
 * The lines of a markdown text that are read as text: an untagged fence's lines are (a pseudo-code algorithm), a
 * tagged fence's code and display math ("$$ … $$", or one line "$$x^2$$") are not, nor the markers themselves.
 */
function* textLines(markdown: string): Generator<string> {
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
    const trimmed = rawLine.trim();
    if (trimmed.startsWith('$$')) {
      // A one-line formula opens and closes on the same line.
      if (!(trimmed.length > 2 && trimmed.endsWith('$$'))) inDisplayMath = !inDisplayMath;
      continue;
    }
    if (!inDisplayMath) yield rawLine;
  }
}

/**
 * The plain lines of a reference, each with its block's label: the last label line ("**Bagging:**") or heading
 * before it; a line opening with a label of its own ("Trade-offs: every ensemble…") starts another block.
 */
export function markdownToLabelledLines(markdown: string): LabelledLine[] {
  const lines: LabelledLine[] = [];
  let block: string | null = null;
  for (const rawLine of textLines(markdown)) {
    const line = rawLine
      .replace(HEADING_MARKER, '')
      .replace(LIST_MARKER, '')
      .replace(INLINE_MATH, '')
      .replace(EMPHASIS, '')
      .trim();
    if (line === '' || line === '---') continue;
    if (isLabelLine(line)) {
      block = line.slice(0, -1);
      continue;
    }
    if (HEADING_MARKER.test(rawLine)) block = line;
    else if (OWN_LABEL.test(line)) block = null;
    lines.push({ text: line, block });
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

/** A sequence the reference states by its layout: its steps' texts, each a list item or a labelled block. */
export interface LayoutSequence {
  readonly steps: readonly string[];
  /**
   * How many of its items must be instructions ("Split the data…", not a thing's name, "Bias", nor a fact, "At
   * inference dropout is switched off") for it to be read as steps: none; half, for a numbered list of plain
   * lines; most, for bullets under a lead-in that calls them a procedure ("How it works:").
   */
  readonly instructions: 'none' | 'half' | 'most';
}

/** A label naming a procedure: the list under it is done in its order ("Steps:", "**Algorithm (Lloyd's):**"). */
const PROCEDURE_LABEL = /^(?:the\s+)?(?:steps?|algorithm|procedure|process|pipeline|workflow)\b/i;
/**
 * "How it works" heads a procedure over a numbered list; over bullets, which are as often facts or modes ("At
 * inference dropout is switched off") as steps, only when most of them are instructions ("Centre the data",
 * "Compute the covariance matrix", "Project the data…"), as is a lead-in naming a procedure anywhere in it
 * ("K-means repeats these steps:", "It works as follows:").
 */
const WORKINGS_LABEL = /\bhow (?:it|they|this) works?\b/i;
const PROCEDURE_LEAD = /\b(?:steps?|algorithm|procedure|process|pipeline|workflow|as follows|in (?:this|that|the following) order)\b/i;
/**
 * A list item opening with a step cue ("First, …", "Then …", "Finally …"): bullets saying so, two at least, are
 * steps in their order whatever labels them.
 */
const CUED_ITEM = /^(?:first(?:ly)?|then|next|after (?:that|this)|finally|lastly)\b/i;
/** A label numbering a step ("Step 1", "**Phase 2:** …"). */
const NUMBERED_STEP = /^(?:step|phase|stage)\s*\d{1,2}\b/i;
/** A label calling its block a step ("Forward pass", "Assignment step", "E-step"). */
const NAMED_STEP = /\b(?:step|pass|phase|stage)$/i;
/** Labels of a section about the whole, never a step after the named ones ("Trade-offs", "Example"). */
const SECTION_LABEL =
  /\b(?:examples?|trade-?offs?|pros|cons|advantages?|disadvantages?|pitfalls?|mistakes?|notes?|summary|complexity|when|why|definition|intuition|tips?|variants?|practices|follow-?ups?|answer|interview)\b/i;
/** "Forward pass: the inputs…": a short label opening a line, up to four words. */
const LINE_LABEL = /^((?:[\w()-]+\s+){0,3}[\w()-]+):\s+\S/;

/** Text under a list's last item (a sub-item, an indented line) is part of its step. */
function extend(list: LayoutList, text: string): void {
  const last = list.items.at(-1);
  if (last !== undefined) last.text += ` ${text}`;
}

const stepLike = (label: string): boolean => NUMBERED_STEP.test(label) || NAMED_STEP.test(label.replace(/\s*\(.*\)$/, ''));

interface LayoutList {
  readonly indent: number;
  readonly label: string;
  /** The index of the block whose label is over the list, when it is at the margin under one; else -1. */
  readonly block: number;
  readonly items: { numbered: number | null; text: string; own: string; label: string; bold: boolean }[];
}

/** The label a line opens with, and the line's text: "**Step 1** Run…", "Forward pass: the inputs…", "**Bias:**". */
function lineLabel(content: string): { label: string; text: string } {
  const cleaned = clean(content);
  const bold = BOLD_LABEL.exec(content);
  if (bold?.[1] !== undefined) {
    const inner = labelText(bold[1]);
    const rest = clean(bold[2] ?? '');
    if (rest === '' || /^\(.*\):?$/.test(rest) || bold[1].trim().endsWith(':') || NUMBERED_STEP.test(inner)) return { label: inner, text: cleaned };
  }
  const plain = LINE_LABEL.exec(cleaned);
  if (plain?.[1] !== undefined) return { label: labelText(plain[1]), text: cleaned };
  if (cleaned.endsWith(':')) return { label: labelText(cleaned), text: cleaned };
  const numbered = NUMBERED_STEP.exec(cleaned);
  return { label: numbered ? numbered[0] : '', text: cleaned };
}

/** A run of labels read as steps: those numbered as steps, or two or more called steps and the one block after them. */
function stepRuns(labels: readonly string[]): [number, number][] {
  const runs: [number, number][] = [];
  let from = 0;
  while (from < labels.length) {
    if (!stepLike(labels[from] ?? '')) {
      from += 1;
      continue;
    }
    let to = from;
    while (to + 1 < labels.length && stepLike(labels[to + 1] ?? '')) to += 1;
    // "Forward pass: … Backward pass: … Update: …": the step after the named ones rarely calls itself one.
    const after = labels[to + 1];
    if (after !== undefined && after !== '' && after.split(/\s+/).length <= 2 && !SECTION_LABEL.test(after) && !NUMBERED_STEP.test(labels[from] ?? '')) to += 1;
    if (to - from + 1 >= 3 && labels.slice(from, to + 1).filter(stepLike).length >= 2) runs.push([from, to]);
    from = to + 1;
  }
  return runs;
}

/**
 * Sequences a markdown reference states by its layout rather than by its words: a list under a label naming
 * a procedure, a numbered list of instructions (see reference-profile.ts), bullets of instructions under a
 * lead-in naming a procedure or how it works, bullets opening with step cues ("- First, …", "- Then, …"), and items or blocks labelled as steps ("**Step 1** …", "Forward
 * pass: … Backward pass: … Update: …"). A numbered list of named things ("1. **Bias:** … 2. **Variance:** …",
 * "**1. Get More Data**") is an enumeration, not an order. Untagged fences are read as text, as
 * `markdownToLines` reads them (a pseudo-code algorithm); tagged code, tables and math are not.
 */
export function layoutSequences(markdown: string): LayoutSequence[] {
  const sequences: LayoutSequence[] = [];
  const lists: LayoutList[] = [];
  const open: LayoutList[] = [];
  const blocks: { label: string; text: string }[] = [];
  let label = '';
  const closeLists = (indent: number): void => {
    while ((open.at(-1)?.indent ?? -1) >= indent) open.pop();
  };
  for (const rawLine of textLines(markdown)) {
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed === '---' || TABLE_ROW.test(rawLine)) continue;
    const indent = rawLine.length - rawLine.trimStart().length;
    const heading = HEADING_MARKER.exec(trimmed);
    const marker = LIST_MARKER.exec(rawLine);
    if (marker) {
      closeLists(indent + 1);
      const content = rawLine.slice(marker[0].length).trim();
      const number = /^\s*(\d+)[.)]/.exec(marker[0]);
      const own = lineLabel(content);
      let list = open.at(-1);
      if (list === undefined || list.indent !== indent) {
        // A nested list is labelled by its parent item ("2. For each fold:"), never by the label over the outer list.
        const parent = open.at(-1)?.items.at(-1);
        list = { indent, label: parent === undefined ? label : parent.own, block: parent === undefined && label !== '' ? blocks.length - 1 : -1, items: [] };
        lists.push(list);
        open.push(list);
      }
      // An item's sub-items are part of its step.
      for (const outer of open) if (outer.indent < indent) extend(outer, own.text);
      list.items.push({ numbered: number ? Number(number[1]) : null, text: own.text, own: own.text, label: own.label, bold: content.startsWith('**') });
      continue;
    }
    const content = clean(trimmed.replace(HEADING_MARKER, '').replace(QUOTE_MARKER, ''));
    if (indent > 0 && open.length > 0) {
      for (const list of open) if (list.indent < indent) extend(list, content);
      continue;
    }
    open.length = 0;
    const own = heading ? { label: labelText(content), text: '' } : lineLabel(trimmed);
    if (own.label !== '') {
      label = own.label;
      blocks.push({ label: own.label, text: own.text.endsWith(':') ? '' : own.text });
    } else {
      // Prose at the margin ends what a label over a list could name ("Steps:" then a paragraph, then a list).
      label = '';
      const last = blocks.at(-1);
      if (last !== undefined) last.text = `${last.text} ${content}`.trim();
    }
  }
  for (const list of lists) {
    const { items } = list;
    if (items.length < 3) continue;
    const numbered = items.every((item, index) => item.numbered === index + 1);
    const labels = items.map((item) => item.label);
    const runs = stepRuns(labels);
    for (const [from, to] of runs) sequences.push({ steps: items.slice(from, to + 1).map((item) => item.text), instructions: 'none' });
    if (runs.length > 0) continue;
    const steps = items.map((item) => item.text);
    const lead = WORKINGS_LABEL.test(list.label) || (PROCEDURE_LEAD.test(list.label) && !SECTION_LABEL.test(list.label));
    if (PROCEDURE_LABEL.test(list.label) || (numbered && WORKINGS_LABEL.test(list.label))) sequences.push({ steps, instructions: 'none' });
    // A numbered list of labelled things ("1. **Precision:** …") names them; of plain lines, it may count steps.
    else if (numbered && items.every((item) => !item.bold)) sequences.push({ steps, instructions: 'half' });
    else if (!numbered && items.filter((item) => CUED_ITEM.test(item.own)).length >= 2) sequences.push({ steps, instructions: 'none' });
    else if (!numbered && lead && items.every((item) => !item.bold)) sequences.push({ steps, instructions: 'most' });
  }
  // Blocks called passes or steps, one after another, each a list ("**Forward pass:** - … - … **Backward pass:** - …
  // - …"): one sequence, a step per item. Each block alone is as often a list of facts about its step as steps.
  // A label naming a step ("Forward pass"), not one about the step in general ("By the data used per step",
  // "Improving the step", over lists of variants).
  const named = lists.filter((list) => list.block >= 0 && stepLike(list.label) && !/\b(?:the|per|each|every|a|one)\s+(?:step|pass|phase|stage)$/i.test(list.label));
  for (let from = 0; from < named.length; ) {
    let to = from;
    while ((named[to + 1]?.block ?? -2) === (named[to]?.block ?? 0) + 1) to += 1;
    const run = named.slice(from, to + 1);
    if (run.length >= 2) sequences.push({ steps: run.flatMap((list) => list.items.map((item) => item.text)), instructions: 'none' });
    from = to + 1;
  }
  for (const [from, to] of stepRuns(blocks.map((block) => block.label))) {
    sequences.push({ steps: blocks.slice(from, to + 1).map((block) => block.text).filter((text) => text !== ''), instructions: 'none' });
  }
  return sequences.filter((sequence) => sequence.steps.length >= 3);
}
