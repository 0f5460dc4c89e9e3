import { createHash } from 'node:crypto';
import { stripInvisible } from '../text/sanitize.js';

/** Angle-bracket runs are the delimiter syntax; inside data they become single guillemets, which no marker uses. */
function neutraliseMarkers(text: string): string {
  return text.replace(/<{3,}/g, (run) => '‹'.repeat(run.length)).replace(/>{3,}/g, (run) => '›'.repeat(run.length));
}

/** Cleans untrusted text for a prompt: invisible characters removed, delimiter syntax neutralised. */
export function sanitizeUntrusted(text: string): string {
  return neutraliseMarkers(stripInvisible(text));
}

export interface DelimitedBlock {
  /** The block to put in the prompt: start marker, data, end marker, one per line. */
  block: string;
  start: string;
  end: string;
  /** The sanitised data exactly as the model sees it (quotes from the model are checked against this). */
  data: string;
}

/**
 * Wraps untrusted text between markers carrying an id derived from the text itself. Deterministic (the same
 * answer gives the same prompt), yet unforgeable twice over: the data can contain no `<<<` at all, and even
 * a marker-looking line in it would need to carry the hash of the text that contains it.
 */
export function delimitUntrusted(label: string, text: string): DelimitedBlock {
  const data = sanitizeUntrusted(text);
  const id = createHash('sha256').update(label).update('\0').update(data).digest('hex').slice(0, 16);
  const start = `<<<${label} id=${id}>>>`;
  const end = `<<<END_${label} id=${id}>>>`;
  return { block: `${start}\n${data}\n${end}`, start, end, data };
}

/** Cuts text to at most `maxChars`, at a word boundary when one is near, marking the cut. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(' ');
  const head = lastSpace > maxChars * 0.8 ? cut.slice(0, lastSpace) : cut;
  return `${head.trimEnd()} […truncated]`;
}
