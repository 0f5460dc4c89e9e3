import { foldNotation } from '../../text/sanitize.js';
import { createLru } from './lru.js';
import type { SentenceInfo } from './nlp.js';

/*
 * Formulas an answer states against the model answer's ("precision = TN / (FN + FP)" where the model answer says TP /
 * (TP + FP)). Round 16 made an equation read as a statement, so a wrong formula written in the reference's symbols was
 * credited like the right one. An equation is read to an expression tree and compared with the reference's equation
 * for the same name by evaluating both at fixed values of their symbols: notation (spacing, ×/*\/·, x^2/x**2, the
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
  'a an the of is are was be by to in on for and or with as at it its this that these those which where when while so than then their there here how what why who we you they i not no can may will would should must'.split(' '),
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

class Parser {
  at = 0;
  constructor(readonly tokens: readonly Token[]) {}

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
    if (token.text === 'e' && next?.text === '^' && !next.spaced) {
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

/** Operator words of a formula said aloud. */
const SPOKEN_OPERATORS: ReadonlySet<string> = new Set(['plus', 'minus', 'times', 'divided', 'multiplied', 'over', 'squared']);
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
      return NUMBER_WORDS.get(lower) ?? word;
    })
    .join(' ')
    .replace(/\bmultiplied by\b/gi, '×');
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

/** A name's key: lower case, without "score" ("F1 score" → "f1"). */
function nameKey(words: readonly string[]): string {
  const lower = words.map((word) => word.toLowerCase());
  const kept = lower.length > 1 ? lower.filter((word) => word !== 'score') : lower;
  return kept.join(' ');
}

/** The name an "=" at token `at` gives a value: up to four words, or a function applied ("σ(z)"), before it. */
function nameBefore(tokens: readonly Token[], at: number): { key: string; text: string; from: number } | undefined {
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
      if (named?.kind !== 'word' || token?.spaced) return undefined;
      const text = tokens.slice(index - 1, at).map((part) => part.text).join('');
      return { key: text.toLowerCase(), text, from: index - 1 };
    }
    return undefined;
  }
  const words: string[] = [];
  for (let index = at - 1; index >= 0 && words.length < 4; index -= 1) {
    const token = tokens[index];
    if (token === undefined || token.kind !== 'word' || FUNCTION_WORDS.has(token.text.toLowerCase())) break;
    words.unshift(token.text);
    if (words.length > 1 && !phraseWord(token) && !/^\p{Lu}\p{Ll}+$/u.test(token.text) && index < at - 1) break;
  }
  if (words.length === 0) return undefined;
  // A name of several words is a phrase ("false positive rate"), not symbols side by side ("TP FP").
  if (words.length > 1 && words.some((word) => /^\p{Lu}{2,}/u.test(word))) return { key: nameKey(words.slice(-1)), text: words.at(-1) ?? '', from: at - 1 };
  return { key: nameKey(words), text: words.join(' '), from: at - words.length };
}

/**
 * "X_train, X_test = …" unpacks a tuple: the name before "=" follows a comma with no "=" before it in its clause ("m =
 * √p for classification, m = p/3 for regression" is two equations).
 */
function unpacks(tokens: readonly Token[], from: number): boolean {
  if (tokens[from - 1]?.text !== ',') return false;
  for (let back = from - 2; back >= 0; back -= 1) {
    const text = tokens[back]?.text ?? '';
    if (text === '=') return false;
    if ([';', ':', '.'].includes(text)) return true;
  }
  return true;
}

