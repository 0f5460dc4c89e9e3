import { analyzeText, type SentenceInfo, type TokenInfo } from './nlp.js';
import { codeLineOf } from './code-lines.js';
import { CODE_NAME, nameParts, namePartsAsWritten } from './name-parts.js';
import { ARITHMETIC, statesRelation, tokenStarts } from './terms.js';

/*
 * Code says with symbols what prose says with words: "(3, 4) + (4,)" adds two arrays, "X - X.mean(axis=0)" subtracts
 * the means, "a[1:3]" slices an array. Read token by token, the symbols had no term, so a short correct answer
 * written with code shared fewer of the reference's words than the same answer in prose ("Adding an array of
 * shape…"), and "(3, 4) + (4,) works: shapes align from the right, 4 matches 4 and the missing axis is stretched."
 * was called off-topic (1.2; in words 2.4). The technical grader reads an arithmetic operator and a slice with the
 * term of the word each stands for. An index is not read as "index": in C it declares ("int a[10];", "char[]"),
 * and in Python it selects by a label, a position or a mask, which the reference words differently.
 */

/** Arithmetic operators and the word each stands for. */
const OPERATOR_WORDS: ReadonlyMap<string, string> = new Map([
  ['+', 'add'],
  ['-', 'subtract'],
  ['−', 'subtract'],
  ['*', 'multiply'],
  ['×', 'multiply'],
  ['/', 'divide'],
  ['÷', 'divide'],
  ['@', 'multiply'],
]);
const SLICE_WORD = 'slice';
const operatorTerms = new Set<string>();
/** Whether a term is an arithmetic operator's word ("divide", "add"), which a formula's operators read as. */
export function isOperatorTerm(term: string): boolean {
  if (operatorTerms.size === 0) for (const word of OPERATOR_WORDS.values()) operatorTerms.add(termOf(word));
  return operatorTerms.has(term);
}
/**
 * The names code gives the things prose names in full, by the convention of NumPy, pandas, scikit-learn and PyTorch
 * code ("probs", "y_pred", "val_loss", "lr"): read as the word, a correct answer in code shares the reference's terms
 * as the same answer in words does. Only in code (a line of code or a sentence with a call, an index or an assignment
 * in it), where these are names rather than the English words some of them spell ("err", "col"); not "imp", which names
 * an imputer as often as an importance.
 */
const CODE_NAMES: ReadonlyMap<string, string> = new Map([
  ['arr', 'array'],
  ['args', 'arguments'],
  ['acc', 'accuracy'],
  ['avg', 'average'],
  ['col', 'column'],
  ['cols', 'columns'],
  ['coef', 'coefficients'],
  ['df', 'dataframe'],
  ['dim', 'dimension'],
  ['err', 'error'],
  ['grad', 'gradient'],
  ['grads', 'gradients'],
  ['idx', 'index'],
  ['lr', 'learning'],
  ['pred', 'prediction'],
  ['preds', 'predictions'],
  ['prob', 'probability'],
  ['probs', 'probabilities'],
  ['proba', 'probabilities'],
  ['std', 'deviation'],
  ['tol', 'tolerance'],
  ['val', 'validation'],
]);
/**
 * The names code gives a loop's position by convention ("for i, name in enumerate(names)", "a[i][j]"): read as "index"
 * only in a line of code, where "i" is no pronoun. Without it a correct enumerate loop shared the reference's "loop"
 * and "enumerate" but not its "index", as the same loop written with "idx" did (1.4 against 2.9 under the hinged fit).
 */
