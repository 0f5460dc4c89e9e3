import type { CustomEntities, Detail, Entities, PartOfSpeech, Tokens } from 'wink-nlp';
import { CUE_PATTERNS, LOW_INFORMATION_LEMMAS, RELATED_TERMS, SPECIFIC_MEMBERS, SPLIT_NAMES, type CueName } from './cues.js';
import { continuesSentence, endsSentenceAfter } from './sentence-boundaries.js';
import { affirmedAfterNegation } from './negation-scope.js';
import { its, nlp, stemWord } from './wink.js';
import { MAX_RUN_CHARS } from './run-cap.js';

export interface TokenInfo {
  readonly text: string;
  /** Lower-cased, contractions expanded ("'d" → "would"). */
  readonly normal: string;
  readonly lemma: string;
  readonly pos: PartOfSpeech;
  readonly stop: boolean;
  /** Inside the scope of a negation ("did not ship it": ship, it). */
  readonly negated: boolean;
  /** wink token type: word, number, punctuation, symbol, currency, url, emoji, … */
  readonly kind: string;
  /**
   * Matching key of a content word, '' for every other token: the key of its related-terms group
   * ("~overfit" for "overfits", "memorize" and "high variance"; see RELATED_TERMS), else its Porter
   * stem, which lets "regularization" meet "regularize" where lemmas do not. A phrase of the group
   * puts the key on one of its tokens and clears the others.
   */
  readonly term: string;
  /**
   * What the token names in itself: its term, except for a related-terms member that names one specific thing
   * of its group (SPECIFIC_MEMBERS), which is the group's key and its own ("~regularize=l1" for "Lasso"), and
   * for the first token of a name wink splits (SPLIT_NAMES: "~kmeans" for "K" in "K-means", whose term is '').
   */
  readonly identity: string;
  /** Porter stem of a word or number token (a stop word's normal form; '' for others): plain word overlap. */
  readonly stem: string;
}

export interface EntityInfo {
  readonly value: string;
  readonly type: string;
}

export interface SentenceInfo {
  /** Verbatim slice `source.slice(start, end)` of the analysed text. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly tokens: readonly TokenInfo[];
  readonly entities: readonly EntityInfo[];
  readonly cues: ReadonlyMap<CueName, number>;
}

/*
 * The readings `perSentence` remembers, kept on the sentence itself, one slot per reader. A WeakMap per reader cost
 * about 4% of a grading in its lookups alone (a dozen readers, each asked many times per sentence), and its entries
 * are ephemerons the collector must trace; an array slot is one load. The property is not enumerable, so a copy made
 * with other tokens (`{ ...sentence, tokens }`, spelling.ts and code-words.ts) does not carry the original's
 * readings: it starts with none, as with the WeakMap.
 */
const READINGS = Symbol('readings');
/** A remembered `undefined`, told from a slot not yet read (a hole). */
const UNDEFINED_READING = Symbol('undefined');
let readers = 0;

interface WithReadings {
  [READINGS]?: unknown[];
}

function readingsOf(sentence: SentenceInfo): unknown[] {
  const holder = sentence as WithReadings;
  let readings = holder[READINGS];
  if (readings === undefined) {
    readings = [];
    Object.defineProperty(holder, READINGS, { value: readings });
  }
  return readings;
}

/** Parts of speech that name a thing: "false positives", "K-means", "a while loop" ("while" is tagged as one). */
export const NAMING_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'ADJ']);
/** The copulas a definition is said with: "X is …", "Xs are …". */
export const COPULAS: ReadonlySet<string> = new Set(['is', 'are']);

/**
 * `read` remembered per analysed sentence. Several rules read the same reading of the same sentences in one
 * grading (its clauses, words, formulas); a sentence's reading depends on its tokens only, and the memo goes
 * with the sentence.
 */
export function perSentence<T>(read: (sentence: SentenceInfo) => T): (sentence: SentenceInfo) => T {
  const slot = readers;
  readers += 1;
  return (sentence) => {
    const readings = readingsOf(sentence);
    const known = readings[slot];
    if (known !== undefined) return (known === UNDEFINED_READING ? undefined : known) as T;
    const value = read(sentence);
    readings[slot] = value === undefined ? UNDEFINED_READING : value;
    return value;
  };
}

