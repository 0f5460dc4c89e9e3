import { analyzeText, perSentence, type SentenceInfo, type TokenInfo } from './nlp.js';

/** Content terms of some sentences with their counts, optionally leaving out tokens whose lemma is listed. */
export function termCounts(sentences: readonly SentenceInfo[], exclude?: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sentence of sentences) {
    for (const token of sentence.tokens) {
      if (token.term === '' || exclude?.has(token.lemma)) continue;
      counts.set(token.term, (counts.get(token.term) ?? 0) + 1);
    }
  }
  return counts;
}

/*
 * Every grader asks of the same sentences how many words they have and whether they list terms (the
 * technical grader three times, for its shape, its features and what it explains): both are remembered per
 * analysed sentence.
 */
export const wordTokens: (sentence: SentenceInfo) => readonly TokenInfo[] = perSentence((sentence) =>
  sentence.tokens.filter((token) => token.kind === 'word' || token.kind === 'number'),
);

export function verbCount(sentence: SentenceInfo): number {
  return sentence.tokens.filter((token) => token.pos === 'VERB' || token.pos === 'AUX').length;
}

/*
 * Formulas: "−[y log p + (1 − y) log(1 − p)]", "θ ← θ − η∇L(θ)", "K = 5". Their symbols, one-letter
 * variables, numbers and function names are not words of a sentence: weighed as words, they made "Log
 * loss: −[y log p + …]. Minimising it is maximum likelihood." mostly a list, though it is a name, a
 * formula and a sentence.
 */
const MATH_OPERATOR = /[=+−×*/^←→≈≠≤≥<>·∇∂√∑∏|]/;
const MATH_OPERAND = /^(?:[a-zα-ωθ]|[α-ω]+|log|ln|exp|max|min|sqrt|argmax|argmin)$/i;
const OPERAND_NAMES: ReadonlySet<string> = new Set(['log', 'ln', 'exp', 'max', 'min', 'sqrt', 'argmax', 'argmin']);

/**
 * MATH_OPERAND's test, with a word that opens in ASCII decided without the pattern: asked of every token of
 * a technical answer, and only Greek letters need it.
 */
function isOperandText(text: string): boolean {
  const code = text.charCodeAt(0);
  if (!(code >= 0x80)) {
    if (text.length === 1) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    return text.length <= 6 && OPERAND_NAMES.has(text.toLowerCase());
  }
  return MATH_OPERAND.test(text);
}
const BRACKETS: ReadonlySet<string> = new Set(['(', ')', '[', ']', '{', '}']);
/** Tokens of the formulas a sentence writes: runs of operators, brackets and operands with an operator and an operand. */
const formulaTokens: (sentence: SentenceInfo) => ReadonlySet<TokenInfo> = perSentence(readFormulas);

function readFormulas(sentence: SentenceInfo): ReadonlySet<TokenInfo> {
  const found = new Set<TokenInfo>();
  let run: TokenInfo[] = [];
  let depth = 0;
  let operator = false;
  let operand = false;
  const close = (): void => {
    if (operator && operand) for (const token of run) found.add(token);
    run = [];
    depth = 0;
    operator = false;
    operand = false;
  };
  for (const token of sentence.tokens) {
    const isOperator = (token.kind === 'symbol' || token.kind === 'unk') && MATH_OPERATOR.test(token.text);
    const isOperand = token.kind === 'number' || isOperandText(token.text);
    const isBracket = BRACKETS.has(token.text);
    // A comma inside a formula's brackets separates arguments ("max(0, 1 − y)"), not phrases.
    const isArgument = token.text === ',' && depth > 0;
    if (!isOperator && !isOperand && !isBracket && !isArgument) {
      // Most tokens are words outside any formula: there is no run to close.
      if (run.length > 0) close();
      continue;
    }
    run.push(token);
    if (token.text === '(' || token.text === '[' || token.text === '{') depth += 1;
    if ((token.text === ')' || token.text === ']' || token.text === '}') && depth > 0) depth -= 1;
    operator ||= isOperator;
    operand ||= isOperand;
  }
  close();
  return found;
}

// Not '+': "C++" is tokenised as C, +, + and is a name, not a list.
const LIST_SEPARATORS: ReadonlySet<string> = new Set([',', ';', '/', '|', '&']);

