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

/*
 * Superscripts and subscripts carry meaning in the answers of this product ("Var(X) = E[X²] − E[X]²", "x₁",
 * "10⁻³"), and NFKC would flatten them into other statements ("E[X2]", "x1", "10−3"). They are kept as typed.
 * NFKC folds each of them into exactly one UTF-16 unit, so a reader that wants plain text folds them with
 * `foldNotation` without moving any offset.
 */
const NOTATION_RANGES = '\\u00B2\\u00B3\\u00B9\\u1D62-\\u1D6A\\u2070-\\u209F';
const NOTATION = new RegExp(`[${NOTATION_RANGES}]`, 'gu');
const HAS_NOTATION = new RegExp(`[${NOTATION_RANGES}]`, 'u');
const OUTSIDE_NOTATION = new RegExp(`[^${NOTATION_RANGES}]+`, 'gu');

/** NFKC for everything but superscripts and subscripts. */
function normalizeKeepingNotation(text: string): string {
  const plain = text.normalize('NFKC');
  // Most text has no notation, and NFKC of the whole is then the answer.
  if (plain === text || !HAS_NOTATION.test(text)) return plain;
  return text.replace(OUTSIDE_NOTATION, (run) => run.normalize('NFKC'));
}

/** Superscripts and subscripts as NFKC writes them ("x²" → "x2"): one unit for one, so offsets stay put. */
export function foldNotation(text: string): string {
  return text.replace(NOTATION, (character) => character.normalize('NFKC'));
}

/**
 * NFKC (so full-width look-alikes and ligatures become plain) except for superscripts and subscripts, CRLF → LF,
 * and every invisible character removed.
 */
export function stripInvisible(text: string): string {
  return normalizeKeepingNotation(text).replace(/\r\n?/g, '\n').replace(INVISIBLE_CHARACTERS, '');
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
