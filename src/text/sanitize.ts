import { ValidationError } from '../errors.js';
import { MAX_ANSWER_CHARS } from '../contracts/protocol.js';

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

/**
 * The one normalisation and length check of candidate text, shared by every path that accepts it (an
 * answer, a draft, one-shot feedback) so that what is accepted is exactly what is stored and graded. The
 * limit applies to the normalised text: NFKC turns a ligature such as "ﬃ" (pasted from a PDF) into three
 * letters, so text within the limit as typed can exceed it once normalised, and is refused here rather
 * than accepted and then found too long.
 *
 * Returns the normalised text, possibly empty; throws a ValidationError naming `field` when it is too long.
 */
export function normalizeCandidateText(raw: string, field: string): string {
  const text = sanitizeAnswer(raw);
  if (text.length > MAX_ANSWER_CHARS) {
    throw new ValidationError(
      `${field}: must be at most ${MAX_ANSWER_CHARS} characters; this one has ${text.length} once normalised ` +
        '(ligatures and full-width characters count as the letters they stand for)',
    );
  }
  return text;
}

/** An answer as accepted: normalised, within the limit and not empty. */
export function normalizeAnswer(raw: string): string {
  const text = normalizeCandidateText(raw, 'answer');
  if (text === '') throw new ValidationError('answer: must not be empty');
  return text;
}