const POS_TAGS: ReadonlySet<string> = new Set<PartOfSpeech>([
  'ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT',
  'SCONJ', 'SYM', 'VERB', 'X', 'SPACE',
]);
const CONTENT_POS: ReadonlySet<PartOfSpeech> = new Set<PartOfSpeech>(['NOUN', 'PROPN', 'VERB', 'ADJ']);
const CUE_NAMES: ReadonlySet<string> = new Set(CUE_PATTERNS.map((cue) => cue.name));

function isPartOfSpeech(value: string): value is PartOfSpeech {
  return POS_TAGS.has(value);
}

function isCueName(value: string): value is CueName {
  return CUE_NAMES.has(value);
}

function isContentToken(token: Pick<TokenInfo, 'pos' | 'stop' | 'kind' | 'lemma'>): boolean {
  return (
    CONTENT_POS.has(token.pos) &&
    !token.stop &&
    token.kind === 'word' &&
    token.lemma.length > 1 &&
    !LOW_INFORMATION_LEMMAS.has(token.lemma)
  );
}

/*
 * Porter stemming costs more than the rest of the parse; a bounded memo keyed by the token's normal form
 * makes it nearly free for the vocabulary that recurs across answers. The normal form is what is stemmed,
 * so British and American spellings ("optimise", "optimize") get one stem and match each other, and the
 * memo gives every process the same stem whatever it read first. Looked up for every word not yet
 * remembered as a lexeme (below): a plain Map, emptied when full, costs less per hit than an LRU's
 * reordering, and the vocabulary an interview uses fits many times over.
 */
const MAX_STEMS = 20_000;
const stems = new Map<string, string>();

/** Thrown by analyzeText once the deadline set with `setAnalysisDeadline` has passed. */
export class AnalysisTimeoutError extends Error {}

let analysisDeadline = Number.POSITIVE_INFINITY;

/**
 * Sets the `performance.now()` time after which analyzeText stops with an AnalysisTimeoutError, at its next
 * sentence; Infinity (the default) for none. A grading thread sets it around each grading, so an answer
 * that would take long to read is abandoned at once instead of the thread being terminated.
 */
export function setAnalysisDeadline(at: number): void {
  analysisDeadline = at;
}

function checkDeadline(): void {
  if (performance.now() > analysisDeadline) throw new AnalysisTimeoutError('the answer took too long to analyse');
}

const OVERLONG_RUN = new RegExp(`\\S{${MAX_RUN_CHARS + 1},}`, 'gu');

/**
 * Whether some run of characters between ASCII blanks is longer than MAX_RUN_CHARS UTF-16 units: a
 * linear scan that spares ordinary prose the Unicode regular expression. Conservative: other blanks
 * count as part of a run, and a run is never shorter in code points than in units.
 */
function hasLongRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13)) run = 0;
    else {
      run += 1;
      if (run > MAX_RUN_CHARS) return true;
    }
  }
  return false;
}

/**
 * The text with the part of every over-long run past its first MAX_RUN_CHARS characters blanked out. Blanks
 * keep every position where it was, so sentences are still sliced from the original text.
 */
function capRuns(text: string): string {
  if (!hasLongRun(text)) return text;
  return text.replace(OVERLONG_RUN, (run) => {
    const kept = Array.from(run).slice(0, MAX_RUN_CHARS).join('');
    return kept + ' '.repeat(run.length - kept.length);
  });
}

/*
 * wink's Porter stemmer runs regular expressions whose cost grows with the square of the word's length:
 * one 12,000-character "word" took seconds. No English word is this long; a token past the cap (a
 * pasted hash, a run of letters) is matched by its own normal form, unstemmed.
 */
export const MAX_STEMMED_CHARS = 40;

function stemOf(normal: string): string {
  if (normal.length > MAX_STEMMED_CHARS) return normal;
  const cached = stems.get(normal);
  if (cached !== undefined) return cached;
  const stem = stemWord(normal);
  if (stems.size >= MAX_STEMS) {
    stems.clear();
    // A remembered lexeme carries the stem this memo gave its normal form: both start afresh together.
    lexemes.clear();
  }
  stems.set(normal, stem);
  return stem;
}

interface RelatedPhrase {
  readonly words: readonly string[];
  /** The group's key, put on the phrase's head; '' for a split name, whose tokens keep their terms. */
  readonly key: string;
  readonly identity: string;
}

