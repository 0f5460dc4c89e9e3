/*
 * Candidate text is untrusted. Invisible characters (zero-width, bidi overrides, tag characters) can
 * hide instructions from a human reviewer while a model still reads them, and control characters can
 * corrupt logs and terminals: both are removed before any grader sees the text.
 */
// C0 except \t \n \r, DEL, C1, zero-width and bidi controls, BOM, tag characters.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\u{E0000}-\u{E007F}]/gu;

export function sanitizeAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
