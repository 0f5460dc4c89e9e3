import type { SentenceInfo, TokenInfo } from './nlp.js';
import { isWord, LIST_MARKER } from './terms.js';

/*
 * A markdown list is how most candidates lay out an answer in a chat box, and each of its lines is read as a
 * sentence of its own (answer-text.ts). Read one by one, its items are fragments: "Independent errors",
 * "L1/L2 regularization, dropout", "**Prevent:**". Judged like sentences, a numbered list of linear
 * regression's assumptions scored 1.6 as a keyword list, the same items in one sentence 4.2. A list is judged
 * here as a whole instead: it is structured when most of its items state something, a dump of keywords when
 * most name a bare term.
 */

/** Markup inside an item that is not its words: emphasis ("**What:**", "__x__", "`x`"). */
const EMPHASIS: ReadonlySet<string> = new Set(['*', '**', '_', '__', '`']);
/** A label opening an item ("What:", "**Detect:**", "Matplotlib / Seaborn:") has at most this many words. */
const LABEL_WORDS = 4;
/** Words after a label that say something of it: "Homoscedasticity: constant variance", not "Detect: validation". */
const LABELLED_CONTENT_WORDS = 2;
/** Words of an unlabelled item that can state something: "Normally distributed residuals", not "early stopping". */
const ITEM_WORDS = 3;
/**
 * Parts of speech that relate an item's words rather than stack terms: "Linearity between features and
 * target", "Less interpretable than a single tree", "Normally distributed residuals". "train vs validation
 * loss" and "gradient descent optimisation algorithm" have none. Not a verb: the lite model tags terms in a
 * list as verbs ("learning curves", "validation set").
 */
const RELATING_POS: ReadonlySet<string> = new Set(['ADP', 'AUX', 'SCONJ', 'PART', 'DET', 'PRON', 'ADV']);
/**
 * An item cut by separators into short pieces is a row of terms however it is laid out: four or more pieces
 * ("each model, aggregate across models, performance estimate, bagging"), or three of which hardly any relates its
 * words ("L1/L2 regularization, dropout", "**Definition:** validation set, held-out data, hyperparameter tuning").
 * A row in one sentence is a term list too (terms.ts). "**Bagging:** independent models on bootstrap samples,
 * averaged, so less variance" relates the words of its pieces.
 */
export const ITEM_SEPARATORS: ReadonlySet<string> = new Set([',', ';', '/', '|']);
const ROW_PIECES = 3;
const LONG_ROW_PIECES = 4;
const ROW_PIECE_WORDS = 3.5;
const ROW_RELATING_SHARE = 1 / 3;
/** Share of the items, leads left out, that must state something for a list to be structured. */
const STRUCTURED_SHARE = 2 / 3;
const MIN_STATING_ITEMS = 2;

export interface ListItems {
  /** Items of a structured list: each is read as a statement, whatever its own shape. */
  readonly stated: ReadonlySet<SentenceInfo>;
  /** Items of a keyword dump that name a bare term ("- dropout", "- **Detect:** validation"): they list, not explain. */
  readonly bare: ReadonlySet<SentenceInfo>;
}

type ItemKind = 'lead' | 'states' | 'bare' | 'row';

/** A sentence's tokens without its list marker, if it opens with one, and emphasis. */
export function withoutMarkup(sentence: SentenceInfo): TokenInfo[] {
  const marker = LIST_MARKER.exec(sentence.text)?.[0];
  // A bullet is one token; a number is two, the number and its "." or ")".
  const markerTokens = marker === undefined ? 0 : /^\d/.test(marker) ? 2 : 1;
  return sentence.tokens.slice(markerTokens).filter((token) => !EMPHASIS.has(token.text));
}

/** The item's tokens without its marker and emphasis, or undefined for a sentence that is not a list item. */
const itemTokens = (sentence: SentenceInfo): readonly TokenInfo[] | undefined => (LIST_MARKER.test(sentence.text) ? withoutMarkup(sentence) : undefined);

function relates(tokens: readonly TokenInfo[]): boolean {
  return tokens.some((token) => token.text === '(' || RELATING_POS.has(token.pos) || (token.stop && token.pos !== 'CCONJ'));
}

function isTermRow(tokens: readonly TokenInfo[]): boolean {
  const pieces: TokenInfo[][] = [[]];
  for (const token of tokens) {
    if (ITEM_SEPARATORS.has(token.text)) pieces.push([]);
    else pieces.at(-1)?.push(token);
  }
  const filled = pieces.filter((piece) => piece.some(isWord));
  if (filled.length < ROW_PIECES) return false;
  const words = filled.reduce((sum, piece) => sum + piece.filter(isWord).length, 0);
  if (words / filled.length > ROW_PIECE_WORDS) return false;
  return filled.length >= LONG_ROW_PIECES || filled.filter(relates).length <= ROW_RELATING_SHARE * filled.length;
}

/**
 * What one item does: leads the items after it (a label alone: "**Prevent:**", "Ways to prevent it:"),
 * states something (a label and what it says of it, or a phrase whose words a preposition, determiner or
 * adverb relates), names a bare term, or lists a row of terms.
 */
function kindOf(tokens: readonly TokenInfo[]): ItemKind {
  const colon = tokens.findIndex((token) => token.text === ':');
  const label = colon > 0 ? tokens.slice(0, colon) : [];
  const labelled = colon > 0 && label.filter(isWord).length <= LABEL_WORDS;
  const content = labelled ? tokens.slice(colon + 1) : tokens;
  const words = content.filter(isWord).length;
  if (words === 0) return 'lead';
  if (isTermRow(content)) return 'row';
  if (labelled) return words >= LABELLED_CONTENT_WORDS ? 'states' : 'bare';
  return words >= ITEM_WORDS && relates(content) ? 'states' : 'bare';
}

/**
 * The answer's list items, judged as one list: structured when at least STRUCTURED_SHARE of its items (leads
 * left out) state something, then every item but a row of terms is a statement ("Independent errors" among
 * "Linearity between features and target" and "Normally distributed residuals"); otherwise its bare terms are
 * a keyword dump, with or without a sentence among them.
 */
export function readListItems(sentences: readonly SentenceInfo[]): ListItems {
  const items: { sentence: SentenceInfo; kind: ItemKind }[] = [];
  for (const sentence of sentences) {
    const tokens = itemTokens(sentence);
    if (tokens !== undefined) items.push({ sentence, kind: kindOf(tokens) });
  }
  const counted = items.filter((item) => item.kind !== 'lead');
  const stating = counted.filter((item) => item.kind === 'states').length;
  const structured = stating >= MIN_STATING_ITEMS && stating >= STRUCTURED_SHARE * counted.length;
  const stated = new Set<SentenceInfo>();
  const bare = new Set<SentenceInfo>();
  for (const { sentence, kind } of items) {
    if (structured && (kind === 'states' || kind === 'bare')) stated.add(sentence);
    if (!structured && kind === 'bare') bare.add(sentence);
  }
  return { stated, bare };
}
