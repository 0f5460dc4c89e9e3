/*
 * Reference answers in the notebook corpus are markdown: headings, bold labels, bullet lists, LaTeX and
 * fenced code. Key points are prose, so this reduces a reference to plain lines, one statement per
 * line. Code in a fence with a language tag is dropped (identifiers are not key points); an untagged
 * fence is usually a diagram or a worked table in words ("High Bias: train error high") and is kept.
 */

const FENCE = /^\s*(```|~~~)\s*([\w+-]*)/;
const LIST_MARKER = /^\s*(?:[-*+•]|\d+[.)])\s+/;
const HEADING_MARKER = /^\s*#{1,6}\s+/;
const INLINE_MATH = /\$[^$\n]+\$/g;
const EMPHASIS = /\*\*|__|`/g;

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