const INDEX_NAMES: ReadonlySet<string> = new Set(['i', 'j']);
/** A sentence with code in it: a call or an index glued to a name, or an assignment. */
const HOLDS_CODE = /\w[([]|\w\s*[-+*/]?=(?!=)\s*\S/;

/** A slice's bracket closes within this many characters ("X[:, 0]", "a[start:stop:step]"): bounds the scan for its colon. */
const MAX_SLICE_CHARS = 40;
/** Characters without which a sentence holds neither an operator nor a slice. */
const MAY_HOLD_CODE = new RegExp(`[+\\-−*×/÷@]|\\[[^\\]]{0,${MAX_SLICE_CHARS}}:`);

const termOfWord = new Map<string, string>();

/** The term the grader gives a word, as it would in a sentence of its own. */
function termOf(word: string): string {
  let term = termOfWord.get(word);
  if (term === undefined) {
    term = analyzeText(word)[0]?.tokens[0]?.term ?? '';
    termOfWord.set(word, term);
  }
  return term;
}

const OPENERS: ReadonlySet<string> = new Set(['(', '[', '{']);
const CLOSERS: ReadonlySet<string> = new Set([')', ']', '}']);

/**
 * An operand that shows an operator is arithmetic: a number, a one-letter name or a bracket ("n * log(n)", "k − 1",
 * "(3, 4) + (4,)"). Between two words a symbol is a dash, an "or" or an "and" ("bagging - boosting", "train/test",
 * "bias + variance"), and a slash between letters too ("A/B test", "w/o").
 */
function showsArithmetic(token: TokenInfo | undefined, side: 'before' | 'after', operator: string): boolean {
  if (token === undefined) return false;
  if (token.kind === 'number') return true;
  if (operator !== '/' && token.kind === 'word' && /^\p{L}$/u.test(token.text)) return true;
  return side === 'before' ? CLOSERS.has(token.text) : OPENERS.has(token.text);
}

const isOperand = (token: TokenInfo | undefined): boolean =>
  token !== undefined && (token.kind === 'word' || token.kind === 'number' || OPENERS.has(token.text) || CLOSERS.has(token.text));

/** The word an operator or an opening bracket at `index` stands for, if it is code. */
function wordFor(sentence: SentenceInfo, at: readonly number[], index: number): string | undefined {
  const { tokens, text } = sentence;
  const token = tokens[index];
  const start = at[index];
  if (token === undefined || start === undefined) return undefined;
  const before = tokens[index - 1];
  const after = tokens[index + 1];
  if (token.text === '[') {
    // A name sliced: "a[1:3]", "a[:100]", "X[:, 0]"; not a bracket opening an aside, nor an index ("a[0]").
    if (index === 0 || /\s/.test(text[start - 1] ?? '') || before === undefined || !(before.kind === 'word' || CLOSERS.has(before.text))) return undefined;
    let depth = 0;
    for (let cursor = start; cursor < Math.min(text.length, start + MAX_SLICE_CHARS); cursor += 1) {
      const char = text[cursor];
      if (char === '[') depth += 1;
      else if (char === ']') {
        depth -= 1;
        if (depth === 0) return undefined;
      } else if (char === ':' && depth === 1) return SLICE_WORD;
    }
    return undefined;
  }
  const word = OPERATOR_WORDS.get(token.text);
  if (word === undefined || !isOperand(before) || !isOperand(after)) return undefined;
  // A binary operator is spaced alike on both sides ("k − 1", "TP/(TP+FP)"); "*(ptr + n)", "2+ problems", "-4" and
  // "single-label" are not (a hyphen is glued on both sides: "-" needs spaces).
  const spacedBefore = /\s/.test(text[start - 1] ?? '');
  const spacedAfter = /\s/.test(text[start + token.text.length] ?? '');
  if (spacedBefore !== spacedAfter || (token.text === '-' && !spacedBefore)) return undefined;
  // "C++", "**bold**", "a//b": an operator next to another symbol is not one.
  if (OPERATOR_WORDS.has(before?.text ?? '') || OPERATOR_WORDS.has(after?.text ?? '')) return undefined;
  return showsArithmetic(before, 'before', token.text) || showsArithmetic(after, 'after', token.text) ? word : undefined;
}

/** A code line's opening keyword and the word it stands for: "for x in loader:" loops, "def fit(…):" defines a function. */
const HEADER_WORDS: ReadonlyMap<string, string> = new Map([
  ['for', 'loop'],
  ['while', 'loop'],
  ['def', 'function'],
]);

/**
 * The word a token of code stands for: an arithmetic operator or a slice (`wordFor`), a conventional
 * name ("probs"), or the keyword opening a loop or a function.
 */
function codeWordOf(sentence: SentenceInfo, at: readonly number[], index: number, inCode: boolean, line: boolean): string | undefined {
  const token = sentence.tokens[index];
  if (token === undefined) return undefined;
  if (line && INDEX_NAMES.has(token.text)) return 'index';
  if (token.term === '' && (token.kind !== 'word' || !line || index > 0)) return wordFor(sentence, at, index);
  if (!inCode || token.kind !== 'word') return undefined;
  return (line && index === 0 ? HEADER_WORDS.get(token.text) : undefined) ?? CODE_NAMES.get(token.text);
}

/**
 * The sentences with each arithmetic operator and slice given the term of its word, and in code each
 * conventional name and the keyword opening a loop or a function.
 */
export function readCodeAsWords(sentences: readonly SentenceInfo[], referenceTerms: ReadonlyMap<string, number> = new Map()): readonly SentenceInfo[] {
  return sentences.map((sentence) => {
    const line = codeLineOf(sentence)?.kind === 'statement';
    const inCode = line || HOLDS_CODE.test(sentence.text);
    const notation = line || statesRelation(sentence);
    if (!inCode && !notation && !MAY_HOLD_CODE.test(sentence.text)) return sentence;
    const at = tokenStarts(sentence);
    if (at.length < sentence.tokens.length) return sentence;
    const conditional = notation && CONDITIONAL.test(sentence.text);
    let tokens: TokenInfo[] | undefined;
    let symbolTokens: TokenInfo[] | undefined;
    sentence.tokens.forEach((token, index) => {
      // A name the reference writes itself ("df.iloc bracket five") keeps its own term.
      if (token.term !== '' && referenceTerms.has(token.term)) return;
      const code = codeWordOf(sentence, at, index, inCode, line);
      const word = code ?? (notation ? symbolWordOf(sentence.tokens, index, conditional) : undefined);
      if (word === undefined) return;
      const term = termOf(word);
      if (term === '' || term === token.term) return;
      const read = { ...token, term, identity: term };
      if (code === undefined) {
        // A symbol's word only meets the reference's: one the reference does not write would leave the symbol notation
        // still, and dilute the answer's overlap ("F1 = 2·P·R/(R + P)" is no "product" a harmonic mean is about).
        if (!referenceTerms.has(term)) return;
        symbolTokens ??= [...(tokens ?? sentence.tokens)];
        symbolTokens[index] = read;
        return;
      }
      tokens ??= [...sentence.tokens];
      tokens[index] = read;
      if (symbolTokens !== undefined) symbolTokens[index] = read;
    });
    const coded = tokens === undefined ? sentence : { ...sentence, tokens };
    if (symbolTokens === undefined) return coded;
    const read = { ...sentence, tokens: symbolTokens };
    withoutSymbols.set(read, coded);
    return read;
  });
}

/**
 * Whether an answer's formulas read as a dump of symbols: most of the operations its symbols stand for (`symbolWordOf`,
 * each word once) are words the reference does not write. A formula for the question's idea writes its operations
 * ("e^{zᵢ} / Σⱼ e^{zⱼ}": exponential, sum); a row of every symbol ("Σ ∂ ∇ e^x · √x · ‖x‖²"), or a formula for another
 * concept, meets one of the reference's words by chance among the many it names. A Greek letter is a variable's name,
 * counted only when the reference names what it stands for ("alpha", "standard deviation", "mean"). A formula defining
 * what the reference or the question names ("F1 = 2·P·R/(R + P)", "σ(z) = 1 / (1 + e^(−z))" for the sigmoid) is one
 * formula in the reference's notation, whatever words its operations stand for: it is no part of a dump.
 */
export function readsAsSymbolDump(
  sentences: readonly SentenceInfo[],
  referenceTerms: ReadonlyMap<string, number>,
  questionTerms: ReadonlySet<string> = new Set(),
): boolean {
  const named = new Map<string, boolean>();
  const written = (word: string): boolean => referenceTerms.has(termOf(word));
  const names = (term: string): boolean => referenceTerms.has(term) || questionTerms.has(term);
  for (const sentence of sentences.map(withoutSymbolWords)) {
    if (!inNotation(sentence)) continue;
    if (definedName(sentence.tokens).some((term) => names(term))) continue;
    const conditional = CONDITIONAL.test(sentence.text);
    sentence.tokens.forEach((token, index) => {
      if (token.term !== '' && referenceTerms.has(token.term)) return;
      const word = symbolWordOf(sentence.tokens, index, conditional);
      if (word === undefined || termOf(word) === '') return;
      const letter = token.text.match(GREEK_LETTER)?.[0];
      if (letter === undefined) named.set(word, named.get(word) === true || written(word));
      else if ([word, ...(LETTER_WORDS.get(letter) ?? []), ...(NUMPY_NAMES.get(word) ?? [])].some(written)) named.set(word, true);
    });
  }
  const met = [...named.values()].filter(Boolean).length;
  return 2 * met < named.size;
}

/** What a Greek letter applied to an argument conventionally names: "σ(z)" is the sigmoid. */
const FUNCTION_LETTERS: ReadonlyMap<string, string> = new Map([['σ', 'sigmoid']]);

/**
 * The terms a formula's left-hand side may name, when the sentence is one equation defining one quantity ("F1 =",
 * "Precision =", "softmax(z)_i =", "σ(z) ="): the name itself, or a Greek letter's name, its conventional readings and,
 * applied, the function it names. A single Latin letter ("L =", "f(x) =") names nothing: every formula writes one. A
 * second equation in the sentence ("σ(z) = …; g = Σ ∂L/∂θ …") is a row of formulas, read as any other.
 */
function definedName(tokens: readonly TokenInfo[]): readonly string[] {
  const equals = tokens.findIndex((token) => token.text === '=');
  if (tokens.some((token, index) => token.text === ';' || (token.text === '=' && index !== equals))) return [];
  const [name, ...rest] = tokens.slice(0, Math.max(equals, 0));
  if (name === undefined || rest.some((token) => ARITHMETIC.has(token.text))) return [];
  const letterName = GREEK_LETTERS.get(name.text);
  if (letterName === undefined) return name.kind === 'word' && name.text.length >= 2 && name.term !== '' ? [name.term] : [];
  const applied = rest[0]?.text === '(' ? FUNCTION_LETTERS.get(name.text) : undefined;
  return [letterName, ...(LETTER_WORDS.get(name.text) ?? []), ...(applied === undefined ? [] : [applied])].map(termOf);
}

/** Each sentence whose formula symbols `readCodeAsWords` read as words, and the sentence read without them. */
const withoutSymbols = new WeakMap<SentenceInfo, SentenceInfo>();

/**
 * The sentence as written, code's operators and names read but not what a formula's symbols name: the share of an
 * answer's own words the reference uses reads this, since a symbol is notation, neither right nor wrong, and read as
 * its word a formula's "Σ" and "e^" made every word of a wrong formula ("e / e.max()") one the reference uses.
 */
export function withoutSymbolWords(sentence: SentenceInfo): SentenceInfo {
  return withoutSymbols.get(sentence) ?? sentence;
}

/**
 * Symbols notation writes for an operation, and the words each stands for: "∂L/∂W_l" takes a derivative, "Σ" sums and
 * "f′(x)" is a derivative, as a model answer says in words; "a·b" is a product and "X @ W" a matrix product. Read for
 * the off-topic rule (`notationTerms`) and, a symbol's first word, in a formula's terms (`symbolWordOf`): an answer in
 * notation has few words, and these are what it shares with a reference written in prose.
 */
const NOTATION_WORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['∂', ['derivative']],
  ['′', ['derivative']],
  ['∇', ['gradient']],
  ['Σ', ['sum']],
  ['∑', ['sum']],
  ['∏', ['product']],
  ['·', ['product']],
  ['⊙', ['multiply']],
  ['@', ['matrix', 'multiply']],
  ['√', ['root']],
  ['∫', ['integral']],
  ['‖', ['norm']],
]);
const NOTATION_SYMBOL = new RegExp(`[${[...NOTATION_WORDS.keys()].join('')}]`, 'gu');