/** Comma-separated segments of at most this many words on average are phrases, not clauses. */
const PHRASE_WORDS = 3.5;
const MIN_SEGMENTS = 4;

const isWord = (token: TokenInfo): boolean => token.kind === 'word' || token.kind === 'number';
const isVerb = (token: TokenInfo): boolean => token.pos === 'VERB' || token.pos === 'AUX';

interface Segment {
  readonly tokens: readonly TokenInfo[];
  readonly words: number;
  readonly verbs: number;
}

/** A sentence's tokens cut at its list separators, each piece with the separator that closes it. */
function segmentsOf(tokens: readonly TokenInfo[]): Segment[] {
  const segments: Segment[] = [];
  let current: TokenInfo[] = [];
  let words = 0;
  let verbs = 0;
  for (const token of tokens) {
    current.push(token);
    if (LIST_SEPARATORS.has(token.text)) {
      if (words > 0) {
        segments.push({ tokens: current, words, verbs });
        current = [];
        words = 0;
        verbs = 0;
      }
      continue;
    }
    if (isWord(token)) words += 1;
    if (isVerb(token)) verbs += 1;
  }
  if (current.length > 0) segments.push({ tokens: current, words, verbs });
  return segments;
}

/**
 * Many short comma-separated phrases, hardly any with a verb: "out-of-bag, bootstrap sampling, 63 percent,
 * not sampled, no separate validation set" lists terms even though its phrases have function words.
 */
function isPhraseList(segments: readonly Segment[]): boolean {
  const filled = segments.filter((segment) => segment.words > 0);
  if (filled.length < MIN_SEGMENTS) return false;
  const words = filled.reduce((sum, segment) => sum + segment.words, 0);
  const withVerb = filled.filter((segment) => segment.verbs > 0).length;
  return words / filled.length <= PHRASE_WORDS && withVerb / filled.length <= 0.25;
}

/**
 * A run of terms without grammar ("bias, variance, overfitting, regularization"): almost no function
 * words, and few verbs or many separators. Such a line names topics without saying anything about them.
 * Verbs alone cannot decide it: the lite model tags "overfitting" in a list as a verb. A short sentence
 * with a verb, a function word and no separator ("Ensembles like random forests also reduce variance.")
 * is a sentence. An aside about the answer at either end ("…, no loops, memory, that is all of it") does
 * not make a list a sentence.
 */
export const isTermList: (sentence: SentenceInfo) => boolean = perSentence(readsAsTermList);

/** The sentence's words outside its formulas. */
export function proseWords(sentence: SentenceInfo): readonly TokenInfo[] {
  const formula = formulaTokens(sentence);
  return formula.size === 0 ? wordTokens(sentence) : wordTokens(sentence).filter((token) => !formula.has(token));
}

function readsAsTermList(sentence: SentenceInfo): boolean {
  return listsTerms(sentence.tokens) || isListWithAside(sentence.tokens);
}

function listsTerms(tokens: readonly TokenInfo[]): boolean {
  const words = tokens.filter(isWord);
  if (words.length < 3) return false;
  if (isPhraseList(segmentsOf(tokens))) return true;
  const functionWords = words.filter((token) => token.stop).length;
  if (functionWords / words.length >= 0.2) return false;
  const separators = tokens.filter((token) => LIST_SEPARATORS.has(token.text)).length;
  if (separators >= words.length / 3) return true;
  const verbs = tokens.filter(isVerb).length;
  // Two clauses with their verbs joined by one separator are sentences ("Tree depth balances bias and variance;
  // boosting uses shallow trees."), not a list, which names three or more things.
  if (verbs >= 2 && separators < 2) return false;
  return verbs / words.length < 0.25 && (separators > 0 || functionWords === 0 || verbs === 0);
}

/** Content terms an aside may hold and still say nothing: "that is all of it" (none), "these are the key ideas" (one). */
const ASIDE_TERMS = 1;

/**
 * An aside about the answer itself: a clause (a pronoun or an auxiliary: "that is all of it", "hope this
 * helps", "these are the key ideas") with at most ASIDE_TERMS content terms. A list's own phrases have
 * neither ("never on the test set"), and a clause that explains has more terms ("Boosting trains weak
 * learners one after another").
 */