/** Single-word members of the related-terms groups by lemma or normal form → group key. */
const RELATED_WORDS = new Map<string, string>();
/** Phrases of the related-terms groups by their first word, longest first. */
const RELATED_PHRASES = new Map<string, RelatedPhrase[]>();
/** Members naming one specific thing of their group → the group's key and their own ("~regularize=l1"). */
const SPECIFIC_IDENTITIES = new Map<string, string>();

for (const { key, members } of RELATED_TERMS) {
  for (const { key: own, members: named } of SPECIFIC_MEMBERS) {
    for (const member of named) if (members.includes(member)) SPECIFIC_IDENTITIES.set(member, `~${key}=${own}`);
  }
}
for (const { key, members } of SPLIT_NAMES) for (const member of members) SPECIFIC_IDENTITIES.set(member, `~${key}`);

for (const { key, members } of [...RELATED_TERMS, ...SPLIT_NAMES.map(({ members }) => ({ key: '', members }))]) {
  for (const member of members) {
    const words = member.toLowerCase().split(/\s+/);
    const [first] = words;
    if (words.length === 1 && first !== undefined && key !== '') RELATED_WORDS.set(first, `~${key}`);
    // wink keeps "cross-validation" as one token but splits "Trade-off" at a sentence start: a hyphenated
    // member is looked up both ways.
    const parts = words.flatMap((word) => word.split(/(-)/).filter((part) => part !== ''));
    const head = parts[0];
    if (parts.length < 2 || head === undefined) continue;
    const list = RELATED_PHRASES.get(head) ?? [];
    list.push({ words: parts, key: key === '' ? '' : `~${key}`, identity: SPECIFIC_IDENTITIES.get(member) ?? `~${key}` });
    list.sort((a, b) => b.words.length - a.words.length);
    RELATED_PHRASES.set(head, list);
  }
}

const matchesWord = (word: string, token: TokenInfo | undefined): boolean => word === token?.normal || word === token?.lemma;

function phraseMatches(phrase: RelatedPhrase, tokens: readonly TokenInfo[], k: number): boolean {
  const { words } = phrase;
  for (let j = 0; j < words.length; j += 1) if (!matchesWord(words[j] ?? '', tokens[k + j])) return false;
  return true;
}

function firstMatch(phrases: readonly RelatedPhrase[] | undefined, tokens: readonly TokenInfo[], k: number): RelatedPhrase | undefined {
  if (phrases === undefined) return undefined;
  for (const phrase of phrases) if (phraseMatches(phrase, tokens, k)) return phrase;
  return undefined;
}

/** The related-terms phrases that may start at a word: those opening with its normal form, then with its lemma. */
function phrasesOpening(normal: string, lemma: string): readonly RelatedPhrase[] {
  const byNormal = RELATED_PHRASES.get(normal) ?? [];
  const byLemma = lemma === normal ? [] : (RELATED_PHRASES.get(lemma) ?? []);
  return byNormal.length + byLemma.length === 0 ? NO_PHRASES : [...byNormal, ...byLemma];
}

const NO_PHRASES: readonly RelatedPhrase[] = [];

/** The related-terms group key of a content word, else its stem; '' for any other token. */
function termOf(content: boolean, normal: string, lemma: string, stem: string): string {
  if (!content || stem === '') return '';
  return RELATED_WORDS.get(normal) ?? RELATED_WORDS.get(lemma) ?? stem;
}

/**
 * What a token is, whatever its context: all of TokenInfo but its negation, and the phrases it may open;
 * with the token itself, as read outside and inside a negation's scope.
 */
interface Lexeme {
  readonly text: string;
  readonly normal: string;
  readonly lemma: string;
  readonly stop: boolean;
  readonly kind: string;
  readonly stem: string;
  /** Its term outside a related-terms phrase. */
  readonly term: string;
  readonly phrases: readonly RelatedPhrase[];
  readonly plain: TokenInfo;
  readonly negated: TokenInfo;
}

/*
 * Reading a token's text, normal form, lemma, stop-word flag and type from wink costs more than the rest of
 * readTokens, and the same words recur in every answer. Outside a contraction all five, and the stem, term
 * and phrase openings that follow from them, depend only on the token's lexeme (wink's uniqueId) and, for the
 * lemma, its part of speech: remembered by that pair, so a known word costs one lookup. A
 * contraction's part ("n't" read as "not") takes its normal form and lemma from its context, so it is
 * always read from wink. A plain Map, emptied when full, as for the stems.
 *
 * The TokenInfo of a remembered lexeme is shared by every sentence that has it (nothing changes a
 * TokenInfo once read: a related-terms phrase gets copies), which spares a grading one object per token.
 */
