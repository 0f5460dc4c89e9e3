import { codeLineOf } from './code-lines.js';
import { analyzeText, perSentence, type EntityInfo, type SentenceInfo, type TokenInfo } from './nlp.js';

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
const MATH_OPERATOR = /[=+−×*/^←→⇒↦≈≠≤≥<>~∝∈·⊙∇∂√∑∏Σ|‖]/;
const MATH_OPERAND = /^(?:[a-zα-ωθ]|[α-ω]+|log|ln|exp|max|min|sqrt|argmax|argmin)$/i;
const OPERAND_NAMES: ReadonlySet<string> = new Set(['log', 'ln', 'exp', 'max', 'min', 'sqrt', 'argmax', 'argmin']);
/**
 * Characters only notation writes: Greek letters, combining accents ("x̄", "ŷ"), superscripts and subscripts
 * ("σ²", "β₀", "xᵢ", "Xᵀ"), arrows and mathematical operators. wink reads most such tokens as unknown, neither word
 * nor symbol.
 */
const NOTATION = /[\u0300-\u036f\u0370-\u03ff\u1d00-\u1dbf\u2070-\u209f\u00b2\u00b3\u00b9\u2190-\u21ff\u2200-\u22ff]/;
/** A letter or a digit, which makes a token of notation an operand ("σ²", "₁") rather than an operator ("≈"). */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Longest operand written in notation: "ŷᵢ", "βₚ", "⁻¹"; a longer token holding a Greek letter is a word. */
const NOTATION_OPERAND_CHARS = 4;

/**
 * MATH_OPERAND's test, with a word that opens in ASCII decided without the pattern: asked of every token of
 * a technical answer, and only notation needs it (Greek letters, and ASCII letters with an accent or a subscript).
 */
function isOperandText(text: string): boolean {
  const code = text.charCodeAt(0);
  if (!(code >= 0x80)) {
    if (text.length === 1) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    if (text.length <= 6 && OPERAND_NAMES.has(text.toLowerCase())) return true;
    // An accent or a subscript follows its letter: "x̄", "xᵢ".
    return text.length <= NOTATION_OPERAND_CHARS && text.charCodeAt(1) >= 0x80 && NOTATION.test(text);
  }
  return MATH_OPERAND.test(text) || isNotationOperand(text);
}

/** A token of notation that names a quantity: "σ²", "β₀", "ŷ", "⁻¹", "Σ" (not "≈" or "⇒", which relate). */
function isNotationOperand(text: string): boolean {
  return text.length <= NOTATION_OPERAND_CHARS && NOTATION.test(text) && LETTER_OR_DIGIT.test(text);
}
const BRACKETS: ReadonlySet<string> = new Set(['(', ')', '[', ']', '{', '}']);
/**
 * Where a sentence writes formulas: the indexes of its tokens in runs of operators, brackets and operands with an
 * operator and an operand.
 */
const formulaPositions: (sentence: SentenceInfo) => ReadonlySet<number> = perSentence(readFormulas);
/** The tokens of a sentence's formulas (`formulaPositions`). */
const formulaTokens: (sentence: SentenceInfo) => ReadonlySet<TokenInfo> = perSentence((sentence) => {
  const found = new Set<TokenInfo>();
  for (const index of formulaPositions(sentence)) {
    const token = sentence.tokens[index];
    if (token !== undefined) found.add(token);
  }
  return found;
});

function readFormulas(sentence: SentenceInfo): ReadonlySet<number> {
  const found = new Set<number>();
  let run: number[] = [];
  let depth = 0;
  let operator = false;
  let operand = false;
  const close = (): void => {
    if (operator && operand) for (const index of run) found.add(index);
    run = [];
    depth = 0;
    operator = false;
    operand = false;
  };
  const { tokens } = sentence;
  tokens.forEach((token, index) => {
    // wink calls "/" punctuation, and most notation unknown: neither is a word. Two slashes divide nothing: they
    // separate ("logits // exp // normalise") or open a comment.
    const doubled = token.text === '/' && (tokens[index - 1]?.text === '/' || tokens[index + 1]?.text === '/');
    const isOperator = token.kind !== 'word' && token.kind !== 'number' && !doubled && MATH_OPERATOR.test(token.text);
    const isOperand = token.kind === 'number' || isOperandText(token.text);
    // "_" joins a name to its subscript ("S_v", "z_i"; the tokenizer splits them), in a formula as in code.
    const isBracket = BRACKETS.has(token.text) || token.text === '_';
    // A comma or semicolon inside a formula's brackets separates arguments ("max(0, 1 − y)", "p(y | x; θ)"), not phrases.
    const isArgument = (token.text === ',' || token.text === ';') && depth > 0;
    if (!isOperator && !isOperand && !isBracket && !isArgument) {
      // Most tokens are words outside any formula: there is no run to close.
      if (run.length > 0) close();
      return;
    }
    run.push(index);
    if (token.text === '(' || token.text === '[' || token.text === '{') depth += 1;
    if ((token.text === ')' || token.text === ']' || token.text === '}') && depth > 0) depth -= 1;
    operator ||= isOperator;
    operand ||= isOperand;
  });
  close();
  return found;
}

// Not '+': "C++" is tokenised as C, +, + and is a name, not a list.
const LIST_SEPARATORS: ReadonlySet<string> = new Set([',', ';', '/', '|', '&']);
/** Separators that are also operators: named as words ("combine conditions with & and |"), they separate nothing. */
const OPERATOR_SEPARATORS: ReadonlySet<string> = new Set(['/', '|', '&']);

/*
 * Code in a sentence: "df[(df.age > 30) & (df.city == 'Paris')]", "model.eval()", "axis=0", `isin()`. Its
 * arguments, brackets, commas and operators are one thing the sentence names, not words and separators of a list:
 * read token by token, "Use a boolean mask: df[df['age'] > 30], combine conditions with & and | in parentheses,
 * e.g. df[(df.age > 30) & (df.city == 'Paris')], or df.query('age > 30')." had more separators and fewer function
 * words than a keyword list, and was graded as one. The list test reads each code expression as one item: a span
 * in backticks, or a run of tokens with no space between them that calls or indexes a name ("len(images)",
 * "df['age']", "torch.no_grad()") or sets one ("p=0.5"), with the brackets it opens read to their close, spaces
 * and all. A dotted or snake_case name alone ("requirements.txt", "plt.subplots", "oob_score") is a name like any
 * other. A tuple in brackets ("shape (batch, seq, dim)", "a (3, 4) array": at most four items of one token each) is
 * one thing the sentence names; any other bracketed group is read as it is, its commas separating items like any
 * others: "Key ideas (bagging, boosting, variance, …)" is a list of terms. Code
 * holds few plain words spaced apart: a call holding more ("compare(bagging, boosting, parallel, …)") is words
 * in brackets, not an expression.
 */
