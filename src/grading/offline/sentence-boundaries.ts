/*
 * wink-nlp ends a sentence at most full stops that its model does not know as part of a token, and in
 * technical text that cuts sentences in two: inside dotted names ("np." | "mean", "model." | "eval()",
 * ".copy()", "requirements.txt", "C4.5") and after abbreviations it does not know ("Fig." | "3", "et al." |
 * "2014)"). Half a reference sentence then becomes a key point of its own and the other half a fragment,
 * and an answer sentence is aligned and quoted in halves. `continuesSentence` tells which of wink's breaks
 * are false, for references and answers alike (`analyzeText` joins the two sides).
 *
 * It also misses real ends: a full stop wink reads as part of the word before it, taking the word for an
 * initial or an abbreviation ("x." in "outputs F(x) + x. Because…", "a." in "Set it to a. Then…", "in." for
 * inches, "K." in "optimal K. As K grows…"), and an ellipsis before a capital. `endsSentenceAfter` tells which of
 * those end a sentence, so `analyzeText` splits wink's sentence there.
 */

/** Abbreviations that qualify what follows them: never the end of a sentence. */
const LEADING_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'e.g', 'i.e', 'eg', 'ie', 'vs', 'cf', 'viz', 'fig', 'figs', 'eq', 'eqs', 'approx', 'incl', 'esp', 'resp',
]);
/** Titles before a name, capitalised as titles are: "ms" in lower case is milliseconds ("It takes 40 ms. Then…"). */
const TITLES: ReadonlySet<string> = new Set(['Dr', 'Mr', 'Mrs', 'Ms', 'Prof']);

function qualifiesWhatFollows(word: string): boolean {
  return LEADING_ABBREVIATIONS.has(word.toLowerCase()) || TITLES.has(word);
}

/**
 * Abbreviations that may close a sentence ("…, memory, files, etc. Also…") or stand before what they
 * count ("No. 5", "Sec. 3"): the sentence goes on only when what follows cannot open one.
 */