function isAside(tokens: readonly TokenInfo[]): boolean {
  return tokens.some((token) => token.pos === 'PRON' || token.pos === 'AUX') && tokens.filter((token) => token.term !== '').length <= ASIDE_TERMS;
}

/** Where an aside in a sentence's first phrase may end: the whole phrase, or a colon ("These are the key ideas: …"). */
function asideEnds(tokens: readonly TokenInfo[]): number[] {
  const ends = [tokens.length];
  tokens.forEach((token, index) => {
    if (token.text === ':') ends.push(index + 1);
  });
  return ends;
}

/** What a sentence whose full stop is missing can end with: a list's last term ("…, spherical clusters Each…"). */
const ENDS_TERM = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);

/**
 * Where an aside in a sentence's last phrase may begin: the whole phrase, or a capitalised word (or "I")
 * after a content word, a sentence whose full stop is missing ("…, non-linear SVM That is all of it.").
 * After a function word the capital is a name inside the sentence ("…, blending as Kaggle winners often do",
 * "…, deduplication before Spark jobs write…", "…, so Marketing could…").
 */
function asideStarts(tokens: readonly TokenInfo[]): number[] {
  const starts = [0];
  tokens.forEach((token, index) => {
    const before = tokens[index - 1];
    if (before !== undefined && isWord(before) && ENDS_TERM.has(before.pos) && !before.stop && (token.text === 'I' || /^[A-Z][a-z]/.test(token.text))) {
      starts.push(index);
    }
  });
  return starts;
}

/**
 * Lists terms, MIN_SEGMENTS phrases or more naming one: not talk cut by commas ("Okay, yes, I have a good
 * one, or a bad one").
 */
function namesTerms(tokens: readonly TokenInfo[]): boolean {
  const named = segmentsOf(tokens).filter((segment) => segment.tokens.some((token) => token.term !== '')).length;
  return named >= MIN_SEGMENTS && listsTerms(tokens);
}

/**
 * A term list with an aside at its start or end, in the same sentence: "shapes, trailing dimensions, size 1,
 * stretching, vectorisation, no loops, memory, that is all of it." The aside's function words and verb hid
 * the list from the whole-sentence tests. Without the aside the sentence must list terms (namesTerms); an
 * explanation with a list keeps its clause ("Boosting trains weak learners
 * sequentially, each fixing the errors of the previous: AdaBoost, gradient boosting, XGBoost.").
 */
function isListWithAside(tokens: readonly TokenInfo[]): boolean {
  const segments = segmentsOf(tokens);
  const first = segments[0];
  const last = segments.at(-1);
  if (segments.length <= MIN_SEGMENTS || !first || !last) return false;
  const after = segments.slice(1).flatMap((segment) => segment.tokens);
  const before = segments.slice(0, -1).flatMap((segment) => segment.tokens);
  return (
    asideEnds(first.tokens).some((end) => isAside(first.tokens.slice(0, end)) && namesTerms([...first.tokens.slice(end), ...after])) ||
    asideStarts(last.tokens).some((start) => isAside(last.tokens.slice(start)) && namesTerms([...before, ...last.tokens.slice(0, start)]))
  );
}

/**
 * A term list run on into a sentence whose full stop is missing ("…, overfitting, high variance Machine learning
 * uses data to build models."): the two sentences, read apart. Read as one, the clause's verb and function words
 * hid the list, and a keyword dump scored as one explaining sentence (up to 4.7). A clause that is an aside
 * about the answer ("…, memory That is all of it.") leaves the sentence a term list (isListWithAside).
 */
export function splitRunOnList(sentence: SentenceInfo): readonly SentenceInfo[] {
  const at = runOnStart(sentence);
  if (at === undefined) return [sentence];
  const { text, start } = sentence;
  return [...analyzeText(text.slice(0, at).trimEnd(), start), ...analyzeText(text.slice(at), start + at)];
}