/**
 * What a symbol of a formula says in words, one word a token: "Σ" sums, "e^" and `np.exp` exponentiate, the "P" of
 * "P(A|B)" is a probability and its "|" a condition. Read only in a sentence given as notation or a line of code, so a
 * formula that writes the reference's idea shares its words ("σ(z)ᵢ = e^{zᵢ} / Σⱼ e^{zⱼ}": exponential, sum), as the
 * same answer in prose would, and weighs no more than the word written out; a word the reference does not write is
 * left unread. A Greek letter reads as its name.
 */
function symbolWordOf(tokens: readonly TokenInfo[], index: number, conditional: boolean): string | undefined {
  const token = tokens[index];
  if (token === undefined) return undefined;
  const next = tokens[index + 1]?.text;
  if (token.kind === 'word') {
    if ((token.text === 'e' && next === '^') || (token.text === 'exp' && next === '(')) return 'exponential';
    if (conditional && /^[Pp]$/.test(token.text) && next === '(') return 'probability';
    // A function notation names by convention, applied: "Var(X)", "cov(X, Y)".
    return next === '(' ? NUMPY_NAMES.get(token.text.toLowerCase())?.[0] : undefined;
  }
  if (token.term !== '') return undefined;
  if (conditional && token.text === '|') return 'conditional';
  // A square is what a reference says of it ("the sum of squared coefficients"), whatever it is glued to ("λ‖β‖₂²").
  if (token.text.includes('²') || (token.text === '^' && next === '2')) return 'squared';
  const symbol = token.text.match(NOTATION_SYMBOL)?.[0];
  if (symbol !== undefined) return NOTATION_WORDS.get(symbol)?.[0];
  const letter = token.text.match(GREEK_LETTER)?.[0];
  return letter === undefined ? undefined : GREEK_LETTERS.get(letter);
}