const TRAILING_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'etc', 'al', 'no', 'nos', 'p', 'pp', 'sec', 'ch', 'vol', 'ex', 'inc', 'ltd', 'co', 'ca', 'obj', 'objs',
]);

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;
/** What only goes on from something before it: a comma, a semicolon, a colon, a closing bracket. */
const CLOSING = /[,;:)\]]/;
/** A list item's number typed inline ("1. non-constant pointer… 2. …"): it numbers what follows. */
const ENUMERATOR = /^\(?\d{1,2}[.)]$/;
/** A list's first number after a colon ("Types: 1."), or a later number ("… pointer 2."), ending a piece. */
const INLINE_ENUMERATOR = /(?:(:\s*)|\s)\(?(\d{1,2})\.$/;
/** What restates or illustrates the sentence before it, written in lower case: never a sentence of its own. */
const RESTATEMENT = /^(?:i\.?e|e\.?g)\./;
/** What does not open a sentence after an abbreviation: a lower-case word, a number. */
const CONTINUATION = /[\p{Ll}\p{N}]/u;
const ABBREVIATION_BEFORE_STOP = /(?:^|[^\p{L}.])((?:\p{L}\.)*\p{L}+)\.$/u;

/**
 * How far back a full stop is looked at for the bracket it sits in: an aside is short, and a bound keeps a long
 * run of joined sentences from being scanned again at each of its ends.
 */
const MAX_ASIDE_CHARS = 200;

/** Whether a round bracket opened in `text` between `from` and `end` is still open at `end`. */
function insideBracket(text: string, from: number, end: number): boolean {
  let closed = 0;
  for (let i = end - 1; i >= Math.max(from, end - MAX_ASIDE_CHARS); i -= 1) {
    const code = text.charCodeAt(i);
    if (code === 41) closed += 1;
    else if (code === 40) {
      if (closed === 0) return true;
      closed -= 1;
    }
  }
  return false;
}

/**
 * Whether the sentence wink starts at `start` of `text` goes on from the one that runs from `sentenceStart`
 * to `end` (exclusive; `end <= start`). It does when it opens with a comma, semicolon, colon or closing bracket, or when
 * the break is after a full stop and either nothing separates the stop from a word (a dotted name is never
 * two sentences), or the stop numbers a list item ("2."), or closes an abbreviation that never ends a
 * sentence, or what follows cannot open a sentence (a lower-case word, a number) and the stop ends an
 * abbreviation that may, or sits inside an open bracket. After a full stop, a lower-case "i.e." or "e.g." goes on
 * from the sentence it restates, and a number inside a sentence numbers a list item typed inline when it is the
 * list's first after a colon ("Types: 1." | "constant pointer…") or the one before it is in the same sentence
 * ("…pointer 2." | "non-constant…"). A lower-case opening alone is no evidence: people
 * type whole answers in lower case.
 */
export function continuesSentence(text: string, sentenceStart: number, end: number, start: number): boolean {
  if (start >= text.length) return false;
  const next = text.charAt(start);
  if (CLOSING.test(next)) return true;
  if (text.charCodeAt(end - 1) !== 46) return false;
  if (start === end) return WORD_CHARACTER.test(next);
  if (end - sentenceStart <= 4 && ENUMERATOR.test(text.slice(sentenceStart, end))) return true;
  if (RESTATEMENT.test(text.slice(start, start + 4))) return true;
  if (WORD_CHARACTER.test(next) && numbersInlineItem(text, sentenceStart, end, start)) return true;
  // Only the last few characters can hold the abbreviation: spares the pattern a long sentence.
  const word = ABBREVIATION_BEFORE_STOP.exec(text.slice(Math.max(sentenceStart, end - 12), end))?.[1];
  if (word !== undefined && qualifiesWhatFollows(word)) return true;
  if (!CONTINUATION.test(next)) return false;
  return (word !== undefined && TRAILING_ABBREVIATIONS.has(word.toLowerCase())) || insideBracket(text, sentenceStart, end);
}

/** How far ahead a list's first number looks for its second ("Types: 1. … 2. …"). */
const LIST_REACH = 300;
const SECOND_ITEM = /(?:^|\s)\(?2[.)]\s/;

/**
 * Whether the piece `sentenceStart`..`end`, which ends "n.", numbers an inline list's item n (see continuesSentence).
 * After a colon, "1." is a value as often as a list's first number ("Precision: 1. Recall is lower."): it numbers
 * a list only when the list goes on in lower case or a "2." follows.
 */
function numbersInlineItem(text: string, sentenceStart: number, end: number, start: number): boolean {
  const code = text.charCodeAt(end - 2);
  if (code < 48 || code > 57) return false;
  const match = INLINE_ENUMERATOR.exec(text.slice(Math.max(sentenceStart, end - 8), end));
  if (!match) return false;
  const count = Number(match[2]);
  if (match[1] !== undefined) return count === 1 && (LOWER_CASE_START.test(text.charAt(start)) || SECOND_ITEM.test(text.slice(start, start + LIST_REACH)));
  if (count < 2) return false;
  const before = text.slice(sentenceStart, end - match[0].length + 1);
  return before.includes(`${count - 1}. `) || before.includes(`${count - 1}) `);
}

/** A word wink read with its full stop ("x.", "in.", "U.S."), or an ellipsis. */
const KEPT_STOP = /^(?:\p{L}[\p{L}\p{M}.]*\.|\.{3,}|…)$/u;
const LOWER_CASE_START = /^\p{Ll}/u;
const UPPER_CASE_START = /^\p{Lu}/u;

/**
 * Whether wink's token `token`, a word it read with its full stop or an ellipsis, ends the sentence before the
 * token `next` (tagged `nextTag`, after a space). Only a capitalised word opens the next sentence. An abbreviation
 * that never ends a sentence ("e.g.", "vs.", "Dr.") goes on. A lower-case word never stands for a name: its stop
 * ends the sentence ("…and outputs F(x) + x. Because…", "…leaks in. Train…"). A capital letter is a name's initial
 * when a name follows ("J. Smith", "A. Ng", "Andrew Y. Ng"), so the stop after it, or after a capitalised word or
 * an ellipsis, ends the sentence only when what follows is not a proper noun ("optimal K. As K grows…").
 */
export function endsSentenceAfter(token: string, next: string, nextTag: string): boolean {
  if (!UPPER_CASE_START.test(next) || !KEPT_STOP.test(token)) return false;
  const word = token.replace(/\.+$/, '');
  if (qualifiesWhatFollows(word)) return false;
  return LOWER_CASE_START.test(word) || nextTag !== 'PROPN';
}