const OPENING: ReadonlyMap<string, string> = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
]);
const CLOSING: ReadonlySet<string> = new Set([')', ']', '}']);
/** Punctuation that ends a code expression at its own level, where the sentence goes on: "…(p=0.5), model.eval()". */
const CODE_STOPS: ReadonlySet<string> = new Set([',', ';', '!', '?', '"', '“', '”']);
/** An inline code expression is shorter: a longer run of unclosed brackets is not read as one (nor scanned again at each token). */
const MAX_CODE_TOKENS = 80;
/** A tuple holds at most this many items, of one token each. */
const MAX_TUPLE_ITEMS = 4;
/** Plain words standing apart (after a space) that an expression may hold: "model.fit(X_train, y_train, epochs=10)" has two. */
const MAX_LOOSE_CODE_WORDS = 3;
/** A sentence may hold code: a bracket or "=" glued to a name, or a backtick. */
const MAY_HOLD_CODE = /`|[\w\])][([]|\w=\w/;

/** A sentence's tokens as the list test reads them, with each one's first token in `sentence.tokens` (none: the same tokens). */
interface ListReading {
  readonly tokens: readonly TokenInfo[];
  readonly origin?: readonly number[];
}

const listReading: (sentence: SentenceInfo) => ListReading = perSentence(readListTokens);

/**
 * The list reading cut at its separators, once per sentence: the term-list test, its aside and run-on variants and
 * `statesRelation` each cut the same tokens, and the pieces of a long sentence (a pasted answer read as one) were a
 * good part of what the term-list readings allocated.
 */
const listSegments: (sentence: SentenceInfo) => readonly Segment[] = perSentence((sentence) => segmentsOf(listReading(sentence).tokens));

/**
 * Where each token begins in the sentence's text, found in order: the tokens up to the first that cannot be found
 * (all of them for a text wink tokenised as it is).
 */
export const tokenStarts: (sentence: SentenceInfo) => readonly number[] = perSentence((sentence) => {
  const starts: number[] = [];
  let cursor = 0;
  for (const token of sentence.tokens) {
    const found = sentence.text.indexOf(token.text, cursor);
    if (found < 0) break;
    starts.push(found);
    cursor = found + token.text.length;
  }
  return starts;
});

/** Whether each token follows the one before with no space between (undefined where the text cannot be followed). */
function gluedTokens(sentence: SentenceInfo): boolean[] | undefined {
  const starts = tokenStarts(sentence);
  const { tokens } = sentence;
  if (starts.length < tokens.length) return undefined;
  return starts.map((start, index) => {
    const before = tokens[index - 1];
    const beforeStart = starts[index - 1];
    return before !== undefined && beforeStart !== undefined && start === beforeStart + before.text.length;
  });
}

/** Symbols that make the names beside them operands of code: "w -= lr * grad", "a > 5", "X @ w". */
const CODE_OPERATORS = /^(?:[-+*/@%<>=]|[-+*/@%<>!=]=|\*\*|\/\/|−)$/;

/**
 * A plain word standing apart in code, as prose puts words: not a name set, called, indexed or read from (glued to
 * "=", a bracket or a dot: "epochs=10", "len(", "X.T"), nor an operand beside an operator ("w -= lr * grad").
 */
function isLooseWord(tokens: readonly TokenInfo[], glued: readonly boolean[], index: number): boolean {
  const token = tokens[index];
  if (token === undefined || glued[index] === true || token.kind !== 'word' || !/^\p{L}+$/u.test(token.text)) return false;
  const after = tokens[index + 1];
  if (after !== undefined && glued[index + 1] === true && (after.text === '=' || after.text === '.' || OPENING.has(after.text))) return false;
  return !CODE_OPERATORS.test(tokens[index - 1]?.text ?? '') && !CODE_OPERATORS.test(after?.text ?? '');
}

/** Where the code expression opening at `from` ends (its last token), or undefined when the tokens there are not code. */
function codeEnd(tokens: readonly TokenInfo[], glued: readonly boolean[], from: number): number | undefined {
  const first = tokens[from];
  if (first === undefined) return undefined;
  if (first.text === '`') {
    let words = 0;
    for (let index = from + 1; index < tokens.length; index += 1) {
      const token = tokens[index];
      if (token?.text === '`') return index > from + 1 ? index : undefined;
      // A span of spaced plain words is prose in backticks ("`bagging, boosting, variance, bias`"), not code.
      if (token !== undefined && isLooseWord(tokens, glued, index) && ++words > MAX_LOOSE_CODE_WORDS) return undefined;
    }
    return undefined;
  }
  const closers: string[] = [];
  let code = false;
  let loose = 0;
  let end = from;
  for (let index = from; index < Math.min(tokens.length, from + MAX_CODE_TOKENS); index += 1) {
    const token = tokens[index];
    if (token === undefined) break;
    if (index > from && closers.length === 0 && (glued[index] !== true || CODE_STOPS.has(token.text))) break;
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    const gluedAfter = glued[index + 1] === true;
    if (index > from && isLooseWord(tokens, glued, index)) {
      loose += 1;
      if (loose > MAX_LOOSE_CODE_WORDS) return undefined;
    }
    const closer = OPENING.get(token.text);
    if (closer !== undefined) {
      // A name called or indexed: "len(", "df[".
      if (index > from && glued[index] === true && before !== undefined && (isWord(before) || CLOSING.has(before.text))) code = true;
      closers.push(closer);
    } else if (closers.at(-1) === token.text) {
      closers.pop();
    } else if (closers.length === 0 && (token.text === '.' || token.text === ':') && !(gluedAfter && after !== undefined && (isWord(after) || OPENING.has(after.text)))) {
      // A full stop or colon at the end of the expression ends the sentence or opens what follows.
      break;
    } else if (token.text === '=' && gluedAfter && index > from && glued[index] === true) {
      code = true;
    }
    end = index;
  }
  return code && closers.length === 0 ? end : undefined;
}

/** One item standing for the code expression `tokens`: a name the sentence uses, with the expression's first term. */
function codeItem(tokens: readonly TokenInfo[]): TokenInfo {
  const text = tokens.map((token) => token.text).join('');
  const term = tokens.find((token) => token.term !== '')?.term ?? text.toLowerCase();
  const item: TokenInfo = { text, normal: text.toLowerCase(), lemma: text.toLowerCase(), pos: 'NOUN', stop: false, negated: false, kind: 'word', term, identity: term, stem: '' };
  CODE_ITEMS.add(item);
  return item;
}

/** The items standing for code expressions (`codeItem`). */
const CODE_ITEMS = new WeakSet<TokenInfo>();
/**
 * The list tests' copies of the tokens of a sentence's formulas: a formula's letters and separators are neither words
 * nor separators of a list. Copies, since one token object stands for every occurrence of its word (nlp.ts).
 */
const IN_FORMULAS = new WeakSet<TokenInfo>();

function formulaItem(token: TokenInfo): TokenInfo {
  const item = { ...token };
  IN_FORMULAS.add(item);
  return item;
}
/**
 * A list separator between items: not one inside a formula ("|S_v|/|S|", "p(y_i | x_i; θ)", "N(μ, σ²/n)"), which is
 * its operator or separates its arguments.
 */
const separates = (token: TokenInfo): boolean => LIST_SEPARATORS.has(token.text) && !IN_FORMULAS.has(token);

function readListTokens(sentence: SentenceInfo): ListReading {
  const { tokens } = sentence;
  const formulas = formulaPositions(sentence);
  // Most sentences have no formula, bracket, operator, "=" or backtick: they are read as they are.
  let mayHoldCode = false;
  let changes = formulas.size > 0;
  for (const token of tokens) {
    const { text } = token;
    if (text.length !== 1) continue;
    if (OPENING.has(text) || text === '`' || text === '=') mayHoldCode = true;
    if (mayHoldCode || OPERATOR_SEPARATORS.has(text)) changes = true;
  }
  if (!changes) return { tokens };
  const glued = mayHoldCode && MAY_HOLD_CODE.test(sentence.text) ? gluedTokens(sentence) : undefined;
  const read: TokenInfo[] = [];
  const origin: number[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === undefined) break;
    const end = glued === undefined ? undefined : codeEnd(tokens, glued, index);
    if (end !== undefined) {
      read.push(codeItem(tokens.slice(index, end + 1)));
      origin.push(index);
      index = end;
      continue;
    }
    const tuple = OPENING.has(token.text) ? tupleEnd(tokens, index) : undefined;
    if (tuple !== undefined) {
      read.push(codeItem(tokens.slice(index, tuple + 1)));
      origin.push(index);
      index = tuple;
      continue;
    }
    // A separator read as arithmetic (code-words.ts: "TP/(TP+FP)" divides) separates no items.
    if (LIST_SEPARATORS.has(token.text) && (namedOperator(tokens, index) || token.term !== '')) continue;
    read.push(formulas.has(index) ? formulaItem(token) : token);
    origin.push(index);
  }
  return { tokens: read, origin };
}