/**
 * Greek letters and the names code and prose spell them with: "gamma * x_hat + beta" writes the reference's "γ" and
 * "β", "α‖β‖²" its "a parameter alpha". A letter and its name are one symbol, keyed by the term of the name.
 */
const GREEK_LETTERS: ReadonlyMap<string, string> = new Map([
  ['α', 'alpha'],
  ['β', 'beta'],
  ['γ', 'gamma'],
  ['δ', 'delta'],
  ['ε', 'epsilon'],
  ['ϵ', 'epsilon'],
  ['η', 'eta'],
  ['θ', 'theta'],
  ['κ', 'kappa'],
  ['λ', 'lambda'],
  ['μ', 'mu'],
  ['ν', 'nu'],
  ['ξ', 'xi'],
  ['π', 'pi'],
  ['ρ', 'rho'],
  ['σ', 'sigma'],
  ['τ', 'tau'],
  ['φ', 'phi'],
  ['ϕ', 'phi'],
  ['ψ', 'psi'],
  ['ω', 'omega'],
]);
const GREEK_LETTER = new RegExp(`[${[...GREEK_LETTERS.keys()].join('')}]`, 'gu');
/**
 * What statistics and machine learning write with a Greek letter, as a model answer says it in words: "σ" a standard
 * deviation, "ρ" a correlation, "η" a learning rate.
 */
