import { foldNotation } from '../../text/sanitize.js';
import type { SentenceInfo } from './nlp.js';

/*
 * Formulas an answer states against the model answer's ("precision = TN / (FN + FP)" where the model answer says TP /
 * (TP + FP)). Round 16 made an equation read as a statement, so a wrong formula written in the reference's symbols was
 * credited like the right one. An equation is read to an expression tree and compared with the reference's equation
 * for the same name by evaluating both at fixed values of their symbols: notation (spacing, ×, * or ·, x^2 or x**2, the
 * order of summands or factors, 2PR/(P+R) against 2 × P × R / (P + R)) cannot tell them apart, a different symbol, a
 * swapped fraction, a sign or a missing term does. Every doubt says nothing: a symbol the reference does not use, a
 * reference symbol the answer never writes, a function or notation the reader does not know, an expression that does
 * not end where its clause does.
 */

/** An expression tree: numbers, symbols (their keys, see `symbolKey`), operations and functions applied. */
type Expr =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'symbol'; readonly key: string; readonly text: string }
  | { readonly kind: 'apply'; readonly fn: string; readonly args: readonly Expr[] }
  | { readonly kind: 'atom'; readonly key: string; readonly text: string }
  | { readonly kind: 'negate'; readonly arg: Expr }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly left: Expr; readonly right: Expr };

/** An equation: the name given a value, and the expression as written. */
export interface Equation {
  /** The name's key: lower case, "score" dropped ("F1 score" → "f1"). */
  readonly name: string;
  readonly nameText: string;
  readonly expression: Expr;
  readonly text: string;
  /** The variable of a function the equation defines ("z" of "σ(z) = …"): any other letter names it as well. */
  readonly argument?: string;
}

interface Token {
  readonly kind: 'number' | 'word' | 'op' | 'open' | 'close' | 'other';
  readonly text: string;
  /** Whitespace before the token. */
  readonly spaced: boolean;
  readonly start: number;
}

// A hyphen inside a word joins a name ("F1-score", "add-one"), as in prose; spaced, it subtracts.
const TOKEN = /\s*(\d+(?:\.\d+)?(?:e[-+]?\d+)?|[\p{L}_][\p{L}\p{N}_']*(?:-\p{L}[\p{L}\p{N}_']*)*|\*\*|[+\-−*×·/÷^√]|[([]|[)\]]|\S)/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const body = match[1] ?? '';
    const start = (match.index ?? 0) + match[0].length - body.length;
    const spaced = match[0].length > body.length || start === 0;
    const kind: Token['kind'] = /^\d/.test(body)
      ? 'number'
      : /^[\p{L}_]/u.test(body)
        ? 'word'
        : /^(?:\*\*|[+\-−*×·/÷^√])$/.test(body)
          ? 'op'
          : body === '(' || body === '['
            ? 'open'
            : body === ')' || body === ']'
              ? 'close'
              : 'other';
    tokens.push({ kind, text: body, spaced, start });
  }
  return tokens;
}

/** Functions whose value the reader knows. */
const FUNCTIONS: ReadonlyMap<string, (args: readonly number[]) => number> = new Map([
  ['exp', (args: readonly number[]) => Math.exp(args[0] ?? Number.NaN)],
  ['log', (args: readonly number[]) => Math.log(args[0] ?? Number.NaN)],
  ['ln', (args: readonly number[]) => Math.log(args[0] ?? Number.NaN)],
  ['sqrt', (args: readonly number[]) => Math.sqrt(args[0] ?? Number.NaN)],
  ['abs', (args: readonly number[]) => Math.abs(args[0] ?? Number.NaN)],
]);

/** Words a multi-word name of a quantity never holds: "is how many", "the share of". */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'a an the of is are was be by to in on for and or with as at it its this that these those which where when while so than then their there here how what why who we you they i not no can may will would should must if unless whenever'.split(' '),
);

/**
 * A symbol's key: case folded; a name of several words by its initials, so "true positives" meets "TP"; a capitalised
 * abbreviation's plural as its singular ("TPs").
 */
function symbolKey(words: readonly string[]): string {
  if (words.length > 1) return words.map((word) => word.charAt(0).toLowerCase()).join('');
  const [word = ''] = words;
  if (/^\p{Lu}{2,5}s$/u.test(word)) return word.slice(0, -1).toLowerCase();
  return word.toLowerCase();
}

/** A word that can be part of a quantity's name of several words ("true positives", "Irreducible Error"). */
const phraseWord = (token: Token | undefined): boolean =>
  token !== undefined && token.kind === 'word' && token.text.length >= 3 && /^\p{L}[\p{Ll}]+$/u.test(token.text) && !FUNCTION_WORDS.has(token.text.toLowerCase());

/** Brackets, signs and roots nested deeper than this are no formula a person writes: the reader gives up, never the stack. */
const MAX_NESTING = 64;

class Parser {
  at = 0;
  nesting = 0;
  constructor(readonly tokens: readonly Token[]) {}

  /** Every recursion of the grammar passes through a sign or a primary: the nesting is counted there. */
  nested(read: () => Expr | undefined): Expr | undefined {
    if (this.nesting >= MAX_NESTING) return undefined;
    this.nesting += 1;
    try {
      return read();
    } finally {
      this.nesting -= 1;
    }
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }

  expression(): Expr | undefined {
    let left = this.term();
    while (left !== undefined) {
      const token = this.peek();
      if (token?.text !== '+' && token?.text !== '-' && token?.text !== '−') break;
      this.at += 1;
      const right = this.term();
      if (right === undefined) return undefined;
      left = { kind: 'binary', op: token.text === '+' ? '+' : '-', left, right };
    }
    return left;
  }

  term(): Expr | undefined {
    let left = this.unary();
    while (left !== undefined) {
      const token = this.peek();
      if (token === undefined) break;
      if (['*', '×', '·', '/', '÷'].includes(token.text)) {
        this.at += 1;
        const right = this.unary();
        if (right === undefined) return undefined;
        left = { kind: 'binary', op: token.text === '/' || token.text === '÷' ? '/' : '*', left, right };
        continue;
      }
      // Factors written together multiply: "2PR", "σ(z)(1 − σ(z))", "P(B|A)P(A)"; a space ends the expression.
      if (!token.spaced && (token.kind === 'word' || token.kind === 'number' || token.kind === 'open' || token.text === '√')) {
        const right = this.unary();
        if (right === undefined) return undefined;
        left = { kind: 'binary', op: '*', left, right };
        continue;
      }
      break;
    }
    return left;
  }

  unary(): Expr | undefined {
    return this.nested(() => this.signed());
  }

  signed(): Expr | undefined {
    const token = this.peek();
    if (token?.text === '-' || token?.text === '−') {
      this.at += 1;
      const arg = this.unary();
      return arg === undefined ? undefined : { kind: 'negate', arg };
    }
    if (token?.text === '+') {
      this.at += 1;
      return this.unary();
    }
    return this.power();
  }