/** Joins the parts of one name in a tuple ("head_dim", "x.shape"): the tokenizer splits them. */
const NAME_JOINERS: ReadonlySet<string> = new Set(['_', '.']);

/**
 * Where a tuple opening at `from` closes ("(batch, seq, dim)", "(4,)", "(batch, head_dim)"): up to four items, each
 * one word or number or one name joined by "_" or "."; else undefined.
 */
function tupleEnd(tokens: readonly TokenInfo[], from: number): number | undefined {
  const closer = OPENING.get(tokens[from]?.text ?? '');
  let items = 1;
  let previous: TokenInfo | undefined;
  for (let index = from + 1; index < tokens.length && index <= from + 6 * MAX_TUPLE_ITEMS; index += 1) {
    const token = tokens[index];
    if (token === undefined) return undefined;
    if (token.text === closer) return items >= 2 ? index : undefined;
    if (token.text === ',') {
      items += 1;
      if (items > MAX_TUPLE_ITEMS) return undefined;
      previous = undefined;
      continue;
    }
    // Within an item, a word follows only a joiner: "head _ dim", not "deep trees".
    const joined = previous === undefined || NAME_JOINERS.has(previous.text) || NAME_JOINERS.has(token.text);
    if (!joined || !(isWord(token) || NAME_JOINERS.has(token.text))) return undefined;
    previous = token;
  }
  return undefined;
}

/**
 * An operator the sentence names rather than lists with: next to a function word or another separator ("with & and
 * | in parentheses", "use & or |"), where a separator would stand between two terms.
 */
function namedOperator(tokens: readonly TokenInfo[], index: number): boolean {
  const token = tokens[index];
  if (token === undefined || !OPERATOR_SEPARATORS.has(token.text)) return false;
  const named = (neighbour: TokenInfo | undefined): boolean => neighbour === undefined || (isWord(neighbour) && neighbour.stop) || LIST_SEPARATORS.has(neighbour.text);
  return named(tokens[index - 1]) || named(tokens[index + 1]);
}

/** Comma-separated segments of at most this many words on average are phrases, not clauses. */
const PHRASE_WORDS = 3.5;
const MIN_SEGMENTS = 4;

export const isWord = (token: TokenInfo): boolean => token.kind === 'word' || token.kind === 'number';
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
    if (separates(token)) {
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
  const filled = withExamplesJoined(segments.filter((segment) => segment.words > 0));
  if (filled.length < MIN_SEGMENTS) return false;
  const words = filled.reduce((sum, segment) => sum + segment.words, 0);
  const withVerb = filled.filter((segment) => segment.verbs > 0).length;
  return words / filled.length <= PHRASE_WORDS && withVerb / filled.length <= 0.25;
}

/**
 * Segments with the code set off by commas after a phrase joined to it: in "Filter with a boolean mask,
 * df[df.age > 30], combine masks with &, …" the code shows what the phrase says, it is no item of a list. A
 * segment of code only (with function words: "or df.query(…)") after another stays an item: a run of code
 * lists it ("In PyTorch: model.train(), loss.backward(), optimizer.step()…").
 */
function withExamplesJoined(segments: readonly Segment[]): Segment[] {
  const joined: Segment[] = [];
  segments.forEach((segment, index) => {
    const previous = joined.at(-1);
    const before = segments[index - 1];
    if (previous !== undefined && before !== undefined && isCodeOnly(segment) && !isCodeOnly(before)) {
      joined[joined.length - 1] = { tokens: [...previous.tokens, ...segment.tokens], words: previous.words + segment.words, verbs: previous.verbs + segment.verbs };
    } else {
      joined.push(segment);
    }
  });
  return joined;
}

/** A segment whose only words apart from function words are code. */
function isCodeOnly(segment: Segment): boolean {
  const words = segment.tokens.filter((token) => isWord(token) && !token.stop);
  return words.length > 0 && words.every((token) => CODE_ITEMS.has(token));
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
  // A line of code separates names with commas and brackets, not a list's items ("X_train, X_test = …").
  if (codeLineOf(sentence) !== undefined) return false;
  const { tokens } = listReading(sentence);
  const segments = listSegments(sentence);
  return listsTerms(tokens, segments) || isListWithAside(segments) || stringsTerms(tokens);
}

/**
 * English puts a function word or a punctuation mark between content words every few words: in the corpus, the
 * labelled ML answers and UNT's answers (about 9,300 sentences) 22 sentences have a run of eight content words or
 * more, most of them terse guide lines ("Fast.ai provides practical deep learning courses emphasizing getting
 * results quickly.", ten) or code read aloud ("df bracket bracket quote age quote comma…"); two of them have 20 words or
 * more with under 15% function words, the code read aloud (a term list already) and a list of skills whose runs
 * hold a quarter of its words. Words strung together run on much longer.
 */
const STRUNG_WORDS = 8;
/** A sentence strings terms only when this long… */
const STRUNG_MIN_WORDS = 20;
/** …and with fewer function words than this share of its words (English prose has 30–50%). */
const STRUNG_FUNCTION_SHARE = 0.15;

/** Join a compound's parts: "single-label", "out-of-bag", "oob_score" (the tokenizer splits them). */
const COMPOUND_JOINERS: ReadonlySet<string> = new Set(['-', '_']);
/**
 * A compound of more parts than this is words strung together ("bagging-parallel-independent-averages-…"), not
 * one word: the longest in the corpus and the labelled answers joins five, a heading's slug
 * ("machine-learning-interview-preparation-guide"); "state-of-the-art" joins four.
 */
const COMPOUND_PARTS = 6;

/**
 * Terms strung together without separators: "The answer is `bagging parallel independent averages predictions
 * reduce variance boosting sequential …`" or "compare(bagging parallel independent … reduce bias and variance, …)".
 * No comma to count, a verb or two among the terms ("reduce", "correcting") and a function word here and there:
 * the list tests read them as one sentence, and such a keyword dump in backticks scored 4.8. A long sentence with
 * few function words strings terms when runs of STRUNG_WORDS content words or more hold at least half of its words,
 * whatever wraps them (backticks, brackets, a call); any sentence does when most of its words are parts of
 * compounds of more than COMPOUND_PARTS parts ("bagging-parallel-independent-…", "bagging_parallel_…"). A code
 * expression (listReading) or a number ends a run: it is notation the sentence names ("linspace(start, stop, num)
 * gives exactly num evenly spaced points including…"), "60 20 20" is data. A compound of fewer parts is one word
 * ("single-label multi-class problems" is three).
 */