/** Where the run-on sentence begins in the sentence's text, if it is one. */
function runOnStart(sentence: SentenceInfo): number | undefined {
  const { tokens, text } = sentence;
  // Most sentences have too few separators to hold a list: they are not cut into segments at all.
  let separators = 0;
  for (const token of tokens) if (LIST_SEPARATORS.has(token.text)) separators += 1;
  if (separators < MIN_SEGMENTS) return undefined;
  const segments = segmentsOf(tokens);
  const last = segments.at(-1);
  if (segments.length <= MIN_SEGMENTS || !last || isTermList(sentence)) return undefined;
  const before = segments.slice(0, -1).flatMap((segment) => segment.tokens);
  const start = asideStarts(last.tokens).find((from) => {
    const clause = last.tokens.slice(from);
    return from > 0 && clause.some(isVerb) && !isAside(clause) && namesTerms([...before, ...last.tokens.slice(0, from)]);
  });
  if (start === undefined) return undefined;
  // The character offset of the clause's first token: tokens are found in order in the verbatim text.
  const first = tokens.length - last.tokens.length + start;
  let cursor = 0;
  for (let index = 0; index <= first; index += 1) {
    const token = tokens[index];
    if (token === undefined) return undefined;
    const found = text.indexOf(token.text, cursor);
    if (found < 0) return undefined;
    if (index === first) return found;
    cursor = found + token.text.length;
  }
  return undefined;
}

/** A list item's marker opening a line: a bullet or a number ("- ", "2. "). */
export const LIST_MARKER = /^(?:[-*•+]|\d{1,2}[.)])\s+/;

/** Cuts a quote to a readable length at a word boundary. */
export function shorten(text: string, maxLength = 120): string {
  // A quote is of what a line says, not its list marker ("- Units can't rely…", "2. Variance: …").
  const clean = text.replace(/\s+/g, ' ').trim().replace(LIST_MARKER, '');
  if (clean.length <= maxLength) return clean;
  const cut = clean.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/**
 * A word's key for plain word overlap, broader than `term`: content words keep their matching key, other
 * words and numbers their stem ("once", "1", "static", "main"), which short technical answers often
 * turn on. '' for punctuation and symbols.
 */
export function wordKey(token: TokenInfo): string {
  return token.term !== '' ? token.term : token.stem;
}

/** Distinct word keys of some sentences: without stop words, or with them (`withStopWords`). */
export function wordKeys(sentences: readonly SentenceInfo[], withStopWords: boolean): Set<string> {
  const keys = new Set<string>();
  for (const sentence of sentences) {
    for (const token of sentence.tokens) {
      const key = wordKey(token);
      if (key !== '' && (withStopWords || token.term !== '' || !token.stop)) keys.add(key);
    }
  }
  return keys;
}

/** Words that introduce an instance: "like ImageNet", "such as TensorFlow", "say, five folds". */
const INSTANCE_WORDS: ReadonlySet<string> = new Set(['like', 'as', 'say', 'e.g.', 'including']);
/** Counts English says in passing ("reuses knowledge from one task", "any two points"), not instances. */
const PASSING_COUNTS: ReadonlySet<string> = new Set(['one', 'two', 'both']);

/**
 * The sentence names a concrete instance, as an example does: a quantity ("60 percent", "twenty
 * features"), a name, a figure or an action after "like", "such as" or "say" ("like ImageNet", "like
 * fitting a straight line to prices"; not "F1 is like an average"), or an "Example:" label. Not "one" or "two" said in words, and not an ordinal, which orders rather than instances.
 */
export function namesInstance(sentence: SentenceInfo): boolean {
  if (sentence.entities.some((entity) => entity.type !== 'ORDINAL' && !PASSING_COUNTS.has(entity.value.toLowerCase()))) return true;
  const { tokens } = sentence;
  return tokens.some((token, index) => {
    const next = tokens[index + 1];
    if ((token.normal === 'example' || token.normal === 'examples') && next?.text === ':') return true;
    if (!INSTANCE_WORDS.has(token.normal) || (token.normal === 'as' && tokens[index - 1]?.normal !== 'such')) return false;
    // "…into buckets, say each store": an aside "say" always gives an instance.
    if (token.normal === 'say' && tokens[index - 1]?.text === ',') return true;
    let after = index + 1;
    while (tokens[after]?.text === ',') after += 1;
    const instance = tokens[after];
    return instance !== undefined && (instance.pos === 'PROPN' || instance.kind === 'number' || (instance.kind === 'word' && instance.normal.length > 5 && instance.normal.endsWith('ing')));
  });
}