const MAX_LEXEMES = 50_000;
const lexemes = new Map<number, Lexeme>();
/** Each part-of-speech tag wink gives, with its slot in the lexeme key: one lookup per token checks and places it. */
const POS_SLOT: ReadonlyMap<string, { readonly pos: PartOfSpeech; readonly slot: number }> = new Map(
  [...POS_TAGS].filter(isPartOfSpeech).map((tag, slot) => [tag, { pos: tag, slot }]),
);
const POS_SLOTS = 32;
const UNKNOWN_POS = POS_SLOT.get('X') ?? { pos: 'X', slot: 0 };

/** wink's out() is typed as always giving a string, but gives undefined for some tokens (a lemma it cannot form). */
const orEmpty = (value: string | undefined): string => value ?? '';

function readLexeme(tokens: Tokens, index: number, pos: PartOfSpeech): Lexeme {
  const item = tokens.itemAt(index);
  const lemma = orEmpty(item.out(its.lemma)).toLowerCase();
  const stop = item.out(its.stopWordFlag) === true;
  const kind = orEmpty(item.out(its.type));
  const normal = orEmpty(item.out(its.normal));
  // Stop words are a closed class: their normal form is key enough, and stemming them would double the
  // stemmer's work.
  const stem = kind === 'word' || kind === 'number' ? (stop ? normal : stemOf(normal)) : '';
  const text = orEmpty(item.out());
  const term = termOf(isContentToken({ pos, stop, kind, lemma }), normal, lemma, stem);
  const identity = term.startsWith('~') || kind === 'word' ? (SPECIFIC_IDENTITIES.get(normal) ?? SPECIFIC_IDENTITIES.get(lemma) ?? term) : term;
  const token = (negated: boolean): TokenInfo => ({ text, normal, lemma, pos, stop, negated, kind, term, identity, stem });
  return { text, normal, lemma, stop, kind, stem, term, phrases: phrasesOpening(normal, lemma), plain: token(false), negated: token(true) };
}

function lexemeAt(tokens: Tokens, index: number, id: number | string | undefined, pos: PartOfSpeech, slot: number, contraction: boolean): Lexeme {
  if (contraction || typeof id !== 'number') return readLexeme(tokens, index, pos);
  const key = id * POS_SLOTS + slot;
  const known = lexemes.get(key);
  if (known) return known;
  const lexeme = readLexeme(tokens, index, pos);
  if (lexemes.size >= MAX_LEXEMES) lexemes.clear();
  lexemes.set(key, lexeme);
  return lexeme;
}

/** What readTokens reads of every token of a document, read from wink once per document rather than per sentence. */
interface TokenColumns {
  readonly tokens: Tokens;
  readonly ids: readonly (number | string)[];
  readonly tags: readonly string[];
  readonly negations: readonly (boolean | string)[];
  readonly contractions: readonly (boolean | string)[];
}

function tokenColumns(tokens: Tokens): TokenColumns {
  return {
    tokens,
    ids: tokens.out(its.uniqueId),
    tags: tokens.out(its.pos),
    negations: tokens.out(its.negationFlag),
    contractions: tokens.out(its.contractionFlag),
  };
}

/**
 * Puts the key of each related-terms phrase on its last content word (its head: "team member" → member),
 * or its first token when it has none ("go down"), and clears the terms of its other words; puts the identity
 * of a split name on its first token: on copies, since the tokens read are shared.
 */
function applyRelatedPhrases(tokens: TokenInfo[], read: readonly Lexeme[]): void {
  for (let k = 0; k < tokens.length; k += 1) {
    const phrase = firstMatch(read[k]?.phrases, tokens, k);
    if (!phrase) continue;
    const end = k + phrase.words.length;
    const first = tokens[k];
    // A split name keeps its tokens' terms and is named by its first token.
    if (phrase.key === '' && first) tokens[k] = { ...first, identity: phrase.identity };
    if (phrase.key === '') {
      k = end - 1;
      continue;
    }
    let head = k;
    for (let j = k; j < end; j += 1) if ((tokens[j]?.term ?? '') !== '') head = j;
    for (let j = k; j < end; j += 1) {
      const token = tokens[j];
      if (token) tokens[j] = { ...token, term: j === head ? phrase.key : '', identity: j === head ? phrase.identity : '' };
    }
    k = end - 1;
  }
}