function stringsTerms(tokens: readonly TokenInfo[]): boolean {
  let words = 0;
  let functionWords = 0;
  let strung = 0;
  let compounded = 0;
  let run = 0;
  let parts = 0;
  let joined = false;
  const endRun = (): void => {
    if (run >= STRUNG_WORDS) strung += run;
    run = 0;
    parts = 0;
  };
  for (const token of tokens) {
    if (isWord(token)) {
      words += 1;
      if (token.stop) functionWords += 1;
    }
    if (COMPOUND_JOINERS.has(token.text) && parts > 0) {
      joined = true;
      continue;
    }
    if (token.kind === 'word' && (joined || !token.stop) && !CODE_ITEMS.has(token)) {
      if (joined) {
        parts += 1;
        // Past COMPOUND_PARTS, every part of the compound counts, the first ones too.
        const added = parts === COMPOUND_PARTS + 1 ? parts : parts > COMPOUND_PARTS ? 1 : 0;
        compounded += added;
        run += added === 0 ? 0 : added - (parts === COMPOUND_PARTS + 1 ? 1 : 0);
      } else {
        parts = 1;
        run += 1;
      }
    } else {
      endRun();
    }
    joined = false;
  }
  endRun();
  return (compounded > 0 && compounded >= words / 2) || (words >= STRUNG_MIN_WORDS && functionWords < STRUNG_FUNCTION_SHARE * words && strung >= words / 2);
}

/**
 * The sentence states a relation in notation (`statesRelation`): it gives a name a value in an equation ("F1 = 2PR /
 * (P + R)", "a1 = relu(z1)"), or relates quantities ("x̄ ~ N(μ, σ²/n)", "ξ_i ≥ 0", "L1 → sparse weights"). It states
 * something, as a verb does, though it may have none ("Backward: dz2 = (probs - Y) / n, dW2 = a1.T @ dz2.").
 */
export const statesRelation: (sentence: SentenceInfo) => boolean = perSentence(
  (sentence) =>
    sentence.tokens.some((token) => RELATION_TEXT.test(token.text)) && listSegments(sentence).some((segment) => relates(segment.tokens)),
);

/** Arithmetic in an equation's expression: "TP / (TP + FP)", "X @ W1 + b1", "A1^T dZ2". */
export const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '−', '*', '/', '@', '^', '×', '·', '÷']);

/**
 * An operand written as a symbol rather than a word: a number, code ("relu(z1)"), a letter or two ("w", "lr", "TP"), a
 * name with a digit or a capital inside ("W1", "dW") or joined by "_" ("y_hat"), or notation ("σ²", "β₀", "x̄").
 */
function isSymbol(tokens: readonly TokenInfo[], index: number): boolean {
  const token = tokens[index];
  if (token === undefined) return false;
  if (token.kind === 'number' || CODE_ITEMS.has(token) || isNotationOperand(token.text)) return true;
  const { text } = token;
  return token.kind === 'word' && (text.length <= 2 || /\d|.\p{Lu}/u.test(text) || tokens[index - 1]?.text === '_' || tokens[index + 1]?.text === '_');
}

/**
 * A symbol a relation's side may hold to be about quantities: a value, code, notation, a letter ("x > 0", not the "k" of
 * "k-means"), a name with a digit ("L1", "W2") or a subscript ("y_i"). Not a word in capitals: "DBSCAN" and "ReLU" are
 * names of things, which an arrow may string together like any other term.
 */
function isQuantity(tokens: readonly TokenInfo[], index: number): boolean {
  const token = tokens[index];
  if (token === undefined) return false;
  if (token.kind === 'number' || CODE_ITEMS.has(token) || isNotationOperand(token.text)) return true;
  if (token.kind !== 'word') return false;
  const [before, after] = [tokens[index - 1]?.text, tokens[index + 1]?.text];
  if (before === '_' || after === '_') return true;
  return before !== '-' && after !== '-' && (token.text.length === 1 || /\d/.test(token.text));
}

/** An operand of a formula: a content word, a number, or a symbol in notation ("μ", "σ²", which wink does not call words). */
const isOperand = (token: TokenInfo): boolean => (isWord(token) && !token.stop) || isNotationOperand(token.text);

/**
 * How notation relates its two sides: "=", "≈" and "←" (an update, "w ← w − η g") give the name on the left a value; an arrow maps the left side to
 * what follows from it ("L1 → sparse weights", "Gaussian p ⇒ squared error"); the others compare ("x > 0", "x̄ ~
 * N(μ, σ²/n)", "x ∈ S").
 */
type RelationKind = 'equals' | 'maps' | 'compares';
const RELATIONS: ReadonlyMap<string, RelationKind> = new Map([
  ['=', 'equals'],
  ['≈', 'equals'],
  ['≡', 'equals'],
  ['←', 'equals'],
  ['→', 'maps'],
  ['⇒', 'maps'],
  ['↦', 'maps'],
  ['⟹', 'maps'],
  ['⟶', 'maps'],
  ['<', 'compares'],
  ['>', 'compares'],
  ['≤', 'compares'],
  ['≥', 'compares'],
  ['≠', 'compares'],
  ['∈', 'compares'],
  ['∉', 'compares'],
  ['~', 'compares'],
  ['∝', 'compares'],
  ['≪', 'compares'],
  ['≫', 'compares'],
]);
/** A token that may write a relation, alone or as half of one ("->", ":="): a sentence without one states none. */
const RELATION_TEXT = /^[=≈≡←→⇒↦⟹⟶<>≤≥≠∈∉~∝≪≫]$/;
/** Relations written in two ASCII tokens, by the first and then the second: "->", "=>", ":=", "==", "<=", ">=", "!=". */
const DIGRAPHS: ReadonlyMap<string, ReadonlyMap<string, RelationKind>> = new Map([
  ['-', new Map([['>', 'maps']])],
  ['=', new Map<string, RelationKind>([['>', 'maps'], ['=', 'equals']])],
  [':', new Map([['=', 'equals']])],
  ['<', new Map([['=', 'compares']])],
  ['>', new Map([['=', 'compares']])],
  ['!', new Map([['=', 'compares']])],
]);

/** A relation written at `at` to `end` (the same token, or the second of a digraph). */
interface Relation {
  readonly at: number;
  readonly end: number;
  readonly kind: RelationKind;
}

function relationsOf(tokens: readonly TokenInfo[]): Relation[] {
  const found: Relation[] = [];
  // Every relation, digraphs too, holds a token of RELATIONS ("=" or ">"); most pieces have none.
  if (!tokens.some((token) => RELATIONS.has(token.text))) return found;
  for (let index = 0; index < tokens.length; index += 1) {
    const text = tokens[index]?.text ?? '';
    const pair = DIGRAPHS.get(text)?.get(tokens[index + 1]?.text ?? '');
    if (pair !== undefined) {
      found.push({ at: index, end: index + 1, kind: pair });
      index += 1;
      continue;
    }
    const kind = RELATIONS.get(text);
    if (kind !== undefined) found.push({ at: index, end: index, kind });
  }
  return found;
}

/**
 * One side of a relation, from `from` towards `to` (exclusive; backwards when `to` < `from`): up to another relation, a
 * label's colon ("Log loss: L = …") or a bracket it does not close ("(L1 → sparse weights, …").
 */
function side(tokens: readonly TokenInfo[], from: number, to: number): TokenInfo[] {
  const step = to < from ? -1 : 1;
  const taken: TokenInfo[] = [];
  let depth = 0;
  for (let index = from; index !== to; index += step) {
    const token = tokens[index];
    if (token === undefined) break;
    const opens = step > 0 ? OPENING.has(token.text) : CLOSING.has(token.text);
    const closes = step > 0 ? CLOSING.has(token.text) : OPENING.has(token.text);
    if (closes && depth === 0) break;
    if (token.text === ':' && depth === 0) break;
    if (opens) depth += 1;
    if (closes) depth -= 1;
    taken.push(token);
  }
  return step > 0 ? taken : taken.reverse();
}