const LETTER_WORDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['σ', ['deviation']],
  ['ρ', ['correlation']],
  ['η', ['learning', 'rate']],
]);
/** Names code shortens a Greek letter's to ("eps = 1e-5", "lam"). */
const SHORT_GREEK: ReadonlyMap<string, string> = new Map([
  ['eps', 'epsilon'],
  ['lam', 'lambda'],
  ['lmbda', 'lambda'],
]);

/** Each text's `notationTerms` symbols, kept per text: references are few and read again on every answer held apart. */
const symbolsOfText = new Map<string, ReadonlySet<string>>();
const TEXTS_KEPT = 2_000;

/**
 * What the notation of texts (a question's reference answers) says: the terms of its Greek letters by name ("γ" is
 * gamma), of its operators ("Σ" sums) and of its conventional forms ("P(y | x)" a conditional probability). An
 * answer's symbols meeting these are the reference's own notation, not symbols every formula writes.
 */
export function referenceSymbols(texts: readonly string[]): Set<string> {
  const symbols = new Set<string>();
  for (const text of texts) {
    let read = symbolsOfText.get(text);
    if (read === undefined) {
      read = notationTerms(analyzeText(text)).symbols;
      if (symbolsOfText.size >= TEXTS_KEPT) symbolsOfText.clear();
      symbolsOfText.set(text, read);
    }
    for (const term of read) symbols.add(term);
  }
  return symbols;
}