/** The tokens `first`..`last` (document indexes, inclusive) of one sentence. */
function readTokens(columns: TokenColumns, first: number, last: number): TokenInfo[] {
  const { tokens, ids, tags, negations, contractions } = columns;
  const read: Lexeme[] = [];
  const infos: TokenInfo[] = [];
  let phrases = false;
  for (let k = first; k <= last; k += 1) {
    const tag = tags[k] ?? 'X';
    const { pos, slot } = POS_SLOT.get(tag) ?? UNKNOWN_POS;
    if (pos === 'SPACE') continue;
    const lexeme = lexemeAt(tokens, k, ids[k], pos, slot, contractions[k] === true);
    read.push(lexeme);
    infos.push(negations[k] === true ? lexeme.negated : lexeme.plain);
    if (lexeme.phrases.length > 0) phrases = true;
  }
  for (const index of affirmedAfterNegation(infos)) {
    const lexeme = read[index];
    if (lexeme) infos[index] = lexeme.plain;
  }
  if (phrases) applyRelatedPhrases(infos, read);
  return infos;
}

/*
 * Which entities a sentence contains, as wink's own `sentence.entities()` finds them (its contained-entities
 * and locate helpers): reading every entity of the document once and sharing them out costs less than
 * asking each sentence for its own.
 */
type Span = readonly number[];

/** The index of the span holding `token`, or the fraction between the two spans it falls between. */
function locate(token: number, spans: readonly Span[]): number {
  let minIndex = 0;
  let maxIndex = spans.length - 1;
  let edge = -1;
  while (minIndex <= maxIndex) {
    const current = Math.floor((minIndex + maxIndex) / 2);
    const span = spans[current] ?? [];
    if (token > (span[1] ?? 0)) {
      minIndex = current + 1;
      edge = current + 0.5;
    } else if (token < (span[0] ?? 0)) {
      maxIndex = current - 1;
      edge = current - 0.5;
    } else return current;
  }
  return edge;
}

/** Indexes of the spans wink counts as contained in the sentence `start`..`end`. */
function containedSpans(spans: readonly Span[], start: number, end: number): number[] {
  const left = locate(start, spans);
  const right = locate(end, spans);
  const maxIndex = spans.length - 1;
  if ((left < 0 && right < 0) || (left > maxIndex && right > maxIndex)) return [];
  const first = left < 0 ? 0 : Math.ceil(left);
  if (left === right && first !== left) return [];
  const contained: number[] = [];
  for (let index = first; index <= Math.floor(right); index += 1) contained.push(index);
  return contained;
}

/** Entities of a document: their token spans and details, in wink's order. */
interface EntityColumns {
  readonly spans: readonly Span[];
  readonly details: readonly (Detail | string)[];
}

function entityColumns(entities: Entities | CustomEntities): EntityColumns {
  const spans = entities.out(its.span).filter((span): span is number[] => Array.isArray(span));
  return { spans, details: entities.out(its.detail) };
}

function readEntities(entities: EntityColumns, start: number, end: number): EntityInfo[] {
  const found: EntityInfo[] = [];
  if (entities.spans.length === 0) return found;
  for (const index of containedSpans(entities.spans, start, end)) {
    const detail = entities.details[index];
    if (detail !== undefined && typeof detail !== 'string') found.push({ value: detail.value, type: detail.type });
  }
  return found;
}

function readCues(cues: EntityColumns, start: number, end: number): Map<CueName, number> {
  const counts = new Map<CueName, number>();
  if (cues.spans.length === 0) return counts;
  for (const index of containedSpans(cues.spans, start, end)) {
    const detail = cues.details[index];
    if (detail !== undefined && typeof detail !== 'string' && isCueName(detail.type)) counts.set(detail.type, (counts.get(detail.type) ?? 0) + 1);
  }
  return counts;
}

/**
 * Splits `text` into sentences with tokens, entities and cue phrases: wink's sentences, with the ones it
 * broke off inside a sentence joined back (`continuesSentence`: "np." | "mean", "Fig." | "3") and the ones it
 * ran together at a full stop it took for part of a word cut apart (`endsSentenceAfter`: "…+ x." | "Because…").
 * `offset` shifts the reported positions when `text` is one line of a larger document.
 */
