import { perSentence, type SentenceInfo } from './nlp.js';

/*
 * A line of code is a statement: "X_test = scaler.transform(X_test)" gives a name a value, "optimizer.zero_grad()"
 * does something, "for x, y in loader:" opens a loop. Read as prose it has no verb and no function word, so an answer
 * given as a few lines of code was called a keyword list (the training loop "model.train() / for x, y in loader: /
 * optimizer.zero_grad() / …" scored 1.6, its content capped at 2). Code is told from prose by its grammar: code puts
 * an operator, a bracket or a comma between names, prose puts words next to words ("bagging parallel independent" in
 * a call is words in brackets, not code).
 */

/** Words that stand next to a name in code without an operator between ("for x in loader", "return y"). */
const CODE_KEYWORDS: ReadonlySet<string> = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'const', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'new', 'nonlocal', 'not', 'or', 'pass',
  'raise', 'return', 'try', 'while', 'with', 'yield',
]);

/**
 * A line opening a block of code: "for x, y in loader:", "with torch.no_grad():", "def fit(X, y):", "else:"; not a
 * lead-in ending with a colon ("for example:", "if so:"), which holds no code's sign.
 */
const BLOCK_HEADER = /^(?:(?:for|while|if|elif|with|def|class|except|async\s+(?:def|for|with))\b.*(?:[()=<>[\].]|\sin\s).*|else|try|finally):$/;
/** A statement that names a value without an operator: "return w, b", "import numpy as np". */
const KEYWORD_STATEMENT = /^(?:return|yield|await|del|assert|raise|import|from|print)\b/;
/**
 * A keyword statement as it stands without a bracket or an operator: "return w, b", "from sklearn.svm import SVC",
 * "break". Its names follow the keyword with commas or dots between them, never two plain words in a row (prose:
 * "return the model", which `hasProseRun` tells).
 */