  power(): Expr | undefined {
    const base = this.primary();
    if (base === undefined) return undefined;
    const token = this.peek();
    if (token?.text === '^' || token?.text === '**') {
      this.at += 1;
      const exponent = this.unary();
      return exponent === undefined ? undefined : { kind: 'binary', op: '^', left: base, right: exponent };
    }
    return base;
  }

  primary(): Expr | undefined {
    return this.nested(() => this.operand());
  }

  operand(): Expr | undefined {
    const token = this.peek();
    if (token === undefined) return undefined;
    if (token.kind === 'number') {
      this.at += 1;
      return { kind: 'number', value: Number(token.text) };
    }
    if (token.text === '√') {
      this.at += 1;
      const arg = this.primary();
      return arg === undefined ? undefined : { kind: 'apply', fn: 'sqrt', args: [arg] };
    }
    if (token.kind === 'open') {
      this.at += 1;
      const inner = this.expression();
      if (inner === undefined || this.peek()?.kind !== 'close') return undefined;
      this.at += 1;
      return inner;
    }
    if (token.kind !== 'word') return undefined;
    this.at += 1;
    const next = this.peek();
    const lower = token.text.toLowerCase();
    // "e^x" is the exponential.
    if (token.text === 'e' && next?.text === '^') {
      this.at += 1;
      const exponent = this.unary();
      return exponent === undefined ? undefined : { kind: 'apply', fn: 'exp', args: [exponent] };
    }
    // "X[train_idx]" indexes code: nothing the reader computes.
    if (next?.text === '[' && !next.spaced) return undefined;
    if (next?.kind === 'open' && (!next.spaced || FUNCTIONS.has(lower))) return this.call(token);
    // A name of several words ("true positives", "All Predicted Positives") ends where an operator, a bracket or the
    // expression does; otherwise the words after the first are the prose that follows it.
    if (phraseWord(token) || /^\p{Lu}\p{Ll}+$/u.test(token.text)) {
      let end = this.at;
      while (phraseWord(this.tokens[end]) || /^\p{Lu}\p{Ll}{2,}$/u.test(this.tokens[end]?.text ?? '')) end += 1;
      const after = this.tokens[end];
      const ends = after === undefined || after.kind === 'op' || after.kind === 'close' || (after.text === '(' && after.spaced) || [',', ';', ':', '.', '='].includes(after.text);
      if (end > this.at && ends) {
        const words = [token.text, ...this.tokens.slice(this.at, end).map((word) => word.text)];
        this.at = end;
        return { kind: 'symbol', key: symbolKey(words), text: words.join(' ') };
      }
    }
    return { kind: 'symbol', key: symbolKey([token.text]), text: token.text };
  }

  /** A function applied: a known one is computed, another ("P(A|B)", "σ(z)") is an atom, equal only to itself. */
  call(name: Token): Expr | undefined {
    const lower = name.text.toLowerCase();
    const known = FUNCTIONS.get(lower);
    const open = this.peek();
    if (open === undefined) return undefined;
    this.at += 1;
    if (known !== undefined) {
      const arg = this.expression();
      if (arg === undefined || this.peek()?.kind !== 'close') return undefined;
      this.at += 1;
      return { kind: 'apply', fn: lower, args: [arg] };
    }
    let depth = 1;
    const inner: string[] = [];
    while (this.at < this.tokens.length) {
      const token = this.tokens[this.at];
      this.at += 1;
      if (token === undefined) break;
      if (token.kind === 'open') depth += 1;
      if (token.kind === 'close') depth -= 1;
      if (depth === 0) {
        const text = `${name.text}(${inner.join(' ')})`;
        return { kind: 'atom', key: `${lower}(${inner.join('').toLowerCase()})`, text };
      }
      inner.push(token.text);
    }
    return undefined;
  }
}

/** What may follow an expression as written: the end of its clause, or prose after it ("…, their harmonic mean"). */
function endsClause(tokens: readonly Token[], at: number): boolean {
  const next = tokens[at];
  if (next === undefined) return true;
  // "np.log(p)", "X.T": a dotted name goes on.
  if (next.text === '.' && tokens[at + 1] !== undefined && !tokens[at + 1]?.spaced) return false;
  if ([',', ';', ':', '.', '!', '?', '=', '—', '–', '←', '→', '≈', '"', '”'].includes(next.text)) return true;
  if (next.kind === 'close') return true;
  if (next.kind === 'open') return next.spaced && next.text === '(';
  // A lower-case word after a space opens the prose ("is how many…"), unless it says arithmetic ("TP / TP plus FP").
  return next.kind === 'word' && next.spaced && /^\p{Ll}{2,}$/u.test(next.text) && !SPOKEN_OPERATORS.has(next.text);
}

/** An operator of arithmetic written as a sign. */
const ARITHMETIC_SIGN = /[+\-−*×·/÷^√]/;

/** Operator words of a formula said aloud. */
const SPOKEN_OPERATORS: ReadonlySet<string> = new Set(['plus', 'minus', 'times', 'divided', 'multiplied', 'over', 'squared', 'power']);
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map([
  ['zero', '0'],
  ['one', '1'],
  ['two', '2'],
  ['three', '3'],
  ['four', '4'],
  ['half', '0.5'],
]);

/**
 * A formula said aloud, as the guide's model answers say them: "true positives divided by true positives plus false
 * positives" divides what comes before "divided by" by all that comes after it, as it is meant; "two times precision
 * times recall divided by precision plus recall" is 2PR / (P + R).
 */
function spokenExpression(text: string): Expr | undefined {
  const words = text.trim().split(/\s+/);
  if (!words.some((word) => SPOKEN_OPERATORS.has(word.toLowerCase()))) return undefined;
  const spelled = words
    .map((word) => {
      const lower = word.toLowerCase();
      if (lower === 'plus') return '+';
      if (lower === 'minus') return '−';
      if (lower === 'times') return '×';
      if (lower === 'negative') return '−';
      return NUMBER_WORDS.get(lower) ?? word;
    })
    .join(' ')
    .replace(/\bmultiplied by\b/gi, '×')
    .replace(/\bto the power of\b/gi, '^');
  const parts = spelled.split(/\s+divided by\s+/i);
  if (parts.length > 2) return undefined;
  const rewritten = parts.length === 2 ? `(${parts[0] ?? ''}) / (${parts[1] ?? ''})` : spelled;
  if (/\b(?:divided|multiplied|over|squared)\b/i.test(rewritten)) return undefined;
  return wholeExpression(rewritten);
}

/** An expression that is all of the text. */
function wholeExpression(text: string): Expr | undefined {
  const tokens = tokenize(text);
  const parser = new Parser(tokens);
  const expression = parser.expression();
  return expression !== undefined && parser.at === tokens.length ? expression : undefined;
}

