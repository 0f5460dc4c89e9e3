/*
 * Candidate text is untrusted. Characters a reader cannot see but a tokenizer or a model can — zero-width
 * spaces and joiners, bidi overrides that reorder what is displayed, the BOM, soft hyphens, Unicode "tag"
 * characters that smuggle ASCII (all \p{Cf}), C0/C1 controls except tab and newline, variation selectors
 * and the blank fillers "invisible text" generators use — hide instructions from a human reviewer and
 * corrupt logs. They are removed (not turned into spaces) so "res\u200Bult" reads as the word it shows.
 */
export const INVISIBLE_CHARACTERS = /[\p{Cf}\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFE00-\uFE0F\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** NFKC (so full-width look-alikes become plain), CRLF → LF, and every invisible character removed. */
export function stripInvisible(text: string): string {
  return text.normalize('NFKC').replace(/\r\n?/g, '\n').replace(INVISIBLE_CHARACTERS, '');
}

/** An answer as graders and the transcript see it: invisible characters gone, blank runs tidied, trimmed. */
export function sanitizeAnswer(text: string): string {
  return stripInvisible(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
