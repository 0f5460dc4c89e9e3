import type { SentenceInfo } from './nlp.js';

/*
 * A sentence said again is said once. An answer padded with one line repeated ("- step 0: gradient descent updates
 * parameters", "- step 1: gradient descent updates parameters", … 500 times) was read as a structured list of 500
 * statements: one such line alone is a term list (1.0), two copies of it made a list of two stating items, which
 * reads every item as a statement (2.2). Each copy also added to the answer's length.
 */

/**
 * A list item's marker, of any number ("- ", "2. ", "(12) ", "500. "), also alone: wink ends a sentence after a
 * number of three digits ("100." | "compute the gradient…"), so such a line's marker is a sentence of its own.
 */
const ITEM_MARKER = /^(?:[-*•+]|\(?\d+[.)])(?:\s+|$)/;
/**
 * A label that only numbers the line: "Step 3:", "point 12 -", "Item 4)". Not one naming a thing ("Layer 2: 64 units"
 * and "Layer 3: 64 units" say different things).
 */
const NUMBERING_LABEL = /^(?:step|stage|phase|item|point|part|line|no)\.?\s*\d+\s*[:.)\u2013\u2014-]\s*/iu;

/** A character a sentence may close with: blanks and punctuation, which say nothing of their own. */
const CLOSING = /[\s.;,!?]/;
/**
 * Blanks other than one space: a run of two or more, or a tab or line break alone. Collapsing only these to a space
 * gives what collapsing every run does, and most sentences have none, so their text is not copied.
 */
const LOOSE_BLANKS = /\s{2,}|[^\S ]/g;

/**
 * What a sentence says, without the marker and number of its line, its case, spacing and closing punctuation. Asked of
 * every sentence of every technical answer, so its closing characters are dropped by a walk from the end rather than a
 * pattern tried at every blank and mark of the sentence; dropped before the blanks are collapsed, which leaves the same
 * text (the closing run takes in every blank before it).
 */
function saying(sentence: SentenceInfo): string {
  const text = sentence.text.trim().replace(ITEM_MARKER, '').replace(NUMBERING_LABEL, '');
  let end = text.length;
  while (end > 0 && CLOSING.test(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end).replace(LOOSE_BLANKS, ' ').toLowerCase();
}

/** The sentences with every one that says what an earlier one said left out. */
export function withoutRepeats(sentences: readonly SentenceInfo[]): readonly SentenceInfo[] {
  const said = new Set<string>();
  const kept: SentenceInfo[] = [];
  for (const sentence of sentences) {
    const key = saying(sentence);
    // A sentence of a marker alone ("100.") says nothing, as often as it comes.
    if (said.has(key)) continue;
    said.add(key);
    kept.push(sentence);
  }
  return kept.length === sentences.length ? sentences : kept;
}