export function analyzeText(text: string, offset = 0): SentenceInfo[] {
  checkDeadline();
  const sentences: SentenceInfo[] = [];
  let cursor = 0;
  const readable = capRuns(text);
  const doc = nlp.readDoc(readable);
  const columns = tokenColumns(doc.tokens());
  const collection = doc.sentences();
  const texts = collection.out();
  const spans = collection.out(its.span);
  const entities = entityColumns(doc.entities());
  const cues = entityColumns(doc.customEntities());
  let open: SentencePiece | undefined;
  let words: WordColumns | undefined;
  for (const [index, out] of texts.entries()) {
    checkDeadline();
    const raw = out.trim();
    if (raw === '') continue;
    // wink's tokenizer is lossless, so its sentence text is found verbatim; locating it keeps evidence
    // quotes exact even where wink normalises whitespace. `readable` has the positions of `text`.
    const found = readable.indexOf(raw, cursor);
    const start = found === -1 ? cursor : found;
    const end = found === -1 ? Math.min(text.length, cursor + raw.length) : found + raw.length;
    cursor = end;
    const span = spans[index];
    if (!Array.isArray(span)) continue;
    const whole = { start, end, first: span[0] ?? 0, last: span[1] ?? -1 };
    const pieces = MISSED_END_CANDIDATE.test(raw) ? splitAtMissedEnds(readable, whole, (words ??= wordColumns(columns))) : [whole];
    for (const piece of pieces) {
      if (open && continuesSentence(readable, open.start, open.end, piece.start)) open = { ...open, end: piece.end, last: piece.last };
      else {
        if (open) pushSentence(sentences, text, offset, open, columns, entities, cues);
        open = piece;
      }
    }
  }
  if (open) pushSentence(sentences, text, offset, open, columns, entities, cues);
  return sentences;
}

/** One sentence: its characters in the analysed text (`end` excluded) and its tokens in the document (`last` included). */
interface SentencePiece {
  readonly start: number;
  readonly end: number;
  readonly first: number;
  readonly last: number;
}

/** A full stop or an ellipsis before a capital inside one of wink's sentences: where it may have missed an end. */
const MISSED_END_CANDIDATE = /(?:\.|…)\s+\p{Lu}/u;

/** The text, preceding blanks and tags of a document's tokens: read only for a sentence that may hold a missed end. */
interface WordColumns {
  readonly values: readonly string[];
  readonly spaces: readonly string[];
  readonly tags: readonly string[];
}

function wordColumns(columns: TokenColumns): WordColumns {
  return { values: columns.tokens.out(), spaces: columns.tokens.out(its.precedingSpaces), tags: columns.tags };
}

/**
 * wink's sentence `piece` cut after every token whose full stop ends a sentence that wink missed
 * (`endsSentenceAfter`). Positions are found by walking the tokens from the sentence's start (wink's tokens and
 * blanks give back the text); where a token is not found where expected, the piece is left whole.
 */
function splitAtMissedEnds(text: string, piece: SentencePiece, { values, spaces, tags }: WordColumns): SentencePiece[] {
  const pieces: SentencePiece[] = [];
  let { start, first } = piece;
  let position = piece.start;
  for (let k = piece.first; k < piece.last; k += 1) {
    const value = values[k] ?? '';
    if (k > piece.first) position += (spaces[k] ?? '').length;
    if (!text.startsWith(value, position)) return [piece];
    position += value.length;
    const gap = spaces[k + 1] ?? '';
    if (gap !== '' && endsSentenceAfter(value, values[k + 1] ?? '', tags[k + 1] ?? '')) {
      pieces.push({ start, end: position, first, last: k });
      start = position + gap.length;
      first = k + 1;
    }
  }
  pieces.push({ start, end: piece.end, first, last: piece.last });
  return pieces;
}

function pushSentence(
  sentences: SentenceInfo[],
  text: string,
  offset: number,
  { start, end, first, last }: SentencePiece,
  columns: TokenColumns,
  entities: EntityColumns,
  cues: EntityColumns,
): void {
  const tokens = readTokens(columns, first, last);
  if (tokens.length === 0) return;
  sentences.push({
    text: text.slice(start, end),
    start: start + offset,
    end: end + offset,
    tokens,
    entities: readEntities(entities, first, last),
    cues: readCues(cues, first, last),
  });
}