const BARE_KEYWORD_STATEMENT = /^(?:(?:return|yield|del|raise)\s+[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*|(?:from\s+[A-Za-z_][\w.]*\s+)?import\s+[A-Za-z_][\w.]*(?:\s+as\s+[A-Za-z_]\w*)?(?:\s*,\s*[A-Za-z_][\w.]*(?:\s+as\s+[A-Za-z_]\w*)?)*|break|continue|pass|return)$/;
/** Names assigned ("w", "X_train, X_test", "ds[i]", "self.w") and an assignment's operator ("=", "-=", "//=", "@="; not "=="). */
const ASSIGNED = /^[A-Za-z_][\w.]*(?:\[[^\]]*\])*(?:\s*,\s*[A-Za-z_][\w.]*(?:\[[^\]]*\])*)*\s*(?:[-+*/@%]|\/\/|\*\*)?=(?!=)\s*(\S.*)$/;
/** After its brackets are emptied, a call or an index standing alone: "model.train()", "df.groupby()[].mean()". */
const CALLED = /^(?:[A-Za-z_][\w.]*)?(?:\(\)|\[\])+(?:\.[A-Za-z_]\w*(?:\(\)|\[\])*)*$/;
/** A fence's marker line ("```python", "```"): no statement, no prose. */
const FENCE_MARKER = /^(?:```|~~~)[\w+-]*$/;
/** A comment after code: "# reuse the training mean", "// C++". */
const COMMENT = /\s(?:#|\/\/)\s.*$/;
/** Two names next to each other with only spaces between: prose, unless one is a keyword of code. */
const ADJACENT_WORDS = /([A-Za-z_][\w.]*)\s+(?=([A-Za-z_][\w.]*))/g;
/** Brackets holding no bracket: emptied one level at a time to read what stands at the top level. */
const INNERMOST_BRACKETS = /\([^()[\]{}]*\)|\[[^()[\]{}]*\]|\{[^()[\]{}]*\}/g;
/** The mark an emptied bracket leaves while the brackets around it are emptied, and the bracket it is written as after. */
const EMPTIED: ReadonlyMap<string, string> = new Map([
  ['(', '\uE001'],
  ['[', '\uE002'],
  ['{', '\uE003'],
]);
const WRITTEN: ReadonlyMap<string, string> = new Map([
  ['\uE001', '()'],
  ['\uE002', '[]'],
  ['\uE003', '{}'],
]);
/**
 * Names an assigned value may hold at its top level between spaces ("a if ok else b" has five, prose has more);
 * operators and numbers between them are no words ("err = X @ w + b - y" holds four names).
 */
const MAX_VALUE_WORDS = 5;
const PLAIN_NAME = /^[A-Za-z_][\w.]*$/;

/**
 * Bare names a bracket may hold as its items: "train_test_split(X, y, test_size=0.2)" passes two; "compare(bagging,
 * boosting, parallel, sequential, variance, …)" is a list of terms in a call's brackets.
 */
const MAX_NAME_ITEMS = 4;
const BARE_NAME = /^\s*[A-Za-z_]\w*\s*$/;

/**
 * The text with its brackets' contents removed, level by level; undefined when they do not balance within a few levels
 * or a bracket lists more names than code passes.
 */
function topLevel(text: string): string | undefined {
  // An emptied bracket is held by a mark of its own, so that the bracket around it is innermost next.
  let current = text.replace(/[\uE001-\uE003]/g, '');
  let listsNames = false;
  for (let level = 0; level < 8; level += 1) {
    const emptied = current.replace(INNERMOST_BRACKETS, (bracket) => {
      if (bracket.slice(1, -1).split(',').filter((item) => BARE_NAME.test(item)).length > MAX_NAME_ITEMS) listsNames = true;
      return EMPTIED.get(bracket[0] ?? '') ?? '';
    });
    if (listsNames) return undefined;
    if (emptied === current) return /[()[\]{}]/.test(emptied) ? undefined : emptied.replace(/[\uE001-\uE003]/g, (mark) => WRITTEN.get(mark) ?? '');
    current = emptied;
  }
  return undefined;
}

/** Whether the text puts two names next to each other that are not code's keywords: prose does, code does not. */
function hasProseRun(text: string): boolean {
  // Strings are values, not words of the line: "df.query('age > 30 and city == Paris')".
  const unquoted = text.replace(/'[^']*'|"[^"]*"/g, "''");
  for (const match of unquoted.matchAll(ADJACENT_WORDS)) {
    const [first, second] = [match[1] ?? '', match[2] ?? ''];
    if (!CODE_KEYWORDS.has(first) && !CODE_KEYWORDS.has(second)) return true;
  }
  return false;
}

/** A dotted name alone, code when a comment follows it ("a.dtype  # check it"); alone it is a name like any other. */
const ATTRIBUTE = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/;

/**
 * A line of code: a statement (an assignment, a call, a block's header, a keyword statement), with where its comment
 * begins in the sentence's text (prose about the code), or a fence's marker.
 */
export type CodeLine = { readonly kind: 'statement'; readonly commentAt: number | undefined } | { readonly kind: 'fence' };

const CLOSER_OF: ReadonlyMap<string, string> = new Map([
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
]);
/** Brackets a line may leave open for the lines after it ("clf = GridSearchCV(", "model = nn.Sequential(nn.Linear(4, 8),"). */
const MAX_OPEN_BRACKETS = 3;

/**
 * The line with the brackets it leaves open closed: a call's arguments laid out one a line open on the line of the
 * call ("scores = cross_val_score(model, X, y,"), which is read as the statement it begins. Undefined when a bracket
 * closes one it did not open, or too many stay open.
 */
function closed(code: string): string | undefined {
  const open: string[] = [];
  for (const char of code) {
    const closer = CLOSER_OF.get(char);
    if (closer !== undefined) open.push(closer);
    else if (char === ')' || char === ']' || char === '}') {
      if (open.pop() !== char) return undefined;
    }
  }
  if (open.length > MAX_OPEN_BRACKETS) return undefined;
  return code.replace(/,\s*$/, '') + open.reverse().join('');
}

function isStatement(code: string, commented: boolean): boolean {
  if (code === '') return false;
  // Most prose has none of these and is no bare keyword statement: it is told from code without looking for a run of
  // names (every sentence is asked).
  if (!/[=()[\]:]/.test(code) && !BARE_KEYWORD_STATEMENT.test(code)) return commented && ATTRIBUTE.test(code) && !hasProseRun(code);
  if (hasProseRun(code)) return false;
  if (BARE_KEYWORD_STATEMENT.test(code)) return true;
  const whole = closed(code);
  const flat = whole === undefined ? undefined : topLevel(whole);
  if (flat === undefined) return false;
  if (BLOCK_HEADER.test(flat) || KEYWORD_STATEMENT.test(flat) || CALLED.test(flat)) return true;
  // "scaler = standard, fit = training, …" pairs terms: a value holds no second assignment at its top level.
  const value = ASSIGNED.exec(flat)?.[1];
  return value !== undefined && !/(?<![=!<>])=(?!=)/.test(value) && value.split(/\s+/).filter((part) => PLAIN_NAME.test(part)).length <= MAX_VALUE_WORDS;
}

/**
 * Statements written on one line with semicolons between them ("p = np.exp(s); p /= p.sum(1, keepdims=True)"), each a
 * statement; a semicolon inside a bracket or a string is no separator.
 */
function isStatementRun(code: string): boolean {
  // Asked of every sentence read: prose has no semicolon to split at, and one part is no run.
  if (!code.includes(';')) return false;
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < code.length; i += 1) {
    const char = code[i] ?? '';
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if ('([{'.includes(char)) depth += 1;
    else if (')]}'.includes(char)) depth -= 1;
    else if (char === ';' && depth === 0) {
      parts.push(code.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(code.slice(start).trim());
  return parts.length > 1 && parts.every((part) => isStatement(part, false));
}

/** The sentence read as a line of code, or undefined when it is prose (or prose with code in it). */
export const codeLineOf: (sentence: SentenceInfo) => CodeLine | undefined = perSentence((sentence) => {
  const { text } = sentence;
  if (FENCE_MARKER.test(text.trim())) return { kind: 'fence' };
  const comment = COMMENT.exec(text);
  const code = (comment === null ? text : text.slice(0, comment.index)).trim().replace(/;$/, '');
  return isStatement(code, comment !== null) || isStatementRun(code) ? { kind: 'statement', commentAt: comment?.index } : undefined;
});