/** Symbolic equations in a text: "name = expression", chains of them, and ones said aloud ("X equals …"). */
export function readEquations(source: string, subject?: string): Equation[] {
  const text = plainLatex(source);
  const equations: Equation[] = [];
  const tokens = tokenize(text);
  for (const [at, token] of tokens.entries()) {
    if (token.text !== '=') continue;
    const before = tokens[at - 1];
    // "w -= lr * dw", "a == b", "<=": an update or a comparison, not an equation.
    if (before?.kind === 'op' && !token.spaced) continue;
    if (tokens[at + 1]?.text === '=' || ['<', '>', '!', '='].includes(before?.text ?? '')) continue;
    // The name of a chain ("Precision = TP / (TP + FP) = TP / All Predicted Positives") is the first one's.
    let start = at;
    for (let back = at - 1; back >= 0; back -= 1) {
      const earlier = tokens[back];
      if (earlier === undefined || [',', ';', ':', '.'].includes(earlier.text)) break;
      if (earlier.text === '=') start = back;
    }
    const name = nameBefore(tokens, start);
    if (name === undefined || unpacks(tokens, name.from)) continue;
    const parser = new Parser(tokens);
    parser.at = at + 1;
    const expression = parser.expression();
    if (expression === undefined || !endsClause(tokens, parser.at)) continue;
    const end = tokens[parser.at]?.start ?? text.length;
    equations.push({ name: name.key, nameText: name.text, expression, text: text.slice(tokens[at + 1]?.start ?? end, end).trim() });
  }
  for (const match of text.matchAll(/(?:^|[.;:,]\s*)([A-Z]?[\w -]{1,40}?)\s+(?:equals|is calculated as|is computed as)\s+([^,;:.()]+)/g)) {
    const words = (match[1] ?? '').trim().split(/\s+/);
    const expression = spokenExpression(match[2] ?? '');
    if (expression !== undefined && words.length <= 4 && !words.some((word) => FUNCTION_WORDS.has(word.toLowerCase()))) {
      equations.push({ name: nameKey(words), nameText: words.join(' '), expression, text: (match[2] ?? '').trim() });
    }
  }
  // "Calculated as …" with the name left to the sentence ("Accuracy is the fraction…, calculated as…") or the question.
  for (const match of text.matchAll(/(?:^|[.!?]\s+)(?:(\w+(?: \w+)?) (?:is|are)\b[^.]*?, |It(?:'|’)s |It is )?calculated as\s+([^,;:.()]+)/gi)) {
    const named = match[1] ?? subject;
    const expression = spokenExpression(match[2] ?? '');
    if (named !== undefined && expression !== undefined) {
      equations.push({ name: nameKey(named.split(/\s+/)), nameText: named, expression, text: (match[2] ?? '').trim() });
    }
  }
  // "the true positive rate (recall, TP / (TP + FN))": a name and its formula in brackets after it, with an alias first.
  for (const match of text.matchAll(/((?:[A-Za-z]+ ){0,3}[A-Za-z]+) \((?:([A-Za-z]+), )?([^()]*(?:\([^()]*\)[^()]*)*)\)(?=[,;:.]|\s|$)/g)) {
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
}

const cache = createLru<string, ReferenceFormulas>(256);

/** The name a question asks about: "What is precision?" → "precision". */
function questionSubject(question: string): string | undefined {
  return /^what (?:is|are) (?:an? |the )?([\w -]{1,40}?)\??$/i.exec(question.trim())?.[1];
}

export function referenceFormulas(question: string, answers: readonly string[]): ReferenceFormulas {
  const key = `${question}\u0000${answers.join('\u0000')}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const subject = questionSubject(question);
  const equations: Equation[] = [];
  // Code in a model answer names its own variables ("p", "d", "loss"): its lines are steps, not definitions.
  for (const answer of answers) {
    let fenced = false;
    for (const line of foldNotation(answer).split('\n')) {
      if (/^\s*(?:```|~~~)/.test(line)) fenced = !fenced;
      else if (!fenced) equations.push(...readEquations(line, subject));
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
  const formulas = { equations: equations.filter((equation) => equation.expression.kind !== 'symbol' && hasSymbol(equation.expression)), uses, known };
  cache.set(key, formulas);
  return formulas;
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

/**
 * The answer's symbols read as the reference's: the same key, or a letter for the one symbol of the reference's
 * expression it begins ("P" for precision in "2PR / (P + R)"), or letters written together, each such a letter
 * ("PR"). Undefined when a symbol is none of these or the reference never names it.
 */
function resolve(answer: Expr, reference: Expr, formulas: ReferenceFormulas): Map<string, string[]> | undefined {
  const referenceSymbols = [...symbolsOf(reference).keys()];
  const byInitial = (letter: string): string | undefined => {
    if (formulas.uses.has(letter)) return letter;
    const found = referenceSymbols.filter((symbol) => symbol.length >= 3 && symbol.startsWith(letter));
    return found.length === 1 ? found[0] : undefined;
  };
  const resolved = new Map<string, string[]>();
  for (const key of symbolsOf(answer).keys()) {
    if (formulas.uses.has(key)) {
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

function compare(answer: Expr, reference: Expr, formulas: ReferenceFormulas, answerSymbols: ReadonlySet<string>): Verdict {
  const unsure = { kind: 'unsure' } as const;
  const resolved = resolve(answer, reference, formulas);
  if (resolved === undefined) return unsure;
  const used = new Set([...resolved.values()].flat());
  const referenceKeys = new Set(symbolsOf(reference).keys());
  // Each symbol of the reference's formula is the answer's vocabulary too: it writes it somewhere, or the reference
  // uses it in more than one formula ("TP"), not a quantity of this formula only ("all examples").
  for (const key of referenceKeys) if (!used.has(key) && !answerSymbols.has(key) && (formulas.uses.get(key) ?? 0) < 2) return unsure;
  if (foldedPower(used, referenceKeys)) return unsure;
  let differs = false;
  for (let trial = 0; trial < TRIALS; trial += 1) {
    const answerValue = evaluate(answer, (key) => resolved.get(key)?.reduce((product, symbol) => product * valueOf(symbol, trial), 1));
    const referenceValue = evaluate(reference, (key) => valueOf(key, trial));
    if (!Number.isFinite(answerValue) || !Number.isFinite(referenceValue)) return unsure;
    if (Math.abs(answerValue - referenceValue) > 1e-9 * Math.max(1, Math.abs(referenceValue))) differs = true;
  }
  if (!differs) return { kind: 'same' };
  // The reference's formula is shown in the answer's symbols where it has them ("TP" for "true positives", "P" for precision).
  const spelling = new Map<string, string>();
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

/** An answer's formula that differs from the model answer's for the same name. */
export interface FormulaDifference {
  readonly sentence: SentenceInfo;
  /** The name as the answer writes it. */
  readonly name: string;
  readonly answer: string;
  readonly reference: string;
}

/**
 * The answer's sentences that give a name the reference defines a formula other than the reference's: one per
 * sentence, the first. An equation equal to any of the reference's for its name agrees; one whose symbols are not
 * the reference's, or that no reference formula for its name can be compared with, says nothing.
 */
export function formulaDifferences(sentences: readonly SentenceInfo[], formulas: ReferenceFormulas): FormulaDifference[] {
  if (formulas.equations.length === 0) return [];
  const read = sentences.map((sentence) => ({ sentence, equations: readEquations(sentence.text).filter((equation) => hasSymbol(equation.expression)) }));
  const answerSymbols = new Set(read.flatMap(({ equations }) => equations.flatMap((equation) => [...symbolsOf(equation.expression).keys(), equation.name])));
  const found: FormulaDifference[] = [];
  for (const { sentence, equations } of read) {
    for (const equation of equations) {
      const candidates = formulas.equations.filter((reference) => sameName(equation.name, reference.name));
      const verdicts = candidates.map((reference) => compare(equation.expression, reference.expression, formulas, answerSymbols));
      if (verdicts.some((verdict) => verdict.kind === 'same')) continue;
      const index = verdicts.findIndex((verdict) => verdict.kind === 'different');
      const differing = candidates[index];
      const verdict = verdicts[index];
      if (differing === undefined || verdict?.kind !== 'different') continue;
      const times = /\*/.test(equation.text) ? '*' : '×';
      found.push({ sentence, name: equation.nameText, answer: equation.text, reference: render(differing.expression, verdict.spelling, times) });
      break;
    }
  }
  return found;
}