/**
 * The names NumPy and notation give what a model answer says in words ("np.cov", "np.linalg.eigh", "x.var(0)", "cos θ",
 * "lim_{h→0}", "np.maximum(0, x)" for "max of zero and x"), and the Greek letter code spells for a mean: read only
 * where an answer's names are read for the off-topic rule (`notationTerms`), since "var" declares a variable in
 * JavaScript and "vals" may be any values. Not "argmin": the index of a minimum is no minimum a reference names.
 */
const NUMPY_NAMES: ReadonlyMap<string, readonly string[]> = new Map([
  ['cov', ['covariance']],
  ['var', ['variance']],
  ['eig', ['eigenvalues']],
  ['eigh', ['eigenvalues']],
  ['eigvals', ['eigenvalues']],
  ['eigvecs', ['eigenvectors']],
  ['vals', ['values']],
  ['vecs', ['vectors']],
  ['cumsum', ['cumulative']],
  ['mu', ['mean', 'mu']],
  ['exp', ['exponentiate']],
  ['cos', ['cosine']],
  ['lim', ['limit']],
  ['maximum', ['maximum', 'max']],
  ['minimum', ['minimum', 'min']],
  ['resid', ['residuals']],
]);
/** "P(A|B)", "p(y | x)", "p_a_given_b": a probability of one thing given another, which a model answer says in those words. */
const CONDITIONAL = /\b[Pp]\([^()|]+\|[^()]+\)|\b[Pp]_\w+_given_/;
/** "dL/dw", "df_dx": a derivative, in notation or named in code ("df" is then no DataFrame). */
const DERIVATIVE = /\bd[A-Za-z]\w*\s*\/\s*d[A-Za-z]|\bd[A-Za-z]+_d[A-Za-z]+\b/;
const DERIVATIVE_NAME = /^d[A-Za-z]+_d[A-Za-z]+$/;
/** "X ~ N(μ, σ²)": a normal distribution. */
const NORMAL = /\bN\(\s*[μ0]/u;
/** Parts shorter than this are letters and stubs ("X", "np"), no word. */
const MIN_NAME_PART = 3;

/**
 * An acronym's letters ("MSE", "IG", "oob", "mae") are the initials of words the question or the reference writes in a
 * row ("mean squared error", "information gain", "out-of-bag"): an answer in notation names its quantities so.
 */
const ACRONYM = /^(?:[A-Z]{2,4}|[a-z]{3,4})$/;

/** The words read so far; pasted questions and references bring new ones, so it starts again past a bound. */
const stopWords = new Map<string, boolean>();
const STOP_WORDS_KEPT = 10_000;
function isStopWord(word: string): boolean {
  let stop = stopWords.get(word);
  if (stop === undefined) {
    stop = analyzeText(word)[0]?.tokens[0]?.stop ?? true;
    if (stopWords.size >= STOP_WORDS_KEPT) stopWords.clear();
    stopWords.set(word, stop);
  }
  return stop;
}

/** A text writes words with these initials in a row, none of them a function word ("the squared error" is no "tse"). */
function spellsOut(acronym: string, texts: readonly string[]): boolean {
  const run = new RegExp(`(?<!\\p{L})${Array.from(acronym, (letter) => `(${letter}\\p{L}*)`).join('[\\s-]+')}(?!\\p{L})`, 'giu');
  return texts.some((text) => [...text.matchAll(run)].some((match) => !match.slice(1).some((word) => isStopWord(word.toLowerCase()))));
}

/** Two words in a row meet two initials by chance in a long reference ("training problems", "fewer parameters"). */
const TERM_USES = 2;

/**
 * Whether the texts use the words a two-letter acronym spells as a term: written at least twice ("true positives" of a
 * confusion matrix), or next to the acronym itself ("input gate (IG)", "KL (Kullback-Leibler)").
 */
function usesAsTerm(acronym: string, texts: readonly string[]): boolean {
  const words = Array.from(acronym, (letter) => `${letter}\\p{L}*`).join('[\\s-]+');
  const phrase = new RegExp(`(?<!\\p{L})(${words})(?!\\p{L})`, 'giu');
  const uses = texts.flatMap((text) => [...text.matchAll(phrase)].filter((match) => !(match[1] ?? '').split(/[\s-]+/).some((word) => isStopWord(word.toLowerCase()))));
  if (uses.length >= TERM_USES) return true;
  const upper = acronym.toUpperCase();
  const beside = new RegExp(`\\b${upper}\\s*\\(\\s*${words}\\s*\\)|(?<!\\p{L})${words}\\s*\\(\\s*${upper}\\s*\\)`, 'iu');
  return texts.some((text) => beside.test(text));
}

/** A sentence given as notation: a line of code or a formula ("θ ← θ − η∇L(θ)"), not prose about one. */
export const inNotation = (sentence: SentenceInfo): boolean => codeLineOf(sentence)?.kind === 'statement' || statesRelation(sentence);

/** The sentence is read for its names: a line of code, a sentence with a call, an index or an assignment, or a formula. */
const readsNames = (sentence: SentenceInfo): boolean => inNotation(sentence) || HOLDS_CODE.test(sentence.text);

/** A lowercase name code gives its own reading ("err", "grad", "lam", "cov"): a short word, no acronym. */
const readName = (part: string): boolean => CODE_NAMES.has(part) || SHORT_GREEK.has(part) || NUMPY_NAMES.has(part) || isStopWord(part);

/**
 * Whether the acronyms among an answer's names in code and notation spell out words of `texts` (the question and
 * reference): most of them, since two initials meet some pair of a long reference's words by chance ("FP", "file
 * path"), and a comment naming "MSE, TP, FP and IG" names another task's quantities however one of them falls.
 */
export function spellsAcronym(sentences: readonly SentenceInfo[], texts: readonly string[]): boolean {
  const parts = sentences
    .filter(readsNames)
    .flatMap((sentence) => [...sentence.text.matchAll(CODE_NAME)].flatMap(([name]) => namePartsAsWritten(name)))
    // An acronym's plural spells out what the acronym does ("SVMs": support vector machine).
    .map((part) => part.replace(/(?<=^[A-Z]{2,4})s$/, ''))
    .filter((part) => ACRONYM.test(part) && !readName(part));
  const acronyms = new Set(parts.map((part) => part.toLowerCase()));
  const spelled = [...acronyms].filter((acronym) => (acronym.length > 2 ? spellsOut(acronym, texts) : usesAsTerm(acronym, texts))).length;
  // A lowercase part spelling nothing is a short word of code ("abs", "log", "sum"), not an acronym named amiss.
  const capitals = new Set(parts.filter((part) => /^[A-Z]/.test(part)).map((part) => part.toLowerCase())).size;
  return spelled > 0 && 2 * spelled >= Math.max(capitals, spelled);
}

/** What an answer's notation says by convention (`symbols`), and what its names in code spell or abbreviate (`names`). */
export interface NotationTerms {
  readonly symbols: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
  /**
   * The `symbols` only code's "@" says ("matrix", "multiply"): numpy writes every product of arrays so, and code for
   * another task that multiplies arrays said "matrix" on every question about one (its transpose, a singular one).
   */
  readonly productOnly: ReadonlySet<string>;
  /** The `names` read by code's conventions ("err" an error, "grad" a gradient, "lam" λ, `np.exp`): what the code computes. */
  readonly quantities: ReadonlySet<string>;
}

/**
 * The terms of the words an answer's notation symbols stand for, of the words its names in code are made of
 * ("np.linalg.eigh(np.cov(Xc.T))" computes a covariance; "BaggingClassifier" bags), and of its Greek letters by name:
 * what an answer given as code or notation says in words, for the off-topic rule only.
 */
export function notationTerms(sentences: readonly SentenceInfo[]): NotationTerms {
  const symbols = new Set<string>();
  const names = new Set<string>();
  const addTo =
    (terms: Set<string>) =>
    (word: string): void => {
      const term = termOf(word);
      if (term !== '') terms.add(term);
    };
  const add = addTo(symbols);
  const addName = addTo(names);
  const byProduct = new Set<string>();
  const addToProduct = addTo(byProduct);
  const quantities = new Set<string>();
  const addToQuantities = addTo(quantities);
  const addQuantity = (word: string): void => {
    addName(word);
    addToQuantities(word);
  };
  for (const sentence of sentences) {
    const { text } = sentence;
    // What a symbol means by convention only (`@` a matrix product, η a learning rate) holds in a formula or a line of
    // code, not in prose: "precision@k" is a metric, and "η is nice" names nothing.
    const names = readsNames(sentence);
    for (const [symbol] of text.matchAll(NOTATION_SYMBOL)) {
      if (symbol !== '@') for (const word of NOTATION_WORDS.get(symbol) ?? []) add(word);
      else if (names) for (const word of NOTATION_WORDS.get(symbol) ?? []) addToProduct(word);
    }
    for (const { 0: letter, index } of text.matchAll(GREEK_LETTER)) {
      add(GREEK_LETTERS.get(letter) ?? '');
      if (names) for (const word of LETTER_WORDS.get(letter) ?? []) add(word);
      const applied = FUNCTION_LETTERS.get(letter);
      if (names && applied !== undefined && text[index + letter.length] === '(') add(applied);
    }
    if (CONDITIONAL.test(text)) for (const word of ['probability', 'conditional', 'given']) add(word);
    if (DERIVATIVE.test(text)) add('derivative');
    if (NORMAL.test(text)) for (const word of ['normal', 'distribution']) add(word);
    if (!names) continue;
    for (const [name] of text.matchAll(CODE_NAME)) {
      if (DERIVATIVE_NAME.test(name)) continue;
      for (const word of nameParts(name)) {
        const named = CODE_NAMES.get(word) ?? SHORT_GREEK.get(word);
        const words = named === undefined ? NUMPY_NAMES.get(word) : [named];
        if (words !== undefined) for (const each of words) addQuantity(each);
        else if (word.length >= MIN_NAME_PART) addName(word);
      }
    }
  }
  const productOnly = new Set([...byProduct].filter((term) => !symbols.has(term)));
  for (const term of byProduct) symbols.add(term);
  return { symbols, names, productOnly, quantities };
}