/** LaTeX as plain notation: "\frac{TP}{TP + FP}" → "(TP)/(TP + FP)", "\text{Recall}" → "Recall". Other commands stay and fail to parse. */
function plainLatex(text: string): string {
  if (!text.includes('\\') && !text.includes('$')) return text;
  let plain = text.replace(/\$/g, '').replace(/\\(?:left|right)\b/g, '');
  const group = (from: number): [string, number] | undefined => {
    if (plain[from] !== '{') return undefined;
    let depth = 0;
    for (let at = from; at < plain.length; at += 1) {
      if (plain[at] === '{') depth += 1;
      if (plain[at] === '}') depth -= 1;
      if (depth === 0) return [plain.slice(from + 1, at), at + 1];
    }
    return undefined;
  };
  for (let guard = 0; guard < 50; guard += 1) {
    const match = /\\(frac|text|mathrm|operatorname|sqrt)\{/.exec(plain);
    if (match === null) break;
    const first = group(match.index + match[0].length - 1);
    if (first === undefined) break;
    if (match[1] === 'frac') {
      const second = group(first[1]);
      if (second === undefined) break;
      plain = `${plain.slice(0, match.index)}(${first[0]})/(${second[0]})${plain.slice(second[1])}`;
    } else if (match[1] === 'sqrt') {
      plain = `${plain.slice(0, match.index)}sqrt(${first[0]})${plain.slice(first[1])}`;
    } else {
      plain = `${plain.slice(0, match.index)}${first[0]}${plain.slice(first[1])}`;
    }
  }
  return plain.replace(/\\times\b/g, '×').replace(/\\cdot\b/g, '·').replace(/\^\{([^{}]*)\}/g, '^($1)');
}

/** Names of one function: "the logistic function", "sigmoid(x)", "σ(z)". */
const CONVENTIONAL_NAMES: ReadonlyMap<string, string> = new Map([['logistic', 'sigmoid']]);
/** Letters that name a function when applied ("σ(z)"); alone, σ is a standard deviation. */
const FUNCTION_LETTERS: ReadonlyMap<string, string> = new Map([['σ', 'sigmoid']]);

/** A name's key: lower case, without "score" ("F1 score" → "f1"). */
function nameKey(words: readonly string[]): string {
  const lower = words.flatMap((word) => word.toLowerCase().split('-'));
  const kept = lower.length > 1 ? lower.filter((word) => word !== 'score' && word !== 'function') : lower;
  const key = kept.join(' ');
  return CONVENTIONAL_NAMES.get(key) ?? key;
}

/** The name an "=" at token `at` gives a value: up to four words, or a function applied ("σ(z)"), before it. */
function nameBefore(tokens: readonly Token[], at: number): { key: string; text: string; from: number; argument?: string } | undefined {
  const last = tokens[at - 1];
  if (last === undefined) return undefined;
  if (last.kind === 'close') {
    // A function applied names what it gives: "σ(z) = …", "P(A|B) = …".
    let depth = 0;
    for (let index = at - 1; index > 0; index -= 1) {
      const token = tokens[index];
      if (token?.kind === 'close') depth += 1;
      if (token?.kind === 'open') depth -= 1;
      if (depth > 0) continue;
      const named = tokens[index - 1];
      // "Recall (sensitivity) = …": an aside in brackets after the name.
      if (token?.spaced) return nameBefore(tokens, index);
      if (named?.kind !== 'word') return undefined;
      const text = tokens.slice(index - 1, at).map((part) => part.text).join('');
      // A function of one variable is named by the function ("sigmoid(x)" and "σ(z)" name sigmoid); "P(A|B)" by all of it.
      const argument = tokens[index + 1];
      if (at - index === 3 && argument?.kind === 'word') {
        const base = named.text.toLowerCase();
        return { key: FUNCTION_LETTERS.get(base) ?? nameKey([base]), text, from: index - 1, argument: symbolKey([argument.text]) };
      }
      return { key: text.toLowerCase(), text, from: index - 1 };
    }
    return undefined;
  }
  // A name is a phrase of words ("false positive rate", "Expected Test Error"), which a symbol may open ("F1 score"), or
  // a symbol alone: "typically m = p/3" names m, and "TP FP" is no name.
  const words: string[] = [];
  for (let index = at - 1; index >= 0 && words.length < 4; index -= 1) {
    const token = tokens[index];
    if (token === undefined || token.kind !== 'word' || FUNCTION_WORDS.has(token.text.toLowerCase())) break;
    const word = phraseWord(token) || /^\p{Lu}\p{Ll}+$/u.test(token.text);
    words.unshift(token.text);
    if (!word) break;
  }
  if (words.length === 0) return undefined;
  return { key: nameKey(words), text: words.join(' '), from: at - words.length };
}

/** Words that open a clause before its subject. */
const CLAUSE_OPENERS: ReadonlySet<string> = new Set(['and', 'while', 'whereas', 'but', 'so', 'the']);

/**
 * The subject of "is" when it is all of its clause before it, one to three words after an opening "the" or "and":
 * "Precision is TP / (TP + FP)", "…, and the false positive rate is FP / (FP + TN)".
 */
function subjectBefore(tokens: readonly Token[], at: number): ReturnType<typeof nameBefore> {
  let from = at;
  while (from > 0 && tokens[from - 1]?.kind === 'word' && !CLAUSE_OPENERS.has(tokens[from - 1]?.text.toLowerCase() ?? '')) from -= 1;
  const opener = tokens[from - 1];
  while (from > 0 && tokens[from - 1]?.kind === 'word' && CLAUSE_OPENERS.has(tokens[from - 1]?.text.toLowerCase() ?? '')) from -= 1;
  const boundary = tokens[from - 1];
  if (at - from === 0 || (boundary !== undefined && ![',', ';', ':', '.'].includes(boundary.text))) return undefined;
  const words = tokens.slice(opener !== undefined && opener.kind === 'word' ? tokens.indexOf(opener) + 1 : from, at).map((token) => token.text);
  if (words.length === 0 || words.length > 3 || words.some((word) => FUNCTION_WORDS.has(word.toLowerCase()))) return undefined;
  return { key: nameKey(words), text: words.join(' '), from };
}

/**
 * "X_train, X_test = …" unpacks a tuple: the name before "=" follows a comma, and every piece before it in its clause is
 * one name, with no "=" ("m = √p for classification, m = p/3 for regression" is two equations, and "Whenever false
 * positives are costly, precision = …" an equation after a clause).
 */
function unpacks(tokens: readonly Token[], from: number): boolean {
  if (tokens[from - 1]?.text !== ',') return false;
  let piece = 0;
  for (let back = from - 2; back >= 0; back -= 1) {
    const text = tokens[back]?.text ?? '';
    if (text === '=') return false;
    if ([';', ':', '.'].includes(text)) return true;
    piece = text === ',' ? 0 : piece + 1;
    if (piece > 1) return false;
  }
  return true;
}

/**
 * Words that make an equation a condition ("when precision = recall, F1 = precision") when the equation follows them at
 * once or another relation stands between them and it; after a condition in words ("If the classes are skewed, recall
 * = …", "With imbalanced data, TPR = …") the equation is still the answer's definition, and is compared.
 */
const CONDITION_WORDS: ReadonlySet<string> = new Set(['if', 'when', 'whenever', 'unless', 'with', 'assuming', 'assume', 'suppose', 'given']);
/** Words that make an equation after them in its clause a special case ("setting m = p", "the special case m = p"). */
const CASE_WORDS: ReadonlySet<string> = new Set(['setting', 'set', 'case', 'default']);
/** Words that deny or warn against an equation after them in its clause ("don't use m = p", "a common mistake is m = p"). */
const DENIAL_WORDS: ReadonlySet<string> = new Set(['not', "don't", 'don’t', 'never', 'mistake', 'wrong', 'instead', 'avoid', 'confuse', 'incorrect', 'bug']);
/** Words after an equation in its phrase that make it a condition when a relation follows them ("F1 = P only if P = R"). */
const TRAILING_CONDITIONS: ReadonlySet<string> = new Set(['if', 'when', 'whenever', 'unless']);
const RELATIONS: ReadonlySet<string> = new Set(['=', '<', '>', '≤', '≥', '≠', '≈']);
const CLAUSE_ENDS = [';', ':', '.', '!', '?'];

/**
 * An equation stated under a condition on values or as a case, or denied, is not a definition: see CONDITION_WORDS,
 * CASE_WORDS and DENIAL_WORDS, from the start of its clause (or the end of the previous equation) to its name, and a
 * trailing condition after its expression before the next comma.
 */
function qualified(tokens: readonly Token[], from: number, since: number, end: number): boolean {
  let start = from;
  while (start > since && !CLAUSE_ENDS.includes(tokens[start - 1]?.text ?? '')) start -= 1;
  const lower = (token: Token | undefined) => token?.text.toLowerCase() ?? '';
  const relationIn = (at: number, to: number) => tokens.slice(at, to).some((token) => RELATIONS.has(token.text));
  const conditions = (at: number): boolean => CONDITION_WORDS.has(lower(tokens[at])) && (at === from - 1 || relationIn(at + 1, from));
  // A clause that opens with a condition on values holds it to its end: "When FP = FN, precision = recall = F1".
  let clause = start;
  while (clause > 0 && !CLAUSE_ENDS.includes(tokens[clause - 1]?.text ?? '')) clause -= 1;
  if (CASE_WORDS.has(lower(tokens[clause])) || conditions(clause)) return true;
  for (let at = start; at < from; at += 1) {
    const word = lower(tokens[at]);
    if (CASE_WORDS.has(word) || DENIAL_WORDS.has(word) || conditions(at)) return true;
  }
  let phraseEnd = end;
  while (phraseEnd < tokens.length && ![',', ...CLAUSE_ENDS].includes(tokens[phraseEnd]?.text ?? '')) phraseEnd += 1;
  for (let at = end; at < phraseEnd; at += 1) if (TRAILING_CONDITIONS.has(lower(tokens[at])) && relationIn(at + 1, phraseEnd)) return true;
  return false;
}

/**
 * The left side of an "=" is an expression around the name ("1 − precision", "2 × recall", "precision / recall"); a
 * sign that opens the text is a list's bullet ("- K = N").
 */
const inExpression = (tokens: readonly Token[], from: number): boolean => {
  const before = tokens[from - 1];
  return before !== undefined && (before.kind === 'number' || (before.kind === 'op' && from > 1));
};

/** "w -= lr * dw", "a == b", "<=": the "=" at `at` makes an update or a comparison, not an equation. */
function updatesOrCompares(tokens: readonly Token[], at: number): boolean {
  const before = tokens[at - 1];
  if (before?.kind === 'op' && tokens[at]?.spaced !== true) return true;
  return tokens[at + 1]?.text === '=' || ['<', '>', '!', '='].includes(before?.text ?? '');
}

/** Symbolic equations in a text: "name = expression", chains of them, and ones said aloud ("X equals …"). */
export function readEquations(source: string, subject?: string): Equation[] {
  const text = plainLatex(source);
  const equations: Equation[] = [];
  // Most sentences state no formula: each reading is tried only on text that has what it reads.
  const symbolic = text.includes('=') || (/\bis\b/.test(text) && ARITHMETIC_SIGN.test(text));
  const spoken = /\b(?:equals|calculated as|computed as|defined as)\b/i.test(text);
  const bracketed = text.includes('(') && ARITHMETIC_SIGN.test(text);
  if (!symbolic && !spoken && !bracketed) return equations;
  const tokens = symbolic ? tokenize(text) : [];
  // Where the last equation's expression ended, and its name: an "=" there goes on with it ("Precision = TP / (TP + FP)
  // = TP / All Predicted Positives"); one after other words gives the name before it ("… and FPR = FP / (FP + TN)").
  // An equation left unread (a condition, an expression on the left) leaves its chain unread too: "1 − precision = FP /
  // (TP + FP) = …" gives precision no formula.
  let chain: { end: number; name: NonNullable<ReturnType<typeof nameBefore>>; read: boolean } | undefined;
  for (const [at, token] of tokens.entries()) {
    const stated = token.text === 'is' ? 'is' : token.text === '=' ? '=' : undefined;
    if (stated === undefined) continue;
    if (updatesOrCompares(tokens, at)) continue;
    const chained = stated === '=' && chain?.end === at ? chain : undefined;
    const name = stated === 'is' ? subjectBefore(tokens, at) : chained ? chained.name : nameBefore(tokens, at);
    if (name === undefined || unpacks(tokens, name.from)) continue;
    const parser = new Parser(tokens);
    parser.at = at + 1;
    const expression = parser.expression();
    if (expression === undefined || !endsClause(tokens, parser.at)) continue;
    // "Precision is TP / (TP + FP)" states a formula; "Recall is sensitivity" or "it is the share…" does not.
    if (stated === 'is' && (expression.kind === 'symbol' || expression.kind === 'number' || !hasSymbol(expression))) continue;
    const read = chained ? chained.read && !qualified(tokens, parser.at, parser.at, parser.at) : !inExpression(tokens, name.from) && !qualified(tokens, name.from, chain?.end ?? 0, parser.at);
    chain = { end: parser.at, name, read };
    if (!read) continue;
    const end = tokens[parser.at]?.start ?? text.length;
    const written = text.slice(tokens[at + 1]?.start ?? end, end).trim();
    equations.push({ name: name.key, nameText: name.text, expression, text: written, ...(name.argument === undefined ? {} : { argument: name.argument }) });
  }
  if (!spoken && !bracketed) return equations;
  for (const match of text.matchAll(/(?:^|[.;:,]\s*)([A-Z]?[\w -]{1,40}?)\s+(?:equals|is calculated as|is computed as)\s+([^,;:.()]+)/g)) {
    const words = (match[1] ?? '').trim().split(/\s+/);
    const expression = spokenExpression(match[2] ?? '');
    if (expression !== undefined && words.length <= 4 && !words.some((word) => FUNCTION_WORDS.has(word.toLowerCase()))) {
      equations.push({ name: nameKey(words), nameText: words.join(' '), expression, text: (match[2] ?? '').trim() });
    }
  }
  // "Calculated as …" with the name left to the sentence ("Accuracy is the fraction…, calculated as…") or the question
  // ("The logistic function, also called sigmoid, is defined as…").
  for (const match of text.matchAll(/(?:^|[.!?]\s+)(?:(\w+(?: \w+)?) (?:is|are)\b[^.]*?, |It(?:'|’)s |It is |[^.]*?\bis )?(?:calculated|defined) as\s+([^,;:()]+?)(?=[,;:()]|\.(?:\s|$)|$)/gi)) {
    const named = match[1] ?? subject;
    const expression = spokenExpression(match[2] ?? '');
    if (named !== undefined && expression !== undefined) {
      equations.push({ name: nameKey(named.split(/\s+/)), nameText: named, expression, text: (match[2] ?? '').trim() });
    }
  }
  // "the true positive rate (recall, TP / (TP + FN))": a name and its formula in brackets after it, with an alias first.
  if (!bracketed) return equations;
  for (const match of text.matchAll(/\b((?:[A-Za-z]{1,40} ){0,3}[A-Za-z]{1,40}) \((?:([A-Za-z]+), )?([^()]*(?:\([^()]*\)[^()]*)*)\)(?=[,;:.]|\s|$)/g)) {
    const expression = wholeExpression(match[3] ?? '');
    if (expression === undefined || !hasSymbol(expression) || expression.kind === 'symbol') continue;
    const words = (match[1] ?? '').split(' ');
    let from = words.length;
    while (from > 0 && !FUNCTION_WORDS.has((words[from - 1] ?? '').toLowerCase())) from -= 1;
    const named = words.slice(from);
    if (named.length === 0) continue;
    const formula = (match[3] ?? '').trim();
    equations.push({ name: nameKey(named), nameText: named.join(' '), expression, text: formula });
    if (match[2] !== undefined) equations.push({ name: nameKey([match[2]]), nameText: match[2], expression, text: formula });
  }
  return equations;
}

function symbolsOf(expression: Expr, into: Map<string, string> = new Map()): Map<string, string> {
  switch (expression.kind) {
    case 'symbol':
    case 'atom':
      if (!into.has(expression.key)) into.set(expression.key, expression.text);
      break;
    case 'apply':
      for (const arg of expression.args) symbolsOf(arg, into);
      break;
    case 'negate':
      symbolsOf(expression.arg, into);
      break;
    case 'binary':
      symbolsOf(expression.left, into);
      symbolsOf(expression.right, into);
      break;
    default:
      break;
  }
  return into;
}

const hasSymbol = (expression: Expr): boolean => symbolsOf(expression).size > 0;

/** The reference's equations and the words it names things with, read once per reference. */
export interface ReferenceFormulas {
  readonly equations: readonly Equation[];
  /** How many of the reference's equations use each symbol. */
  readonly uses: ReadonlyMap<string, number>;
  /** Keys of what the reference's equations name: their symbols and their names. */
  readonly known: ReadonlySet<string>;
  /** Abbreviations the reference writes in capitals ("TP", "FN"): the answer's vocabulary, said or not. */
  readonly abbreviations: ReadonlySet<string>;
  /** A formula for each name the reference gives one (its first): "1 − specificity" is worked out from it. */
  readonly definitions: ReadonlyMap<string, Expr>;
}

/** Read once per reference profile, which is built once per question and reference (reference-profile.ts). */
const cache = new WeakMap<object, ReferenceFormulas>();

/** The name a question asks about: "What is precision?" → "precision". */
function questionSubject(question: string): string | undefined {
  return /^what (?:is|are) (?:an? |the )?([\w -]{1,40}?)\??$/i.exec(question.trim())?.[1];
}

/** The reference's formulas, remembered for `profile`, the reference profile built from the same question and answers. */
export function referenceFormulas(profile: object, question: string, answers: readonly string[]): ReferenceFormulas {
  const cached = cache.get(profile);
  if (cached) return cached;
  const subject = questionSubject(question);
  const equations: Equation[] = [];
  // Code in a model answer names its own variables ("p", "d", "loss"): its lines are steps, not definitions.
  for (const answer of answers) {
    let fenced = false;
    for (const line of foldNotation(answer).split('\n')) {
      if (/^\s*(?:```|~~~)/.test(line)) fenced = !fenced;
      // A block may list what abbreviations stand for ("TP = True Positives"): those are read, other code is not.
      else if (!fenced) equations.push(...readEquations(line, subject));
      else equations.push(...readEquations(line).filter((equation) => equation.expression.kind === 'symbol' && equation.expression.text.includes(' ')));
    }
  }
  const known = new Set<string>();
  const uses = new Map<string, number>();
  for (const equation of equations) {
    known.add(equation.name);
    for (const symbol of symbolsOf(equation.expression).keys()) {
      known.add(symbol);
      uses.set(symbol, (uses.get(symbol) ?? 0) + 1);
    }
    // A definition ("TP = True Positives") uses its name.
    if (equation.expression.kind === 'symbol') uses.set(equation.name, (uses.get(equation.name) ?? 0) + 1);
  }
  const formulas = equations.filter((equation) => equation.expression.kind !== 'symbol' && hasSymbol(equation.expression));
  const definitions = new Map<string, Expr>();
  for (const equation of formulas) if (!definitions.has(equation.name)) definitions.set(equation.name, equation.expression);
  const abbreviations = new Set(
    equations.flatMap((equation) => [...symbolsOf(equation.expression)].filter(([, text]) => /^\p{Lu}[\p{Lu}\d]+$/u.test(text)).map(([symbol]) => symbol)),
  );
  const read = { equations: formulas, uses, known, abbreviations, definitions };
  cache.set(profile, read);
  return read;
}

/** The answer's name is the reference's: the same words, or an abbreviation of them ("FPR", "false positive rate"). */
function sameName(answer: string, reference: string): boolean {
  if (answer === reference) return true;
  const initials = (name: string): string | undefined => (name.includes(' ') ? symbolKey(name.split(' ')) : undefined);
  return initials(reference) === answer || initials(answer) === reference;
}

/** A fixed value for a symbol in trial `trial`: positive, away from 0 and 1, different for different symbols. */
function valueOf(key: string, trial: number): number {
  let hash = 2166136261 ^ trial;
  for (let index = 0; index < key.length; index += 1) hash = Math.imul(hash ^ key.charCodeAt(index), 16777619);
  return 1.5 + ((hash >>> 0) % 10007) / 2501;
}

function evaluate(expression: Expr, value: (key: string) => number | undefined): number {
  switch (expression.kind) {
    case 'number':
      return expression.value;
    case 'symbol':
    case 'atom':
      return value(expression.key) ?? Number.NaN;
    case 'negate':
      return -evaluate(expression.arg, value);
    case 'apply':
      return FUNCTIONS.get(expression.fn)?.(expression.args.map((arg) => evaluate(arg, value))) ?? Number.NaN;
    case 'binary': {
      const left = evaluate(expression.left, value);
      const right = evaluate(expression.right, value);
      if (expression.op === '+') return left + right;
      if (expression.op === '-') return left - right;
      if (expression.op === '*') return left * right;
      if (expression.op === '/') return left / right;
      return left ** right;
    }
    default:
      return Number.NaN;
  }
}

const TRIALS = 3;
/** How deep names are replaced by their formulas: F1's precision by TP / (TP + FP), no further. */
const MAX_EXPANSION = 2;

/** The expression with each symbol replaced by what `replace` gives for it. */
function mapSymbols(expression: Expr, replace: (symbol: Extract<Expr, { kind: 'symbol' }>) => Expr): Expr {
  switch (expression.kind) {
    case 'symbol':
      return replace(expression);
    case 'apply':
      return { ...expression, args: expression.args.map((arg) => mapSymbols(arg, replace)) };
    case 'negate':
      return { ...expression, arg: mapSymbols(expression.arg, replace) };
    case 'binary':
      return { ...expression, left: mapSymbols(expression.left, replace), right: mapSymbols(expression.right, replace) };
    default:
      return expression;
  }
}

/** The expression with the names the reference defines replaced by their formulas ("1 − specificity"), `depth` deep. */
function expand(expression: Expr, definitions: ReadonlyMap<string, Expr>, depth = MAX_EXPANSION): Expr {
  if (depth === 0) return expression;
  return mapSymbols(expression, (symbol) => {
    const definition = definitions.get(symbol.key);
    return definition === undefined ? symbol : expand(definition, definitions, depth - 1);
  });
}

/** The answer's expression in the reference's symbols (`resolve`), letters written together multiplied. */
function inReferenceSymbols(expression: Expr, resolved: ReadonlyMap<string, readonly string[]>): Expr {
  return mapSymbols(expression, (symbol) => {
    const [first, ...rest] = (resolved.get(symbol.key) ?? [symbol.key]).map((key): Expr => ({ kind: 'symbol', key, text: key }));
    return rest.reduce<Expr>((product, factor) => ({ kind: 'binary', op: '*', left: product, right: factor }), first ?? symbol);
  });
}

/**
 * The answer's symbols read as the reference's: the same key, or a letter for the one symbol of the reference's
 * expression it begins ("P" for precision in "2PR / (P + R)"), or letters written together, each such a letter
 * ("PR"). Undefined when a symbol is none of these or the reference never names it.
 */
function resolve(answer: Equation, reference: Expr, formulas: ReferenceFormulas): Map<string, string[]> | undefined {
  const referenceSymbols = [...symbolsOf(reference).keys()];
  const resolved = new Map<string, string[]>();
  // "σ(z) = 1 / (1 + e^(−z))" against "1 / (1 + e^(−x))": a function's variable is a placeholder.
  const [variable] = referenceSymbols;
  if (answer.argument !== undefined && referenceSymbols.length === 1 && variable !== undefined) resolved.set(answer.argument, [variable]);
  // A single letter is itself only in the formula compared: elsewhere in the reference "p" may be a probability where
  // the answer's "P" is precision (keys are lower-cased).
  const itself = (key: string): boolean => referenceSymbols.includes(key) || (key.length > 1 && formulas.uses.has(key));
  const byInitial = (letter: string): string | undefined => {
    if (itself(letter)) return letter;
    const found = referenceSymbols.filter((symbol) => symbol.length >= 3 && symbol.startsWith(letter));
    return found.length === 1 ? found[0] : undefined;
  };
  for (const key of symbolsOf(answer.expression).keys()) {
    if (resolved.has(key)) continue;
    if (itself(key)) {
      resolved.set(key, [key]);
      continue;
    }
    const letters = key.length <= 3 ? (key.match(/\p{L}/gu) ?? []).map(byInitial) : [undefined];
    if (letters.length !== key.length) letters.push(undefined);
    if (letters.every((letter) => letter !== undefined)) resolved.set(key, letters.filter((letter): letter is string => letter !== undefined));
    else if (formulas.known.has(key)) resolved.set(key, [key]);
    else return undefined;
  }
  return resolved;
}

/** A superscript folded into a name ("x²" read as "x2") against the name without it: the reader cannot tell. */
function foldedPower(answer: ReadonlySet<string>, reference: ReadonlySet<string>): boolean {
  const stems = (keys: ReadonlySet<string>) => [...keys].filter((key) => /\p{L}[23]$/u.test(key)).map((key) => key.slice(0, -1));
  return stems(answer).some((stem) => reference.has(stem)) || stems(reference).some((stem) => answer.has(stem));
}

type Verdict = { readonly kind: 'same' | 'unsure' } | { readonly kind: 'different'; readonly spelling: ReadonlyMap<string, string> };

function compare(equation: Equation, reference: Expr, formulas: ReferenceFormulas, answerSymbols: ReadonlyMap<string, string>): Verdict {
  const answer = equation.expression;
  const unsure = { kind: 'unsure' } as const;
  const resolved = resolve(equation, reference, formulas);
  if (resolved === undefined) return unsure;
  // "precision = recall", "F1 = P": one name the reference defines set equal to another relates them, it defines neither.
  if (answer.kind === 'symbol') {
    const [only, ...more] = resolved.get(answer.key) ?? [];
    if (only !== undefined && more.length === 0 && only !== equation.name && formulas.definitions.has(only)) return unsure;
  }
  // Names the reference defines are worked out on both sides: "FP / (FP + TN)" is "1 − specificity", and an F1 written
  // from the four counts is the one written from precision and recall.
  const own = new Map([...formulas.definitions].filter(([name]) => name !== equation.name));
  const answerExpanded = expand(inReferenceSymbols(answer, resolved), own);
  const referenceExpanded = expand(reference, own);
  const used = new Set(symbolsOf(answerExpanded).keys());
  const referenceKeys = new Set(symbolsOf(referenceExpanded).keys());
  // Each symbol of the reference's formula is the answer's vocabulary too: it writes it somewhere, or the reference
  // uses it in more than one formula or as an abbreviation ("FN"), not a quantity of this formula only ("all examples").
  const vocabulary = (key: string): boolean => used.has(key) || answerSymbols.has(key) || (formulas.uses.get(key) ?? 0) >= 2 || formulas.abbreviations.has(key);
  if (![...referenceKeys].every(vocabulary)) return unsure;
  if (foldedPower(used, referenceKeys)) return unsure;
  let differs = false;
  for (let trial = 0; trial < TRIALS; trial += 1) {
    const answerValue = evaluate(answerExpanded, (key) => valueOf(key, trial));
    const referenceValue = evaluate(referenceExpanded, (key) => valueOf(key, trial));
    if (!Number.isFinite(answerValue) || !Number.isFinite(referenceValue)) return unsure;
    if (Math.abs(answerValue - referenceValue) > 1e-9 * Math.max(1, Math.abs(referenceValue))) differs = true;
  }
  if (!differs) return { kind: 'same' };
  // The reference's formula is shown in the answer's symbols where it has them ("TP" for "true positives", "P" for precision).
  const spelling = new Map(answerSymbols);
  const texts = symbolsOf(answer);
  for (const [key, symbols] of resolved) {
    const text = texts.get(key);
    if (text === undefined) continue;
    if (symbols.length === 1 && symbols[0] !== undefined) spelling.set(symbols[0], text);
    else if (symbols.length === text.length) symbols.forEach((symbol, index) => spelling.set(symbol, text.charAt(index)));
  }
  return { kind: 'different', spelling };
}

/** How tightly an operation binds, for brackets when an expression is written back. */
const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2, '^': 4 } as const;

/** An expression written out, its symbols as `spelling` has them, multiplying with `times`. */
function render(expression: Expr, spelling: ReadonlyMap<string, string>, times: string, outer = 0): string {
  const wrap = (text: string, precedence: number): string => (precedence < outer ? `(${text})` : text);
  switch (expression.kind) {
    case 'number':
      return String(expression.value);
    case 'symbol':
      return spelling.get(expression.key) ?? expression.text;
    case 'atom':
      return expression.text;
    case 'apply':
      return `${expression.fn}(${expression.args.map((arg) => render(arg, spelling, times)).join(', ')})`;
    case 'negate':
      return wrap(`−${render(expression.arg, spelling, times, 3)}`, 3);
    case 'binary': {
      const precedence = PRECEDENCE[expression.op];
      // The right side of "−", "/" and the base of "^" bind tighter than their own level: a − (b + c), a / (b × c).
      const left = render(expression.left, spelling, times, expression.op === '^' ? precedence + 1 : precedence);
      const right = render(expression.right, spelling, times, expression.op === '-' || expression.op === '/' ? precedence + 1 : precedence);
      const op = expression.op === '*' ? times : expression.op === '-' ? '−' : expression.op;
      return wrap(`${left} ${op} ${right}`, precedence);
    }
    default:
      return '';
  }
}

/** How much of a formula the card quotes: enough to recognise it, not an answer's whole run-on expression. */
const QUOTED_LENGTH = 80;

/** A formula as the card quotes it, cut at a space with "…" when longer than QUOTED_LENGTH. */
function shortened(text: string): string {
  if (text.length <= QUOTED_LENGTH) return text;
  const cut = text.slice(0, QUOTED_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > QUOTED_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()} …`;
}

/** An answer's formula that differs from the model answer's for the same name. */
export interface FormulaDifference {
  readonly sentence: SentenceInfo;
  /** The name as the answer writes it. */
  readonly name: string;
  readonly answer: string;
  readonly reference: string;
  /** A worked example's value: the givens the reference's formula was computed from ("TP = 40 and FP = 10") and its result. */
  readonly value?: { readonly givens: string; readonly result: string };
}

/** What the answer's formulas say against the reference's. */
export interface AnswerFormulas {
  /** Sentences that give a name the reference defines a formula other than the reference's: the first of each. */
  readonly differences: readonly FormulaDifference[];
  /** Per sentence, the names (as written, lower case) it gives the reference's own formula. */
  readonly agreeing: ReadonlyMap<SentenceInfo, ReadonlySet<string>>;
}

/**
 * The answer's formulas against the reference's. An equation equal to any of the reference's for its name agrees; one
 * whose symbols are not the reference's, or that no reference formula for its name can be compared with, says nothing.
 */
export function readAnswerFormulas(sentences: readonly SentenceInfo[], formulas: ReferenceFormulas): AnswerFormulas {
  const differences: FormulaDifference[] = [];
  const agreeing = new Map<SentenceInfo, Set<string>>();
  if (formulas.equations.length === 0) return { differences, agreeing };
  const read = sentences.map((sentence) => ({ sentence, equations: readEquations(sentence.text).filter((equation) => hasSymbol(equation.expression)) }));
  // Every symbol the answer writes, as it writes it first.
  const answerSymbols = new Map<string, string>();
  for (const { equations } of read) {
    for (const equation of equations) {
      for (const [key, text] of symbolsOf(equation.expression)) if (!answerSymbols.has(key)) answerSymbols.set(key, text);
      if (!answerSymbols.has(equation.name)) answerSymbols.set(equation.name, equation.nameText);
    }
  }
  for (const { sentence, equations } of read) {
    let differs = false;
    for (const equation of equations) {
      const candidates = formulas.equations.filter((reference) => sameName(equation.name, reference.name));
      const verdicts = candidates.map((reference) => compare(equation, reference.expression, formulas, answerSymbols));
      if (verdicts.some((verdict) => verdict.kind === 'same')) {
        const names = agreeing.get(sentence) ?? new Set<string>();
        names.add(equation.nameText.toLowerCase());
        agreeing.set(sentence, names);
        continue;
      }
      const index = verdicts.findIndex((verdict) => verdict.kind === 'different');
      const differing = candidates[index];
      const verdict = verdicts[index];
      if (differs || differing === undefined || verdict?.kind !== 'different') continue;
      differs = true;
      const times = /\*/.test(equation.text) ? '*' : '×';
      differences.push({ sentence, name: equation.nameText, answer: shortened(equation.text), reference: shortened(render(differing.expression, verdict.spelling, times)) });
    }
  }
  const differing = new Set(differences.map((difference) => difference.sentence));
  differences.push(...wrongValues(sentences, formulas, answerSymbols).filter((difference) => !differing.has(difference.sentence)));
  return { differences, agreeing };
}

/** A number an answer gives a name: its value and how precisely it is written. */
interface StatedValue {
  readonly sentence: SentenceInfo;
  readonly name: string;
  readonly nameText: string;
  /** Each side of a chain ("10 / 50 = 0.2"): its value, as written, and how far off it may be from rounding. */
  readonly values: readonly { readonly value: number; readonly text: string; readonly tolerance: number }[];
}

/** How far off a number written with `decimals` decimals may be from what it rounds: 0.67 for 2/3, 0.7 for 0.667. */
const roundingOf = (decimals: number): number => (decimals === 0 ? 1e-9 : 0.5 * 10 ** -decimals + 1e-9);
const decimalsOf = (text: string): number => /\.(\d+)/.exec(text)?.[1]?.length ?? 0;

/**
 * Numbers an answer gives names: "TP = 40", "precision = 10 / 50 = 0.2", "F1 ≈ 0.62", "recall = 75%". A chain goes on
 * from a formula ("F1 = 2PR / (P + R) ≈ 0.62"); a name is the last words before the sign that the reference knows.
 */
function statedValues(sentence: SentenceInfo): StatedValue[] {
  const text = plainLatex(sentence.text);
  if (!/[=≈]/.test(text)) return [];
  const tokens = tokenize(text);
  const stated: StatedValue[] = [];
  let chain: { end: number; name: NonNullable<ReturnType<typeof nameBefore>>; values: StatedValue['values'][number][] } | undefined;
  for (const [at, token] of tokens.entries()) {
    if (token.text !== '=' && token.text !== '≈') continue;
    if (updatesOrCompares(tokens, at)) continue;
    const chained = chain?.end === at ? chain : undefined;
    const name = chained ? chained.name : nameBefore(tokens, at);
    // "TP = 40, FP = 10 gives precision = 0.8": a number that ends the previous value is not a factor of this name.
    if (name === undefined || (!chained && chain?.end !== name.from && inExpression(tokens, name.from))) {
      chain = undefined;
      continue;
    }
    const parser = new Parser(tokens);
    parser.at = at + 1;
    const expression = parser.expression();
    const percent = tokens[parser.at]?.text === '%';
    if (percent) parser.at += 1;
    if (expression === undefined || !endsClause(tokens, parser.at)) {
      chain = undefined;
      continue;
    }
    const values = chained ? chained.values : [];
    if (!hasSymbol(expression)) {
      const written = tokens.slice(at + 1, parser.at);
      const numbers = written.filter((part) => part.kind === 'number').map((part) => decimalsOf(part.text));
      const scale = percent ? 100 : 1;
      // Arithmetic is as precise as its coarsest number written with decimals; integers alone are exact.
      const decimals = numbers.length === 1 ? (numbers[0] ?? 0) : Math.min(...numbers.map((count) => (count === 0 ? Infinity : count)));
      const tolerance = roundingOf(Number.isFinite(decimals) ? decimals + (percent ? 2 : 0) : 0);
      values.push({ value: evaluate(expression, () => undefined) / scale, text: written.map((part) => part.text).join(' ').replace(/ %$/, '%'), tolerance });
    }
    // "A common mistake is precision = 0.2": a value denied or warned against is not the answer's.
    if (!chained && !denied(tokens, name.from)) stated.push({ sentence, name: name.key, nameText: name.text, values });
    chain = { end: parser.at, name, values };
  }
  return stated.filter((value) => value.values.length > 0);
}

/** A word of denial or warning (DENIAL_WORDS) in the clause before token `at`. */
function denied(tokens: readonly Token[], at: number): boolean {
  for (let back = at - 1; back >= 0 && !CLAUSE_ENDS.includes(tokens[back]?.text ?? ''); back -= 1) {
    if (DENIAL_WORDS.has(tokens[back]?.text.toLowerCase() ?? '')) return true;
  }
  return false;
}

/** The name a stated value gives, among `names`: its words or the last of them ("gives precision" names precision). */
function namedAs(value: StatedValue, names: readonly string[]): string | undefined {
  const words = value.name.split(' ');
  for (let from = 0; from < words.length; from += 1) {
    const key = words.slice(from).join(' ');
    for (const name of names) if (sameName(key, name)) return name;
  }
  return undefined;
}

/** How a computed value is shown: three decimals at most. */
const shown = (value: number): string => String(Number(value.toFixed(3)));

/**
 * A worked example's values against the reference's formulas: a name the reference defines given a number, with every
 * symbol of its formula given one number elsewhere in the answer, is computed from them. Any doubt says nothing: a
 * symbol without a value, or any name given two different numbers (two scenarios, or a value and its correction).
 */
function wrongValues(sentences: readonly SentenceInfo[], formulas: ReferenceFormulas, answerSymbols: ReadonlyMap<string, string>): FormulaDifference[] {
  const stated = sentences.flatMap(statedValues);
  if (stated.length < 2) return [];
  const given = new Map<string, StatedValue>();
  for (const value of stated) {
    const previous = given.get(value.name);
    const number = value.values.at(-1)?.value;
    if (previous !== undefined && previous.values.at(-1)?.value !== number) return [];
    given.set(value.name, value);
  }
  const differences: FormulaDifference[] = [];
  for (const value of stated) {
    const name = namedAs(value, [...formulas.definitions.keys()]);
    const definition = name === undefined ? undefined : formulas.definitions.get(name);
    if (name === undefined || definition === undefined) continue;
    const others = [...given.values()].filter((other) => other !== given.get(value.name));
    const numberOf = (key: string): StatedValue | undefined => {
      const found = others.filter((other) => namedAs(other, [key]) !== undefined);
      return found.length === 1 ? found[0] : undefined;
    };
    // The formula in the names the answer gives numbers to: F1 from precision and recall when it gives those, else from the counts.
    const own = new Map([...formulas.definitions].filter(([defined]) => defined !== name));
    const formula = [definition, expand(definition, own)].find((candidate) => [...symbolsOf(candidate).keys()].every((key) => numberOf(key) !== undefined));
    if (formula === undefined) continue;
    const keys = [...symbolsOf(formula).keys()];
    const result = evaluate(formula, (key) => numberOf(key)?.values.at(-1)?.value);
    if (!Number.isFinite(result)) continue;
    const wrong = value.values.find((side) => Math.abs(side.value - result) > side.tolerance + 1e-9 * Math.abs(result));
    if (wrong === undefined || differences.some((difference) => difference.sentence === value.sentence)) continue;
    // The formula is shown in the names the answer gives the numbers ("TP", not "true positives").
    const spelling = new Map(answerSymbols);
    const givens = keys.map((key) => {
      const source = numberOf(key);
      const written = source?.nameText.split(' ').slice(-Math.max(1, key.split(' ').length)).join(' ') ?? key;
      spelling.set(key, written);
      return `${written} = ${source?.values.at(-1)?.text ?? ''}`;
    });
    differences.push({
      sentence: value.sentence,
      name: value.nameText.split(' ').slice(-name.split(' ').length).join(' '),
      answer: wrong.text,
      reference: shortened(render(formula, spelling, '×')),
      value: { givens: givens.length > 1 ? `${givens.slice(0, -1).join(', ')} and ${givens.at(-1) ?? ''}` : (givens[0] ?? ''), result: shown(result) },
    });
  }
  return differences;
}