/** The two sides of the `index`th of a piece's relations. */
function sidesOf(tokens: readonly TokenInfo[], relations: readonly Relation[], index: number): [TokenInfo[], TokenInfo[]] {
  const relation = relations[index];
  if (relation === undefined) return [[], []];
  return [side(tokens, relation.at - 1, relations[index - 1]?.end ?? -1), side(tokens, relation.end + 1, relations[index + 1]?.at ?? tokens.length)];
}

/** Content words a term holds at most: "gradient descent", "learning rate". */
const TERM_WORDS = 2;

/** A side that only names a term: a word or two, no function word, no symbol ("dropout", "learning rate"). */
function namesTerm(tokens: readonly TokenInfo[]): boolean {
  const words = tokens.flatMap((token, index) => (isWord(token) ? [index] : []));
  return words.length > 0 && words.length <= TERM_WORDS && words.every((index) => tokens[index]?.stop === false && !isQuantity(tokens, index));
}

/**
 * A piece states a relation in notation: an equation (`givesValue`), or a mapping or comparison whose sides hold
 * symbols or values (`relatesSides`). A chain of arrows between bare words ("overfitting → regularisation → dropout →
 * L2") is a keyword dump in arrows' dress: its links that relate nothing outnumber those that do.
 */
function relates(tokens: readonly TokenInfo[], withWordFormulas = false, givens = false): boolean {
  if (tokens.some((token) => CODE_ITEMS.has(token) && SETS_VALUE.test(token.text) && (givens || !SETS_CONSTANT.test(token.text)))) return true;
  const relations = relationsOf(tokens);
  let stated = 0;
  let bare = 0;
  const arrows = relations.filter((relation) => relation.kind === 'maps').length;
  relations.forEach((relation, index) => {
    const [before, after] = sidesOf(tokens, relations, index);
    if (fixesValue(before, after)) {
      if (givens) stated += 1;
      return;
    }
    const states = relation.kind === 'equals' ? givesValue(before, after, withWordFormulas) : relatesSides(relation.kind, before, after, arrows === 1);
    if (states) stated += 1;
    else if (relation.kind === 'maps') bare += 1;
  });
  return stated > 0 && stated >= bare;
}

/** Code that sets a name to a number or an expression ("TP=40", "precision=50/55≈0.91"), not to a name ("precision=TP"). */
const SETS_VALUE = /^[A-Za-z_][\w.]*=(?!=)[-\d(.]/;
/** Code that sets a name to a constant alone ("TP=40"). */
const SETS_CONSTANT = /^[A-Za-z_][\w.]*=-?[\d.]+$/;

/**
 * One symbol set to or compared with one constant ("TP > 0", "p < 1", "K = 5"): a case's value, which says nothing of
 * the subject by itself, so a piece of nothing else is a row of values, not a statement ("TP > 0, FP > 0, FN > 0, TN >
 * 0" scored 3.7 on the confusion-matrix question as one). In a sentence with a relation that computes they are its
 * givens ("TP=30, FP=20, FN=10: precision=30/50=0.6"), and state what they give (`givens`).
 */
function fixesValue(before: readonly TokenInfo[], after: readonly TokenInfo[]): boolean {
  const lone = (tokens: readonly TokenInfo[]): TokenInfo | undefined => {
    const operands = tokens.filter(isOperand);
    return operands.length === 1 && tokens.every((token) => isOperand(token) || token.kind === 'punctuation' || token.text === '-' || token.text === '−')
      ? operands[0]
      : undefined;
  };
  const [left, right] = [lone(before), lone(after)];
  return left !== undefined && right !== undefined && (left.kind === 'number') !== (right.kind === 'number');
}

/**
 * An equation: a name given an expression that computes it from symbols ("precision = TP / (TP + FP)", "a1 =
 * relu(z1)", "w -= lr * dw", "P(A|B) = P(B|A)P(A)/P(B)", "E[(y − f̂)²] = Bias[f̂]² + Var[f̂] + σ²") or a value ("K =
 * 5", "recall ≈ 0.67"). It states what the name is, as a clause does. Names set equal to names ("precision = recall =
 * F1") or to words added up ("bagging = parallel + independent") compute nothing: terms in a formula's dress. A formula
 * of words that multiplies or divides ("posterior = likelihood × prior / evidence") is one only `withWordFormulas`: it
 * has a verb's weight in a sentence, but a row of them ("bagging = parallel * independent, boosting = …") states no
 * more than its words.
 */
function givesValue(before: readonly TokenInfo[], after: readonly TokenInfo[], withWordFormulas: boolean): boolean {
  // "w -= lr * dw": an operator before "=" is part of the assignment, as is the star of "θ* =".
  const named = before.at(ARITHMETIC.has(before.at(-1)?.text ?? '') ? -2 : -1);
  // The name is a word or a symbol, or an expression that closes a bracket: "f(x)", "E[(y − f̂)²]".
  if (named === undefined || !(isWord(named) || isNotationOperand(named.text) || CLOSING.has(named.text))) return false;
  const operands: number[] = [];
  let computes = false;
  let multiplies = false;
  let notation = false;
  after.forEach((token, index) => {
    // A symbol with a bracket after it is a function applied: "P(A)", "f (x)", "E[X]".
    const applied = (token.text === '(' || token.text === '[') && isSymbol(after, index - 1);
    if (ARITHMETIC.has(token.text) || CODE_ITEMS.has(token) || applied || (token.kind !== 'word' && MATH_OPERATOR.test(token.text))) computes = true;
    if (MULTIPLYING.has(token.text)) multiplies = true;
    if (token.text === '_' || NOTATION.test(token.text)) notation = true;
    if (isOperand(token)) operands.push(index);
  });
  const symbols = operands.filter((index) => isSymbol(after, index)).length;
  const value = operands.length === 1 && after[operands[0] ?? -1]?.kind === 'number';
  // Notation multiplies what it writes side by side ("δ_l a_{l-1}ᵀ", "β₁x₁"): symbols in it compute, as an operator does.
  const product = notation && operands.length >= 2 && symbols === operands.length;
  return value || ((computes || product) && operands.length > 0 && (symbols * 2 > operands.length || (withWordFormulas && multiplies)));
}

/**
 * A mapping or a comparison relates two sides that say something, one of them with a symbol or a value ("x > 0",
 * "large γ → very local boundary", "loc -> labels (df.loc['a'])"). A lone name beside a lone word names it, as "TP =
 * True Positives" does, and says nothing of it ("z1 → forward", "dropout → L2"). An arrow between two phrases in
 * words maps one to the other, when it is the piece's only arrow ("largest logit → largest probability") or a phrase
 * says more than a term's name ("raising the threshold → fewer false positives → higher precision"); a chain of
 * terms strings them together ("backprop → chain rule → learning rate → weight updates").
 */
function relatesSides(kind: RelationKind, before: readonly TokenInfo[], after: readonly TokenInfo[], onlyArrow: boolean): boolean {
  const operands = (tokens: readonly TokenInfo[]): number[] => tokens.flatMap((token, index) => (isOperand(token) ? [index] : []));
  const [left, right] = [operands(before), operands(after)];
  if (left.length === 0 || right.length === 0) return false;
  const symbolic = (tokens: readonly TokenInfo[], found: readonly number[]): boolean => found.some((index) => isQuantity(tokens, index));
  if (!symbolic(before, left) && !symbolic(after, right)) {
    return kind === 'maps' && left.length >= 2 && right.length >= 2 && (onlyArrow || !namesTerm(before) || !namesTerm(after));
  }
  if (kind !== 'maps') return true;
  const loneName = (tokens: readonly TokenInfo[], found: readonly number[]): boolean =>
    found.length === 1 && isQuantity(tokens, found[0] ?? -1) && tokens[found[0] ?? -1]?.kind !== 'number';
  const loneWord = (tokens: readonly TokenInfo[], found: readonly number[]): boolean => found.length === 1 && !isQuantity(tokens, found[0] ?? -1);
  return !((loneName(before, left) && loneWord(after, right)) || (loneWord(before, left) && loneName(after, right)));
}

/** Operators that join words as "and" does; not "-", which between words is a dash ("Inheritance - cuts redundancy…"). */
const JOINING_OPERATORS: ReadonlySet<string> = new Set(['=', '+']);
/** Operators that make quantities of what they join: "likelihood × prior / evidence" is a formula in words. */
const MULTIPLYING: ReadonlySet<string> = new Set(['*', '/', '^', '×', '·', '÷']);

/**
 * Operators between two words that join them as a comma does: "chain rule + gradients", "update = learning rate",
 * "precision = positive predictions". Between symbols they compute ("TP + FP", "y log p + (1 − y)"), and in a piece
 * that multiplies or divides they make a formula of words ("posterior = likelihood × prior / evidence").
 */
function wordJoiners(segment: Segment): number {
  const { tokens } = segment;
  if (tokens.some((token) => MULTIPLYING.has(token.text))) return 0;
  const plain = (at: number): boolean => {
    const word = tokens[at];
    return word !== undefined && word.kind === 'word' && !word.stop && !isSymbol(tokens, at);
  };
  const operators = tokens.filter((token, index) => JOINING_OPERATORS.has(token.text) && plain(index - 1) && plain(index + 1)).length;
  // An arrow between terms joins them as a comma does: "gradient descent -> loss function -> gradient -> …".
  const relations = relationsOf(tokens);
  const arrows = relations.filter((relation, index) => relation.kind === 'maps' && sidesOf(tokens, relations, index).every(namesTerm)).length;
  return operators + arrows;
}

/** "=" between a name and a word, not both plain words: "TP = True Positives", "2 = 0.5", not "precision = positive predictions". */
function namesSymbol(tokens: readonly TokenInfo[], index: number): boolean {
  const [before, token, after] = [tokens[index - 1], tokens[index], tokens[index + 1]];
  if (token?.text !== '=' || before === undefined || !isWord(before) || after === undefined || !isWord(after)) return false;
  return isSymbol(tokens, index - 1) || isSymbol(tokens, index + 1);
}

/**
 * Words that lead a clause's examples: "groups similar points for segmentation, …", "…, such as …". Not any
 * preposition: "works with", "relies on", "is about" lead a dump of the reference's terms as readily ("Backpropagation
 * works with chain rule, gradients, forward pass, loss and weight updates" scored 3.5 when they did).
 */
const EXAMPLE_LEADS: ReadonlySet<string> = new Set(['for', 'like', 'as', 'including', 'e.g.']);
/** At most this many pieces after the clause are its examples; more is a dump whatever leads it. */
const MAX_EXAMPLES = 6;
/** At most this many content words in a clause's subject: "np.array_split allows…" has one, "bagging parallel independent averages predictions reduce…" five. */
const SUBJECT_WORDS = 3;

/** Word kinds that open a verb's object: "groups similar points", "averages many trees", "projects the data". */
const OBJECT_OPENERS: ReadonlySet<string> = new Set(['DET', 'ADJ', 'NUM', 'PRON']);

/**
 * A finite verb: tagged as one, or a present tense the tagger reads as a plural noun, between the subject opening the
 * phrase and its object ("Clustering groups similar points", "Bagging averages many trees", "PCA projects the data").
 */
function isFiniteVerb(tokens: readonly TokenInfo[], index: number, first: number): boolean {
  const token = tokens[index];
  if (token === undefined) return false;
  const [before, after] = [tokens[index - 1], tokens[index + 1]];
  // A participle in "-ing" is finite only after an auxiliary ("is learning"); alone it names ("Machine Learning Fundamentals").
  if (isVerb(token)) return !token.normal.endsWith('ing') || before?.pos === 'AUX';
  return (
    index === first + 1 &&
    token.pos === 'NOUN' &&
    /[^s]s$/.test(token.normal) &&
    before !== undefined &&
    (before.pos === 'NOUN' || before.pos === 'PROPN') &&
    after !== undefined &&
    OBJECT_OPENERS.has(after.pos)
  );
}

/**
 * A clause: a verb with what it says something of after it, and before it a subject of a few words ("np.array_split
 * allows unequal ones", "clustering needs no labels") or nothing, when it commands in its plain form ("Initialise w
 * and b at zero"). Terms the tagger reads as verbs stand without one or the other ("learning rate", "validation
 * set"), or after a run of terms ("bagging parallel independent averages predictions reduce variance").
 */
function isClause(tokens: readonly TokenInfo[]): boolean {
  const content = (token: TokenInfo | undefined): boolean => token !== undefined && isWord(token) && !token.stop;
  const first = tokens.findIndex(content);
  return tokens.some((token, index) => {
    // The verb's object follows it: "allows unequal ones", not "forward pass = ReLU".
    const object = tokens[index + 1];
    if (!isFiniteVerb(tokens, index, first) || object === undefined || !isWord(object) || !tokens.slice(index + 1).some(content)) return false;
    // Parts of one name ("np.array_split") are one word of the subject.
    const subject = tokens.slice(0, index).filter((word, at) => content(word) && !NAME_JOINERS.has(tokens[at - 1]?.text ?? '')).length;
    if (subject === 0) return index === first && token.normal === token.lemma && !token.normal.endsWith('ing');
    return subject <= SUBJECT_WORDS;
  });
}

/** Words that join a list's last item as English writes one ("A, B and C"), and that cut it into one more piece. */
const JOINING: ReadonlySet<string> = new Set(['and', 'or']);

/**
 * The sentence says things rather than naming them: its pieces state something, clauses or equations ("np.split(x,
 * k) needs equal parts, np.array_split allows unequal ones, and indices give split points", "precision = TP / (TP +
 * FP), recall = TP / (TP + FN), …"), most of them, or one of two ("Unlike classification, clustering needs no
 * labels": a list names three things or more); or a clause opens it and its items are the examples it leads to
 * ("Clustering groups similar points, for customer segmentation, document grouping and anomaly detection"), led by
 * a word that leads examples (EXAMPLE_LEADS) opening the second piece, at most MAX_EXAMPLES of them, joined as English
 * joins a list's last item, with "and" or "or".
 */
function states(segments: readonly Segment[]): boolean {
  const filled = segments.filter((segment) => segment.words > 0);
  const first = filled[0];
  const last = filled.at(-1);
  if (first === undefined || last === undefined) return false;
  // A piece of values states what it gives only beside one that computes: the second reading is for those pieces alone.
  const relating = filled.map((segment) => relates(segment.tokens));
  const computes = relating.includes(true);
  const clauses = filled.map((segment) => isClause(segment.tokens));
  const sharedVerbs = coordinatesVerbs(filled, clauses);
  const stating = filled.filter(
    (segment, index) =>
      clauses[index] === true ||
      (index === filled.length - 1 && clauses[index - 1] === true && opensParticiple(segment.tokens)) ||
      (sharedVerbs && clauses.slice(0, index).includes(true) && opensVerbPhrase(segment.tokens) && (index === filled.length - 1 || hasGrammar(segment.tokens))) ||
      relating[index] === true ||
      (computes && relates(segment.tokens, false, true)),
  ).length;
  if (filled.length >= 2 && stating * 3 >= filled.length * 2) return true;
  const joined = filled.flatMap((segment) => segment.tokens).filter((token) => JOINING.has(token.normal)).length;
  if (filled.length + joined <= 2 && stating > 0) return true;
  if (filled.length < 3 || filled.length + joined > MAX_EXAMPLES + 1 || !isClause(first.tokens) || !last.tokens.some((token) => JOINING.has(token.normal))) {
    return false;
  }
  // The examples open the second piece, after a clause that says something of its own: "Clustering groups similar
  // unlabelled points, for customer segmentation, …". A lead inside a short clause ("Backpropagation computes
  // gradients for chain rule, forward pass, …", "uses concepts like …") only puts a dump behind a verb.
  return EXAMPLE_LEADS.has(filled[1]?.tokens[0]?.normal ?? '') && objectWords(first.tokens) >= EXAMPLE_CLAUSE_OBJECT;
}

/** A piece's first content word and the one after it, past a joining "and"/"or". */
function opening(tokens: readonly TokenInfo[]): [TokenInfo | undefined, TokenInfo | undefined] {
  const words = tokens.filter((token) => isWord(token) && !JOINING.has(token.normal));
  return [words[0], words[1]];
}

/**
 * A participle opening the last piece, after a clause, with what it does: "Color and size add dimensions, encoding
 * class labels or confidence scores" says how they add them. The tagger often reads the participle as a noun. Only the
 * last piece: inside a list an "-ing" word opens a term as readily ("include number of models, learning rate, and …").
 */
function opensParticiple(tokens: readonly TokenInfo[]): boolean {
  const [first, next] = opening(tokens);
  return first !== undefined && !first.stop && first.normal.endsWith('ing') && (first.pos === 'NOUN' || first.pos === 'VERB') && next !== undefined && !next.stop;
}

/** A verb in its plain form opening a piece with its object after it: "show actual values", "identify outliers". */
function opensVerbPhrase(tokens: readonly TokenInfo[]): boolean {
  const [first, next] = opening(tokens);
  return (
    first !== undefined &&
    !first.stop &&
    (first.pos === 'NOUN' || first.pos === 'VERB') &&
    first.normal === first.lemma &&
    !first.normal.endsWith('ing') &&
    next !== undefined &&
    OBJECT_WORDS.has(next.pos)
  );
}

/**
 * A function word other than the joining "and"/"or": "show actual versus predicted values to assess accuracy" is a
 * phrase, "gradient steps" between a clause and "or compute gradients" is a term that looks like a verb and its object.
 */
function hasGrammar(tokens: readonly TokenInfo[]): boolean {
  return tokens.some((token) => isWord(token) && (token.stop || GRAMMAR_WORDS.has(token.pos)) && !JOINING.has(token.normal));
}

/** Word kinds that carry grammar rather than content: "like PCA", "to assess", "the correlation". */
const GRAMMAR_WORDS: ReadonlySet<string> = new Set(['ADP', 'DET', 'PART', 'SCONJ', 'PRON', 'AUX']);

/** Word kinds that can open a verb's object, nouns included: "display dimensionality reduction results". */
const OBJECT_WORDS: ReadonlySet<string> = new Set([...OBJECT_OPENERS, 'NOUN', 'PROPN']);

/**
 * Verb phrases sharing one subject: "scatter plots visualize feature relationships, show actual values, display
 * reduction results, or identify outliers". English joins like with like, so when a clause comes first and the last
 * piece is a verb in its plain form joined by "and"/"or", the pieces between that open the same way are verb phrases,
 * even where the tagger reads their verb as a noun ("show", "display").
 */
function coordinatesVerbs(filled: readonly Segment[], clauses: readonly boolean[]): boolean {
  const last = filled.at(-1);
  if (last === undefined || filled.length < 3 || !clauses.slice(0, -1).includes(true)) return false;
  const joiner = last.tokens.find((token) => isWord(token));
  const [verb] = opening(last.tokens);
  return joiner !== undefined && JOINING.has(joiner.normal) && verb !== undefined && verb.pos === 'VERB' && opensVerbPhrase(last.tokens);
}

/** Content words a clause leading examples says after its verb: "groups similar unlabelled points" has three. */
const EXAMPLE_CLAUSE_OBJECT = 2;

/** How many content words follow the clause's first finite verb. */
function objectWords(tokens: readonly TokenInfo[]): number {
  const first = tokens.findIndex((token) => isWord(token) && !token.stop);
  const verb = tokens.findIndex((_, index) => isFiniteVerb(tokens, index, first));
  return verb === -1 ? 0 : tokens.slice(verb + 1).filter((token) => isWord(token) && !token.stop).length;
}

function listsTerms(tokens: readonly TokenInfo[], segments: readonly Segment[] = segmentsOf(tokens)): boolean {
  // What a sentence states is read only of one shaped as a list: most sentences are not.
  return shapedAsList(tokens, segments) && !states(segments);
}

function shapedAsList(tokens: readonly TokenInfo[], segments: readonly Segment[]): boolean {
  // A formula's letters and numbers are neither list nor sentence: "With 40 TP and 10 FP, precision = 40 / (40 + 10) =
  // 0.8." has seven words, two of them function words, not thirteen.
  const words = tokens.filter((token) => isWord(token) && !IN_FORMULAS.has(token));
  if (words.length < 3) return false;
  if (isPhraseList(segments)) return true;
  const functionWords = words.filter((token) => token.stop).length;
  if (functionWords / words.length >= 0.2) return false;
  const separators = tokens.filter(separates).length + segments.reduce((sum, segment) => sum + wordJoiners(segment), 0);
  if (separators >= words.length / 3) return true;
  // An equation ("X_test = scaler.transform(X_test)", "z1 = X @ W1 + b1") states something as a verb does: a name given
  // a value, as does a symbol given its meaning ("TP = True Positives"); words joined by "=" do not.
  const relating = segments.map((segment) => relates(segment.tokens, true));
  const computes = relating.includes(true);
  const verbs =
    tokens.filter(isVerb).length +
    segments.filter(
      (segment, index) =>
        relating[index] === true || (computes && relates(segment.tokens, true, true)) || segment.tokens.some((_, at) => namesSymbol(segment.tokens, at)),
    ).length;
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
function isListWithAside(segments: readonly Segment[]): boolean {
  const first = segments[0];
  const last = segments.at(-1);
  if (segments.length <= MIN_SEGMENTS || !first || !last) return false;
  // The rest of the sentence is gathered only once an aside is found: most first and last phrases are none.
  let after: readonly TokenInfo[] | undefined;
  let before: readonly TokenInfo[] | undefined;
  return (
    asideEnds(first.tokens).some(
      (end) => isAside(first.tokens.slice(0, end)) && namesTerms([...first.tokens.slice(end), ...(after ??= segments.slice(1).flatMap((segment) => segment.tokens))]),
    ) ||
    asideStarts(last.tokens).some(
      (start) => isAside(last.tokens.slice(start)) && namesTerms([...(before ??= segments.slice(0, -1).flatMap((segment) => segment.tokens)), ...last.tokens.slice(0, start)]),
    )
  );
}

/** Words of a label before its colon: "K-means", "High gamma", "Degree-15 fit". */
const LABEL_WORDS = 3;

/** A label and what follows it up to the next label: "K-means: spherical clusters, needs K". */
interface LabelledPart {
  readonly sentence: SentenceInfo;
  readonly label: ReadonlySet<string>;
  readonly items: ReadonlySet<string>;
}

/**
 * The colons that close a label, each with where its label starts: a label of at most LABEL_WORDS words and no verb,
 * opening the sentence or a piece after a comma or semicolon ("Ridge: loss + λΣw², lasso: loss + λΣ|w|", "High
 * gamma: …; low gamma: …").
 */
export const labelColons = perSentence((sentence: SentenceInfo): readonly { readonly start: number; readonly colon: number }[] => {
  const { tokens } = sentence;
  const colons: { start: number; colon: number }[] = [];
  let pieceStart = 0;
  tokens.forEach((token, index) => {
    if (token.text === ',' || token.text === ';') pieceStart = index + 1;
    if (token.text !== ':') return;
    const label = tokens.slice(pieceStart, index);
    const words = label.filter(isWord).length;
    if (words > 0 && words <= LABEL_WORDS && !label.some(isVerb)) colons.push({ start: pieceStart, colon: index });
  });
  return colons;
});

/** The labelled parts of a sentence (`labelColons`), each with the terms of its label and its items. */
function labelledParts(sentence: SentenceInfo): LabelledPart[] {
  const { tokens } = sentence;
  const colons = labelColons(sentence);
  const terms = (from: number, to: number): Set<string> => new Set(tokens.slice(from, to).flatMap((token) => (token.term === '' ? [] : [token.term])));
  return colons.map(({ start, colon }, index) => ({
    sentence,
    label: terms(start, colon),
    items: attributeTerms(tokens.slice(colon + 1, colons[index + 1]?.start ?? tokens.length)),
  }));
}

/** The terms of a label's items that say something of it, phrases of two words or more ("end inclusive", "cuts variance"), not a lone name ("TP"). */
function attributeTerms(tokens: readonly TokenInfo[]): Set<string> {
  const found = new Set<string>();
  for (const segment of segmentsOf(tokens)) {
    if (segment.words < 2) continue;
    for (const token of segment.tokens) if (token.term !== '') found.add(token.term);
  }
  return found;
}

/**
 * Sentences that compare things under labels ("loc: label-based, end inclusive. iloc: integer positions, end
 * exclusive.", "High gamma: …, a wiggly boundary; low gamma: …, a smoother boundary"): labelled parts in a row of
 * sentences, two of which vary the same attribute in their items' phrases ("end inclusive" and "end exclusive"), as a
 * table's rows do. Labels heading names ("Forward: z1, a1, z2. Backward: dz2, dW2. Update: W, lr.", "precision: TP,
 * FP; recall: TP, FN") or terms that say nothing alike ("bagging: parallel, variance; boosting: sequential, bias")
 * sort a keyword dump without comparing anything.
 */
export function comparedLabels(sentences: readonly SentenceInfo[]): ReadonlySet<SentenceInfo> {
  const compared = new Set<SentenceInfo>();
  let row: LabelledPart[] = [];
  const close = (): void => {
    const shares = (a: LabelledPart, b: LabelledPart): boolean => [...a.items].some((term) => b.items.has(term) && !a.label.has(term) && !b.label.has(term));
    if (row.some((part, index) => row.slice(index + 1).some((other) => shares(part, other)))) for (const part of row) compared.add(part.sentence);
    row = [];
  };
  for (const sentence of sentences) {
    const parts = labelledParts(sentence);
    if (parts.length === 0) close();
    else row.push(...parts);
  }
  close();
  return compared;
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

/** Conjunctions that join a clause to a list's last comma: "…, no analytical solution, and this is how models learn…". */
const CLAUSE_CONJUNCTIONS: ReadonlySet<string> = new Set(['and', 'but', 'so']);

/**
 * The last segment is a clause of its own joined to a term list by a conjunction ("…, no analytical solution, and
 * this is how models learn patterns from data."): a pronoun for its subject ("this", "it", "they") and then a verb,
 * no aside, after four or more phrases that list terms, the first without a function word. A list that is the object
 * of a clause opening the sentence is prose ("We tried logistic regression, random forests, XGBoost, LightGBM, and
 * the boosted models won."; the lite model tags list words as verbs, "dot products", "validation set", so a verb
 * cannot tell the clause), and a noun after "and" may be the list's last item and share its verb ("Tokenisation,
 * embeddings, attention layers, feed-forward blocks, and the output head make up a Transformer.").
 */
function isJoinedClause(segments: readonly Segment[], before: readonly TokenInfo[]): boolean {
  const first = segments[0];
  const last = segments.at(-1);
  if (!first || !last || hasFunctionWord(first.tokens) || !CLAUSE_CONJUNCTIONS.has(last.tokens[0]?.normal ?? '')) return false;
  const clause = last.tokens.slice(1);
  const verb = clause.findIndex(isVerb);
  if (verb <= 0 || isAside(clause)) return false;
  const subject = clause.slice(0, verb);
  return subject.every((token) => token.stop) && subject.some((token) => token.pos === 'PRON') && namesTerms(before);
}

/** A function word outside a hyphenated compound ("out-of-bag" has none). */
function hasFunctionWord(tokens: readonly TokenInfo[]): boolean {
  return tokens.some((token, index) => isWord(token) && token.stop && tokens[index - 1]?.text !== '-' && tokens[index + 1]?.text !== '-');
}

/** Where the run-on sentence begins in the sentence's text, if it is one. */
function runOnStart(sentence: SentenceInfo): number | undefined {
  // Most sentences have too few separators to hold a list: they are not cut into segments at all.
  let separators = 0;
  for (const token of sentence.tokens) if (LIST_SEPARATORS.has(token.text)) separators += 1;
  if (separators < MIN_SEGMENTS) return undefined;
  const { tokens, origin } = listReading(sentence);
  const segments = listSegments(sentence);
  const last = segments.at(-1);
  if (segments.length <= MIN_SEGMENTS || !last || isTermList(sentence)) return undefined;
  const before = segments.slice(0, -1).flatMap((segment) => segment.tokens);
  const start =
    asideStarts(last.tokens).find((from) => {
      const clause = last.tokens.slice(from);
      return from > 0 && clause.some(isVerb) && !isAside(clause) && namesTerms([...before, ...last.tokens.slice(0, from)]);
    }) ?? (isJoinedClause(segments, before) ? 0 : undefined);
  if (start === undefined) return undefined;
  // The character offset of the clause's first token: tokens are found in order in the verbatim text.
  const at = tokens.length - last.tokens.length + start;
  const first = origin === undefined ? at : origin[at];
  return first === undefined ? undefined : tokenStarts(sentence)[first];
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
/** A numbered list item's number opening its line ("2. Independent errors"). */
const NUMBERED_ITEM = /^(\d{1,2})[.)]\s/;
/** Counts English says in passing ("reuses knowledge from one task", "any two points"), not instances. */
const PASSING_COUNTS: ReadonlySet<string> = new Set(['one', 'two', 'both']);

/**
 * The sentence names a concrete instance, as an example does: a quantity ("60 percent", "twenty
 * features"), a name, a figure or an action after "like", "such as" or "say" ("like ImageNet", "like
 * fitting a straight line to prices"; not "F1 is like an average"), or an "Example:" label. Not "one" or "two" said in words, and not an ordinal, which orders rather than instances.
 */
export function namesInstance(sentence: SentenceInfo): boolean {
  // Nor a numbered list item's own number ("1. Linearity between…"), nor markdown emphasis wink reads as an
  // emoticon ("**What:**" holds ":*").
  const marker = NUMBERED_ITEM.exec(sentence.text)?.[1];
  const instance = (entity: EntityInfo, index: number): boolean =>
    entity.type !== 'ORDINAL' && entity.type !== 'EMOTICON' && !PASSING_COUNTS.has(entity.value.toLowerCase()) && !(index === 0 && entity.value === marker);
  if (sentence.entities.some(instance)) return true;
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
