import type { Correction } from '../../contracts/feedback-schema.js';
import { isNegation } from './clauses.js';
import { readMisconceptionBank, topicsNamedIn, type Misconception } from './misconception-bank.js';
import { readAnswer } from './answer-text.js';
import { perSentence, type SentenceInfo, type TokenInfo } from './nlp.js';
import { labelColons, shorten } from './terms.js';

/*
 * Reading an answer for a misconception of the bank (misconception-bank.ts): a sentence asserts one when the words of
 * one of its patterns occur in it, slot after slot in order within MATCH_SPAN tokens, and nothing in the claim's
 * clause (`clauseStart`: not one set against it before the match, "People say…, but…") makes the claim someone else's,
 * a condition, a contrast or a denial. Precision comes first: a correct answer
 * marked wrong is worse than a wrong one missed, so every sentence that only names the error ("A common mistake is
 * to merge…", "Don't merge…", "If you merge…, you leak") is passed over, and the bank's test checks each entry on
 * correct sentences in its own words and on every model answer of the corpus.
 */

/** Tokens from the first slot's first word to the last slot's last word, at most. */
const MATCH_SPAN = 25;
/**
 * A match does not run past these: what follows is another clause's claim, often the correction itself ("a random
 * classifier lies on the diagonal (AUC 0.5); a perfect one reaches the corner").
 */
const SPAN_BREAK_WORDS: ReadonlySet<string> = new Set(['but', 'while', 'whereas', 'although', 'though', 'however']);
/** Punctuation comes in runs ("0.5);" is one token after "0.5"). */
const SPAN_BREAK_MARKS = /[;()—–]/;
/** A comma before these opens a coordinate clause: "AUC 0.5 is chance, and 1.0 is perfect". */
const COORDINATING: ReadonlySet<string> = new Set(['and', 'or', 'so', 'then', 'yet']);
/** The empty brackets of a call ("compile()"): part of a name, not an aside. */
const emptyBrackets = (tokens: readonly TokenInfo[], at: number): boolean =>
  (tokens[at]?.text === '(' && tokens[at + 1]?.text === ')') || (tokens[at]?.text === ')' && tokens[at - 1]?.text === '(');
const breaksSpan = (tokens: readonly TokenInfo[], at: number): boolean => {
  const token = tokens[at] as TokenInfo;
  if (emptyBrackets(tokens, at)) return false;
  return SPAN_BREAK_WORDS.has(token.normal) || SPAN_BREAK_MARKS.test(token.text) || (token.text === ',' && COORDINATING.has(tokens[at + 1]?.normal ?? ''));
};

/** Each token's offset in its sentence's text, -1 where it is not found verbatim. */
const offsetsOf = perSentence((sentence: SentenceInfo): readonly number[] => {
  const offsets: number[] = [];
  let cursor = 0;
  for (const token of sentence.tokens) {
    const at = sentence.text.indexOf(token.text, cursor);
    offsets.push(at);
    if (at >= 0) cursor = at + token.text.length;
  }
  return offsets;
});

/**
 * The closing bracket of each call written against its name whose arguments set no option ("np.arange(0, 5)", not
 * "fig.tight_layout(pad=0)"), by its opening one's index: an adjacent slot may follow the arguments as it would the
 * name ("np.arange(0, 5) includes the stop"). Elsewhere a call's brackets end a match as an aside's do: the arguments
 * of a call often make the claim true ("arr.transpose(1, 0, 2) swaps the first two axes"), and a pattern reads on
 * past them only through the adjacent slot that names the call. Read only for a sentence whose search meets one.
 */
const callsOf = perSentence((sentence: SentenceInfo): ReadonlyMap<number, number> => {
  const { tokens } = sentence;
  const offsets = offsetsOf(sentence);
  const closing = new Map<number, number>();
  for (let open = 1; open < tokens.length; open += 1) {
    const before = tokens[open - 1] as TokenInfo;
    const start = offsets[open] as number;
    if (tokens[open]?.text !== '(' || start < 0 || start !== (offsets[open - 1] as number) + before.text.length || !/\w$/.test(before.text)) continue;
    let depth = 0;
    for (let at = open; at < tokens.length; at += 1) {
      const text = (tokens[at] as TokenInfo).text;
      if (text.includes('=')) break;
      // Punctuation comes in runs ("f(x));"): a run's brackets are counted, and only a bracket closes the call.
      if (/^\W+$/.test(text)) for (const mark of text) depth += mark === '(' ? 1 : mark === ')' ? -1 : 0;
      if (depth > 0) continue;
      if (text === ')') closing.set(open, at);
      break;
    }
  }
  return closing;
});

/**
 * Words that make a claim someone else's, or name it as an error: the sentence reports the claim, it does not make it.
 * Not the terms that only share their words: a false positive, a confusion matrix, the mistakes a model corrects
 * ("each tree fixes the mistakes of the last one").
 */
const ATTRIBUTED =
  /\b(?:(?<!\b(?:i|we)\s+(?:do\s+|really\s+|still\s+)?)(?:think\w*|believ\w*)|thought|myths?|misconceptions?|(?<!\b(?:fix\w*|correct\w*|learn\w*\s+from)\s+(?:the\s+|its\s+|their\s+|previous\s+|prior\s+|earlier\s+|last\s+)*)mistak\w*|wrong\w*|incorrect\w*|untrue|fallac\w*|confus(?!ion\s+matri)\w*|misunderst\w*|pitfalls?|traps?|avoid\w*|careful|beware|tempt\w*|naive(?!\s+bayes)\w*|people|beginners|claims?|claimed|interviewees|(?:some|many|others|candidates|they)\s+say|saying\s+that|(?:you|you'll|we|one|interviewers)\s+(?:often\s+|sometimes\s+|will\s+)?hear|said\s+nobody|(?:often|sometimes|commonly|is|it's)\s+(?:said|claimed|heard)|hear\s+that|backwards|nonsense|bad\s+practice|belief|folklore|contrary\s+to|(?:may|might)\s+seem|(?:i|we)\s+used\s+to|(?:tutorials|articles|books|blogs)\s+say|(?:many|people|some|you'd|you\s+would)\s+expect|told\s+me|insist\w*|(?:you|one)\s+might\s+say|(?:i|we)\s+(?:once\s+|first\s+|initially\s+)?said|first\s+instinct|said\s+no\s*one)\b/i;
/** A claim stated and then rejected in the same sentence: "Lambdas are faster, which is not the case." */
const REJECTED =
  /\b(?:(?:is|was|are)\s+(?:not|n't)|isn't|aren't|wasn't)\s+(?:the\s+case|true|right|correct|so)\b|\bnot\s+(?:true|the\s+case)\b|\b(?:does|do)(?:\s+not|n't)\s+hold\b|\bthe\s+opposite\b|\bother\s+way\s+round\b|\bnot\s+quite\b|\bjust\s+kidding\b|\bno\s+wait\b/i;
/** A sentence that opens by taking back the one before: "Not quite: it's the opposite…", "That's exactly backwards." */
const TAKES_BACK =
  /^\W*(?:no\b|not\s+quite|not\s+really|wrong\b|that(?:'s|\s+is)\s+(?:exactly\s+|just\s+)?(?:backwards|wrong|not\s+(?:right|true|it))|it's\s+(?:actually\s+)?the\s+(?:opposite|other\s+way)|actually\b|just\s+kidding|it\s+does(?:\s+not|n't)\b|it\s+is(?:\s+not|n't)\b|i\s+showed\b)/i;
/**
 * Phrases with which a speaker hedges their own claim ("if I'm not mistaken", "if I remember correctly"): the claim is
 * still theirs, so neither their "if" nor their "mistaken" makes it a condition or an error.
 */
const OWN_HEDGES: readonly (readonly string[])[] = [
  ['if', 'i', 'am', 'not', 'mistaken'],
  ['if', "i'm", 'not', 'mistaken'],
  ['if', 'i', 'remember', 'correctly'],
  ['if', 'i', 'remember', 'right'],
  ['if', 'i', 'recall', 'correctly'],
  ['if', 'i', 'remember'],
  ['if', 'i', 'recall'],
  ['as', 'far', 'as', 'i', 'know'],
  ['as', 'far', 'as', 'i', 'remember'],
];
/** The token indices of the sentence's own hedges, and its text from token `from` on without them. */
function ownHedges(sentence: SentenceInfo, from: number): { indices: ReadonlySet<number>; text: string } {
  const indices = new Set<number>();
  let text = textFrom(sentence, from);
  const { tokens } = sentence;
  for (let start = 0; start < tokens.length; start += 1) {
    const hedge = OWN_HEDGES.find((words) => words.every((word, offset) => tokens[start + offset]?.normal === word));
    if (!hedge) continue;
    for (let offset = 0; offset < hedge.length; offset += 1) indices.add(start + offset);
    if (start < from) continue;
    const first = tokens[start] as TokenInfo;
    const last = tokens[start + hedge.length - 1] as TokenInfo;
    text = text.replace(new RegExp(`${escapeRegExp(first.text)}[^.?!]*?${escapeRegExp(last.text)}`, 'i'), ' ');
  }
  return { indices, text };
}
/** The sentence's text from token `from` on (all of it when the token's place is not known). */
function textFrom(sentence: SentenceInfo, from: number): string {
  const offset = from > 0 ? (offsetsOf(sentence)[from] ?? -1) : 0;
  return offset > 0 ? sentence.text.slice(offset) : sentence.text;
}
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "false" as a verdict, in lower case: not a false positive, nor Python's False (`keep=False`). */
const CALLED_FALSE = /\bfalse\b(?!\s+(?:positives?|negatives?|alarms?|discover\w*))/;
/** Words that set the claim against another: "use the validation set instead of the test set". */
const CONTRASTING: ReadonlySet<string> = new Set(['instead', 'rather', 'unlike', 'versus', 'vs', 'vs.', 'opposed']);
/**
 * "to avoid" with its object, a purpose ("scale the features to avoid slow convergence"): it names what it avoids, not
 * the claim, unless the claim is what it avoids or "it", "this" or "that" points back to it.
 */
const PURPOSE = /\b(?:in\s+order\s+|so\s+as\s+)?to\s+avoid\s+(?!(?:it|this|that|them|these|those|doing|such)\b)[^,;:.!?]*/gi;
/** Words opening a condition or a supposition, read before the end of the match. */
const CONDITIONS: ReadonlySet<string> = new Set(['if', 'unless', 'whether', 'suppose', 'supposing', 'assume', 'assuming', 'imagine']);
/** Words of a condition that holds the claim to a case wherever they stand: "…cannot be reproduced unless you fix the seed". */
const QUALIFYING: ReadonlySet<string> = new Set(['if', 'unless', 'provided', 'except']);
/** "only when", "only if": the claim holds in that case alone. */
const qualifiesAt = (tokens: readonly TokenInfo[], index: number): boolean =>
  (QUALIFYING.has(tokens[index]?.normal ?? '') && !namesKeyword(tokens, index)) ||
  (tokens[index]?.normal === 'only' && ONLY_IN_CASE.has(tokens[index + 1]?.normal ?? ''));
/** Words after "only" that hold a claim to a case. */
const ONLY_IN_CASE: ReadonlySet<string> = new Set(['when', 'if', 'in']);
/** Words after which "if" asks whether ("check if a value is missing"). */
const ASKING: ReadonlySet<string> = new Set(['check', 'see', 'test', 'determine', 'know', 'ask', 'decide']);
/** Words around "if" or "except" that make it Python's keyword ("an if/elif chain", "a bare except clause"). */
const KEYWORD_NEIGHBOURS: ReadonlySet<string> = new Set(['/', 'elif', 'else', 'condition', 'statement', 'statements', 'block', 'blocks', 'clause', 'clauses', 'chain', 'branch', 'keyword']);
function namesKeyword(tokens: readonly TokenInfo[], index: number): boolean {
  const before = tokens[index - 1];
  const after = tokens[index + 1];
  return (
    (tokens[index]?.normal === 'if' && before !== undefined && ASKING.has(before.lemma)) ||
    (after !== undefined && KEYWORD_NEIGHBOURS.has(after.normal)) ||
    (before !== undefined && (before.normal === '/' || before.normal === 'bare'))
  );
}
/** Quotation marks: a quoted claim is shown, not made. Apostrophes are left out: they are mostly contractions. */
const QUOTATION = /["“”]/;

type Numbers = Uint16Array | Uint32Array;
const NO_NUMBERS: Numbers = new Uint16Array(0);

/**
 * The whole numbers of one entry's wordings (`Wordings`), end to end in one typed array, filled while its patterns
 * compile: each typed array costs some 200 bytes of its own, and the bank has 9,000 slots. The smaller kind of array
 * that holds them all: word ids and the offsets within a slot are mostly below 65,536.
 */
class Pool {
  numbers: Numbers = NO_NUMBERS;
  private values: number[] = [];

  /** Where `section` starts in the pool. */
  add(section: readonly number[]): number {
    const at = this.values.length;
    for (const value of section) this.values.push(value);
    return at;
  }

  seal(): void {
    const { values } = this;
    this.numbers = values.every((value) => value <= 0xffff) ? Uint16Array.from(values) : Uint32Array.from(values);
    this.values = [];
  }
}

/**
 * A slot's wordings of two words or more, in runs by their first word, each run sorted by second word, as sections of
 * its entry's pool. The words are ids in the bank's dictionary (`wordOf`); those of every wording but its first are laid
 * end to end from `words`: wording `w` spans `starts[w]` up to `starts[w + 1]` (offsets from `words`), and run `r`, of
 * the wordings that open with `firsts[r]`, spans wordings `runs[r]` up to `runs[r + 1]`. Ids in typed arrays rather
 * than arrays of strings and a map per slot: the bank's patterns spell out some 180,000 wordings of 750,000 words, and
 * a plain array's element takes 8 bytes where an id takes 2.
 */
interface Wordings {
  readonly pool: Pool;
  /** Where the first words start, ascending for a binary search. */
  readonly firsts: number;
  /** How many first words; their runs follow them, one more: the last is where the last run ends. */
  readonly count: number;
  /** Where the wordings' starts are, one more than the wordings: the last is where the last wording ends. */
  readonly starts: number;
  readonly words: number;
}

/**
 * A slot's wordings by their first word, each bucket sorted by second word and then longest first: a slot may list
 * thousands of wordings that share their opening ("ridge can set…", "ridge will set…"), and a token looks up only
 * those that open with it and the next token (a binary search: arrays keep a large bank small).
 */
interface Slot {
  /** Written with a leading "+": the slot starts where the one before it ends, with no word between. */
  readonly adjacent: boolean;
  /** Every wording's first word, for a first look at a sentence (`mayMatch`). */
  readonly firsts: ReadonlySet<string>;
  /**
   * The same words' ids (`idOf`), at `firstIds[idsFrom]` up to `idsTo`: what `mayMatch` and `startsOf` walk; those that
   * are a wording by themselves are flagged beside them (`singleFirsts`).
   */
  readonly idsFrom: number;
  readonly idsTo: number;
  /** Longer wordings, by their first word. */
  readonly longer: Wordings;
  /**
   * The wordings of the "!" slots written before it: none may start between the slot before it and this one (before the
   * first slot: anywhere in the sentence before the match).
   */
  readonly notBefore: Slot | undefined;
  /** On a pattern's last slot, the wordings of the "!" slots written after it: none may start after the match. */
  readonly notAfter: Slot | undefined;
  /** A wording of the slot is ".", the end of the claim: also found where its clause ends (`clauseEndAt`). */
  readonly endsClaim: boolean;
}

/** A compound's parts joined by hyphens, in any of a pattern's spellings ("zero-centred", "zero - centred"). */
const COMPOUND = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;
const LETTERS = /[a-z]/;

/**
 * A wording's spellings: a hyphenated compound, written "zero-centred" or as the tokenizer splits it, "zero - centred",
 * is found either way, since the tokenizer keeps some compounds whole ("mini-batch") and splits others ("one - hot");
 * and, when its parts are words, spaced as candidates often write it ("zero centred", "one hot").
 */
function spellings(wording: string): string[][] {
  const split: string[] = [];
  for (const word of wording.toLowerCase().split(/\s+/)) {
    if (word === '') continue;
    if (COMPOUND.test(word)) split.push(...word.split(/(-)/));
    else split.push(word);
  }
  let variants: string[][] = [[]];
  for (let at = 0; at < split.length; ) {
    // A compound: parts joined by "-".
    let end = at + 1;
    while (split[end] === '-' && split[end + 1] !== undefined && /^[a-z0-9]+$/.test(split[end + 1] as string) && /^[a-z0-9]+$/.test(split[end - 1] as string)) end += 2;
    const run = split.slice(at, end);
    const parts = run.filter((word) => word !== '-');
    const ways = parts.length < 2 ? [run] : [[parts.join('-')], run, ...(parts.every((part) => LETTERS.test(part)) ? [parts] : [])];
    variants = variants.flatMap((variant) => ways.map((way) => [...variant, ...way]));
    at = end;
  }
  return variants.map((variant) => variant.map(intern));
}

/** Wordings grouped by their first word, laid out as `Wordings` in `pool`. */
function laidFlat(byFirst: ReadonlyMap<string, string[][]>, pool: Pool): Wordings {
  const bySecond = (a: readonly number[], b: readonly number[]) => (a[0] as number) - (b[0] as number);
  const firsts = [...byFirst.keys()].map(idOf).sort((a, b) => a - b);
  const runs: number[] = [];
  const starts: number[] = [];
  const words: number[] = [];
  for (const first of firsts) {
    runs.push(starts.length);
    const rests = (byFirst.get(wordOf(first)) ?? []).map((wording) => wording.slice(1).map(idOf));
    for (const rest of rests.sort(bySecond)) {
      starts.push(words.length);
      words.push(...rest);
    }
  }
  runs.push(starts.length);
  starts.push(words.length);
  const at = pool.add(firsts);
  pool.add(runs);
  return { pool, firsts: at, count: firsts.length, starts: pool.add(starts), words: pool.add(words) };
}

function compileSlot(written: string, pool: Pool, notBefore?: Slot): Slot {
  const adjacent = written.startsWith('+');
  const slot = adjacent ? written.slice(1) : written;
  const firsts = new Set<string>();
  const singles = new Set<string>();
  const longer = new Map<string, string[][]>();
  const seen = new Set<string>();
  for (const wording of slot.split('|').flatMap(spellings)) {
    const [first] = wording;
    const key = wording.join(' ');
    if (first === undefined || seen.has(key)) continue;
    seen.add(key);
    firsts.add(first);
    if (wording.length === 1) {
      singles.add(first);
      continue;
    }
    const known = longer.get(first);
    if (known) known.push(wording);
    else longer.set(first, [wording]);
  }
  const idsFrom = pooled;
  for (const first of firsts) poolId(idOf(first), singles.has(first));
  return { adjacent, firsts, idsFrom, idsTo: pooled, longer: laidFlat(longer, pool), notBefore, notAfter: undefined, endsClaim: singles.has('.') };
}

/**
 * A pattern's slots as the search reads them: a slot written "!…" holds wordings that must not occur there, so it is
 * kept on the slot after it (`notBefore`) or, at the end, on the last slot (`notAfter`).
 */
function compilePattern(written: readonly string[], pool: Pool): Slot[] {
  const slots: Slot[] = [];
  let excluded: string[] = [];
  for (const slot of written) {
    if (slot.startsWith('!')) {
      excluded.push(slot.slice(1));
      continue;
    }
    slots.push(compileSlot(slot, pool, excluded.length > 0 ? compileSlot(excluded.join('|'), pool) : undefined));
    excluded = [];
  }
  const last = slots.at(-1);
  if (last && excluded.length > 0) slots[slots.length - 1] = { ...last, notAfter: compileSlot(excluded.join('|'), pool) };
  return slots;
}

/** What the grader keeps of an entry: what the card says of it. */
export type MisconceptionNote = Pick<Misconception, 'id' | 'claim' | 'correction'>;

export interface CompiledMisconception {
  readonly entry: MisconceptionNote;
  readonly topics: readonly (readonly string[])[];
  /**
   * Compiled when a question the entry applies to is first read (`misconceptionsFor`): most entries apply to few
   * questions, and a bank's patterns run to megabytes.
   */
  readonly patterns: () => readonly (readonly Slot[])[];
}

/**
 * The bank's dictionary: one string per distinct word, by its id. The bank's patterns spell out thousands of wordings
 * of a few thousand words, and each split would otherwise keep its own copy of every word.
 */
const ids = new Map<string, number>();
const dictionary: string[] = [];
const idOf = (word: string): number => {
  const known = ids.get(word);
  if (known !== undefined) return known;
  ids.set(word, dictionary.length);
  dictionary.push(word);
  return dictionary.length - 1;
};
const wordOf = (id: number): string => dictionary[id] as string;
const intern = (word: string): string => wordOf(idOf(word));

/**
 * The ids of every slot's first words, one pool for the bank (`Slot.idsFrom`): an array per slot would cost more in
 * its header than in its ids (a slot opens with four words at the median).
 */
let firstIds = new Int32Array(4096);
/**
 * Beside each, 1 if the word is a wording of its slot by itself: looked up by id where the search asks it, at every
 * token that opens the slot, as the string set of a slot's one-word wordings was (a hundredth of a long answer's
 * grading).
 */
let singleFirsts = new Uint8Array(4096);
let pooled = 0;
function poolId(id: number, single: boolean): void {
  if (pooled === firstIds.length) {
    const grown = new Int32Array(firstIds.length * 2);
    grown.set(firstIds);
    firstIds = grown;
    const flags = new Uint8Array(grown.length);
    flags.set(singleFirsts);
    singleFirsts = flags;
  }
  firstIds[pooled] = id;
  singleFirsts[pooled] = single ? 1 : 0;
  pooled += 1;
}

const words = (phrase: string): string[] =>
  phrase
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .map(intern);

export function compileMisconception({ id, claim, correction, topic, says }: Misconception): CompiledMisconception {
  // The patterns' text is kept only until they are compiled.
  let source: readonly (readonly string[])[] | undefined = says;
  let patterns: (readonly Slot[])[] | undefined;
  return {
    entry: { id, claim, correction },
    topics: topic.map(words),
    patterns: () => {
      if (patterns === undefined) {
        const pool = new Pool();
        patterns = (source ?? []).map((written) => compilePattern(written, pool));
        pool.seal();
        source = undefined;
      }
      return patterns;
    },
  };
}

/**
 * Comparatives and superlatives whose lemma is another word: "better" is not "good" ("X is better than Y" does not say
 * X is good), so a pattern's "good" does not match it, and its own "better" still does.
 */
const COMPARED: ReadonlySet<string> = new Set(['better', 'best', 'worse', 'worst']);
const NO_FORMS: readonly string[] = [];

/**
 * Forms the tokenizer misses: a capitalised plural opening a sentence is read as a proper noun, its lemma the plural
 * ("Points far from…": also "point"), and a letter at a sentence's end keeps its full stop ("…the best k.": also "k").
 */
function missedForms(token: TokenInfo): readonly string[] {
  const { normal } = token;
  // Asked of every token of every sentence read: the cheap tests first.
  if (normal.length === 2 && normal.endsWith('.')) return /^[a-z]/.test(normal) ? [normal.charAt(0)] : NO_FORMS;
  if (token.pos !== 'PROPN' || normal.length < 4 || !normal.endsWith('s') || token.lemma !== normal || !/^[A-Z]/.test(token.text) || /[su]s$/.test(normal)) return NO_FORMS;
  if (normal.endsWith('ies')) return [`${normal.slice(0, -3)}y`];
  return normal.endsWith('es') ? [normal.slice(0, -1), normal.slice(0, -2)] : [normal.slice(0, -1)];
}

/**
 * What a label's colon says: "view: independent data, safe to modify" says the view is independent, as "a view is
 * independent data" does, and a row of labels that swaps two things' attributes states the same wrong claims.
 */
const LABEL_COPULA: readonly string[] = [':', 'is', 'are', 'be'];

/** Each token's forms a word of a pattern is compared with (normal form, lemma, text, missed forms), each once; read once per sentence. */
const formsOf = perSentence((sentence: SentenceInfo): readonly (readonly string[])[] => {
  const colons = new Set(labelColons(sentence).map(({ colon }) => colon));
  return sentence.tokens.map((token, index) => {
    if (colons.has(index)) return LABEL_COPULA;
    const forms = [token.normal];
    const lower = token.text.toLowerCase();
    if (token.lemma !== token.normal && !COMPARED.has(token.normal)) forms.push(token.lemma);
    if (!forms.includes(lower)) forms.push(lower);
    for (const form of missedForms(token)) if (!forms.includes(form)) forms.push(form);
    return forms;
  });
});

/** Whether one of the forms of token `at` of the sentence being searched (`markSentence`) is word `id`. */
function hasForm(at: number, id: number): boolean {
  const end = formStarts[at + 1] as number;
  for (let form = formStarts[at] as number; form < end; form += 1) if (formIds[form] === id) return true;
  return false;
}

/** The words of the pool from `from` to before `to` follow from token `at` on (of `count` tokens). */
function followsAt(count: number, at: number, numbers: Numbers, from: number, to: number): boolean {
  for (let offset = 0; from + offset < to; offset += 1) {
    if (at + offset >= count || !hasForm(at + offset, numbers[from + offset] as number)) return false;
  }
  return true;
}

/** The run of the wordings that open with word `first`, or -1. */
function runOpenedBy(numbers: Numbers, { firsts, count }: Wordings, first: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((numbers[firsts + middle] as number) < first) low = middle + 1;
    else high = middle;
  }
  return low < count && numbers[firsts + low] === first ? low : -1;
}

/** The first wording from `low` to before `high` (a run, sorted by second word) whose second word is `second`, or `high`. */
function firstWithSecond(numbers: Numbers, { starts, words }: Wordings, low: number, high: number, second: number): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((numbers[words + (numbers[starts + middle] as number)] as number) < second) low = middle + 1;
    else high = middle;
  }
  return low;
}

const NO_LENGTHS: readonly number[] = [];

/**
 * Whether one of the forms of token `at` opens a wording of the slot: asked of every token a slot may start at, for
 * every pattern searched, so by id (`markSentence`) against the slot's first words' ids rather than by string.
 */
function opensAt(at: number, { idsFrom, idsTo }: Slot): boolean {
  const end = formStarts[at + 1] as number;
  for (let form = formStarts[at] as number; form < end; form += 1) {
    const id = formIds[form] as number;
    if (id < 0) continue;
    for (let first = idsFrom; first < idsTo; first += 1) if (firstIds[first] === id) return true;
  }
  return false;
}

/** Whether word `id` is a wording of the slot by itself. */
function isSingle({ idsFrom, idsTo }: Slot, id: number): boolean {
  for (let first = idsFrom; first < idsTo; first += 1) if (firstIds[first] === id) return singleFirsts[first] === 1;
  return false;
}

/**
 * The lengths of the wordings of `slot` that start at token `at` of the sentence being searched (`markSentence`, of
 * `count` tokens), longest first; none: empty.
 */
function slotLengths(count: number, at: number, slot: Slot): readonly number[] {
  // Most tokens open no wording of the slot: no allocation for them.
  return at < count && opensAt(at, slot) ? openedLengths(count, at, slot) : NO_LENGTHS;
}

/** `slotLengths` at a token known to open a wording of the slot. */
function openedLengths(count: number, at: number, slot: Slot): readonly number[] {
  // An array, not a set: a slot's wordings found at one token have one or two lengths.
  const lengths: number[] = [];
  const hasNext = at + 1 < count;
  const from = formStarts[at] as number;
  for (let form = from; form < (formStarts[at + 1] as number); form += 1) {
    const first = formIds[form] as number;
    // Every word of a slot's wordings has an id: a form without one is none of them.
    if (first < 0) continue;
    if (isSingle(slot, first) && !lengths.includes(1)) lengths.push(1);
    if (!hasNext) continue;
    const { longer } = slot;
    const { numbers } = longer.pool;
    const run = runOpenedBy(numbers, longer, first);
    if (run < 0) continue;
    const runs = longer.firsts + longer.count;
    const runStart = numbers[runs + run] as number;
    const runEnd = numbers[runs + run + 1] as number;
    for (let following = formStarts[at + 1] as number; following < (formStarts[at + 2] as number); following += 1) {
      // A word the bank never spells follows no wording.
      const second = formIds[following] as number;
      if (second < 0) continue;
      for (let index = firstWithSecond(numbers, longer, runStart, runEnd, second); index < runEnd; index += 1) {
        const start = longer.words + (numbers[longer.starts + index] as number);
        const end = longer.words + (numbers[longer.starts + index + 1] as number);
        if (numbers[start] !== second) break;
        // With its first word, which the run leaves out.
        const length = end - start + 1;
        if (!lengths.includes(length) && followsAt(count, at + 2, numbers, start + 1, end)) lengths.push(length);
      }
    }
  }
  return lengths.length < 2 ? lengths : lengths.sort((a, b) => b - a);
}

/**
 * Every form of every word of the sentence, with the tokens that have it, in order: a pattern one of whose slots opens
 * with none of them cannot match, and a match can start only at a token opening its first slot.
 */
const placesOf = perSentence((sentence: SentenceInfo): ReadonlyMap<string, readonly number[]> => {
  const places = new Map<string, number[]>();
  formsOf(sentence).forEach((forms, at) => {
    for (const form of forms) {
      const tokens = places.get(form);
      if (tokens) tokens.push(at);
      else places.set(form, [at]);
    }
  });
  return places;
});

/**
 * The words of the sentence being searched, marked by id: `marks[id] === mark` for each of its words that the bank
 * spells. Whether a slot opens with a word of the sentence is asked of every slot of every pattern a sentence may
 * match, and a walk of the slot's first words looked up in the sentence's map (or the other way round) was about a
 * twentieth of grading a long technical answer: most of it the lookups of strings, where a mark is an array read.
 * Doubles, so that the marks never run out (2^53 sentences): a mark that wrapped round would find a word of a sentence
 * read 2^32 sentences before still marked.
 */
let marks = new Float64Array(4096);
let mark = 0;
/**
 * The ids of the same sentence's tokens' forms (`formsOf`), in order: token `t`'s from `formStarts[t]` to before
 * `formStarts[t + 1]`, -1 for a form the bank does not spell. The search compares a token's forms with a slot's words
 * at every token a slot may start at, and its lookups of the forms by string (`Set` and `Map`) were a twentieth of
 * grading a long technical answer; one array each, reused, since a sentence's search needs them only while it runs.
 */
let formIds = new Int32Array(1024);
let formStarts = new Int32Array(256);
/** The sentence (`placesOf`) the marks are of, and how many words the dictionary had when they were made. */
let markedFor: ReadonlyMap<string, readonly number[]> | undefined;
let markedWords = 0;
/**
 * Marks the words of the sentence about to be searched, with a new mark, and reads its forms' ids, unless done
 * already: once per sentence, and again if entries compiled since gave words of it an id.
 */
function markSentence(said: ReadonlyMap<string, readonly number[]>, forms: readonly (readonly string[])[]): void {
  if (said === markedFor && markedWords === dictionary.length) return;
  if (marks.length < dictionary.length) marks = new Float64Array(Math.max(dictionary.length, marks.length * 2));
  mark += 1;
  markedFor = said;
  markedWords = dictionary.length;
  for (const word of said.keys()) {
    const id = ids.get(word);
    if (id !== undefined) marks[id] = mark;
  }
  // One more start than tokens, and one past it: `slotLengths` reads the next token's forms' end.
  if (formStarts.length < forms.length + 2) formStarts = new Int32Array(Math.max(forms.length + 2, formStarts.length * 2));
  let count = 0;
  for (const tokenForms of forms) count += tokenForms.length;
  if (formIds.length < count) formIds = new Int32Array(Math.max(count, formIds.length * 2));
  let at = 0;
  forms.forEach((tokenForms, token) => {
    formStarts[token] = at;
    for (const form of tokenForms) formIds[at++] = ids.get(form) ?? -1;
  });
  formStarts[forms.length] = at;
  formStarts[forms.length + 1] = at;
}

/** Whether some word of the sentence (marked: `markSentence`) opens a wording of the slot. */
function opens({ idsFrom, idsTo }: Slot): boolean {
  for (let at = idsFrom; at < idsTo; at += 1) if (marks[firstIds[at] as number] === mark) return true;
  return false;
}

function mayMatch(pattern: readonly Slot[]): boolean {
  for (const slot of pattern) if (!slot.endsClaim && !opens(slot)) return false;
  return true;
}

const NO_STARTS: readonly number[] = [];

/**
 * The tokens at which a wording of the slot may start, in order, each once (a token may open it with two of its forms):
 * looked up by the sentence's words rather than by asking every token, since a pattern is searched only in sentences
 * that say its words, and there at a few tokens.
 */
function startsOf(said: ReadonlyMap<string, readonly number[]>, { idsFrom, idsTo }: Slot): readonly number[] {
  // Most often one word of the sentence opens the slot: its tokens are the starts as they are, without a copy.
  let starts: readonly number[] = NO_STARTS;
  for (let at = idsFrom; at < idsTo; at += 1) {
    const id = firstIds[at] as number;
    if (marks[id] !== mark) continue;
    const tokens = said.get(wordOf(id));
    if (tokens) starts = starts.length === 0 ? tokens : mergedInOrder(starts, tokens);
  }
  return starts;
}

/**
 * Two runs of token indices, each in order and each index once (a word's places), as one such run. Merged rather than
 * gathered in a set and sorted: in a long sentence (a pasted markdown answer read as one) a slot opens at several words,
 * and the set and the sort were a fortieth of grading it.
 */
function mergedInOrder(a: readonly number[], b: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    merged.push(x <= y ? x : y);
    if (x <= y) i += 1;
    if (y <= x) j += 1;
  }
  while (i < a.length) merged.push(a[i++] as number);
  while (j < b.length) merged.push(b[j++] as number);
  return merged;
}

/**
 * One pattern's search in one sentence. Its steps are module functions over this state rather than closures made per
 * call: the search is run for every pattern a sentence may match, and a closure per call cost an allocation (and,
 * under tsx, naming it) each time.
 */
interface Search {
  readonly sentence: SentenceInfo;
  readonly tokens: readonly TokenInfo[];
  /** How many tokens the sentence has, whose forms `markSentence` read. */
  readonly count: number;
  readonly pattern: readonly Slot[];
  /** The token indices the slots matched so far take. */
  readonly taken: number[];
  /** Where the current match began. */
  start: number;
  /**
   * The wordings of a slot found at a token, and the (slot, token) states from which the rest failed for this start:
   * a sentence full of a pattern's words would otherwise be searched again and again from the same states. Made when
   * a first slot is found: most patterns that may match a sentence do not, and most gradings read many.
   */
  lengths: Map<number, readonly number[]> | undefined;
  failed: Set<number> | undefined;
}

function lengthsAt(search: Search, index: number, at: number): readonly number[] {
  const slot = search.pattern[index] as Slot;
  // Kept only where the slot opens: a slot that is not adjacent is tried at every token of the span, and most open
  // none of it, which is an array walk, not worth an entry.
  if (at >= search.count || !opensAt(at, slot)) return NO_LENGTHS;
  const key = index * (search.tokens.length + 1) + at;
  search.lengths ??= new Map();
  let known = search.lengths.get(key);
  if (!known) search.lengths.set(key, (known = openedLengths(search.count, at, slot)));
  return known;
}

/** Whether a wording of `slot` starts at a token from `from` to before `to`. */
function occursIn(count: number, slot: Slot, from: number, to: number): boolean {
  for (let at = from; at < to; at += 1) if (slotLengths(count, at, slot).length > 0) return true;
  return false;
}

/**
 * Where a claim a pattern ends with "." may end besides a full stop: a comma before a consequence (", so", ", then"),
 * and the end of a sentence whose last token keeps its full stop ("…the best k."), which takes no token. The writers
 * spelt ", so" after "." in some patterns and not in others ("…you're at a minimum, so that's where gradient descent
 * stops" was missed). Not a semicolon, a colon or ", because": what follows them often takes the claim back or
 * qualifies it ("Leaves are where the tree predicts; they don't ask any question"), and the writers left them out on
 * purpose.
 */
function clauseEndAt(tokens: readonly TokenInfo[], at: number): readonly number[] {
  const token = tokens[at];
  if (token === undefined) return at > 0 && /\w\.$/.test(tokens[at - 1]?.text ?? '') ? ZERO_LENGTH : NO_LENGTHS;
  if (token.text === ',' && CLAIM_ENDS.has(tokens[at + 1]?.normal ?? '')) return ONE_LENGTH;
  return NO_LENGTHS;
}
const CLAIM_ENDS: ReadonlySet<string> = new Set(['so', 'then']);
const ZERO_LENGTH: readonly number[] = [0];
const ONE_LENGTH: readonly number[] = [1];

/** The slot's wordings found at `at` (none if a "!" slot before it occurs from `from` on), each tried with the rest. */
function tryAt(search: Search, index: number, from: number, at: number): boolean {
  const { taken } = search;
  const slot = search.pattern[index] as Slot;
  let lengths = lengthsAt(search, index, at);
  if (lengths.length === 0 && slot.endsClaim) lengths = clauseEndAt(search.tokens, at);
  if (lengths.length === 0) return false;
  const { notBefore } = slot;
  if (notBefore && occursIn(search.count, notBefore, from, at)) return false;
  for (const length of lengths) {
    for (let offset = 0; offset < length; offset += 1) taken.push(at + offset);
    if (extend(search, index + 1, at + length)) return true;
    taken.length -= length;
  }
  return false;
}

/**
 * Slot after slot, each at the first place from which the rest can follow: an adjacent slot right where the one before
 * ended, or after the arguments of a call the one before ended with ("np.arange(0, 5) includes"); another anywhere
 * before the span ends or breaks. A wording of every length found is tried.
 */
function extend(search: Search, index: number, cursor: number): boolean {
  const { tokens, start, pattern } = search;
  const slot = pattern[index];
  if (!slot) {
    const { notAfter } = pattern[index - 1] as Slot;
    return cursor - start <= MATCH_SPAN && !(notAfter && occursIn(search.count, notAfter, cursor, tokens.length));
  }
  const state = index * (tokens.length + 1) + cursor;
  search.failed ??= new Set();
  if (search.failed.has(state)) return false;
  if (slot.adjacent) {
    if (tryAt(search, index, cursor, cursor)) return true;
    const closing = tokens[cursor]?.text === '(' ? callsOf(search.sentence).get(cursor) : undefined;
    if (closing !== undefined && tryAt(search, index, cursor, closing + 1)) return true;
  } else {
    const last = Math.min(start + MATCH_SPAN - 1, tokens.length - 1);
    for (let at = cursor; at <= last; at += 1) {
      if (tryAt(search, index, cursor, at)) return true;
      if (breaksSpan(tokens, at)) break;
    }
  }
  search.failed.add(state);
  return false;
}

/** The token indices a pattern's slots take, matched earliest first from each start, or null. */
function patternIn(sentence: SentenceInfo, pattern: readonly Slot[]): number[] | null {
  const { tokens } = sentence;
  const said = placesOf(sentence);
  if (pattern.length === 0) return null;
  const forms = formsOf(sentence);
  markSentence(said, forms);
  if (!mayMatch(pattern)) return null;
  const search: Search = { sentence, tokens, count: forms.length, pattern, taken: [], start: 0, lengths: undefined, failed: undefined };
  const first = pattern[0] as Slot;
  for (const start of startsOf(said, first)) {
    const firstLengths = slotLengths(search.count, start, first);
    if (firstLengths.length === 0) continue;
    if (first.notBefore && occursIn(search.count, first.notBefore, 0, start)) continue;
    search.failed?.clear();
    search.start = start;
    for (const length of firstLengths) {
      for (let offset = 0; offset < length; offset += 1) search.taken.push(start + offset);
      if (extend(search, 1, start + length)) return search.taken;
      search.taken.length = 0;
    }
  }
  return null;
}

/**
 * Where the claim's clause starts: after the last word or mark before the match that sets a clause against the one
 * before it ("but", "while", "however", a semicolon), and, with `reasons`, one that gives a reason ("because", "since").
 * What the clause before reports, quotes, denies or supposes is not the claim after it: "People always say
 * "vectorize everything", but really a plain loop over an array is as fast"; "The order doesn't matter since matrix
 * multiplication is commutative".
 */
function clauseStart(tokens: readonly TokenInfo[], start: number, reasons: boolean): number {
  for (let index = start - 1; index > 0; index -= 1) {
    const token = tokens[index] as TokenInfo;
    if (SPAN_BREAK_WORDS.has(token.normal) && !inAside(tokens, index, start)) return index + 1;
    if (token.text.includes(';') || (reasons && REASONS.has(token.normal))) return index + 1;
  }
  return 0;
}
const REASONS: ReadonlySet<string> = new Set(['because', 'since']);
/** Words that may stand in an aside between commas without setting a clause against another: "Many assume, however, that…". */
const ASIDE_WORDS: ReadonlySet<string> = new Set(['however', 'while', 'though', 'although']);

/**
 * The word at `index` opens an aside that commas close before the match ("Beginners often think, while tuning, that…"):
 * the sentence around it is still one clause, and what it reports is the claim's.
 */
function inAside(tokens: readonly TokenInfo[], index: number, start: number): boolean {
  if (!ASIDE_WORDS.has((tokens[index] as TokenInfo).normal) || tokens[index - 1]?.text !== ',') return false;
  for (let at = index + 1; at < start; at += 1) if ((tokens[at] as TokenInfo).text === ',') return true;
  return false;
}

/**
 * A clause opened after the claim that states a consequence or another thing (a semicolon, a colon, a dash, ", so",
 * ", and", ", then"): a condition in it holds that clause to a case, not the claim ("Memory-mapped arrays are read-only,
 * so if you need to modify the data you load it first"). A contrast ("but if…") still holds the claim to a case.
 */
function opensClauseBetween(tokens: readonly TokenInfo[], end: number, index: number): boolean {
  // From the match's last token: a pattern may end with the comma that opens the clause ("+.|,").
  for (let at = end; at < index; at += 1) {
    const { text } = tokens[at] as TokenInfo;
    // After a semicolon, colon or dash, a condition with no clause of its own ("…a minimum; if the second derivative is
    // positive there.") is a fragment that still limits the claim, unless a consequence opens after it (", so…").
    if (/[;:—–]/.test(text) && conditionHasMainClause(tokens, index)) return true;
    if (text === ',' && CONSEQUENT.has(tokens[at + 1]?.normal ?? '')) return true;
  }
  return false;
}

/**
 * The condition at `index` is followed by a clause of its own: "then", or a comma and words after it that do not open
 * an example or an aside ("…, such as pixel intensities").
 */
function conditionHasMainClause(tokens: readonly TokenInfo[], index: number): boolean {
  for (let at = index + 1; at < tokens.length; at += 1) {
    const token = tokens[at] as TokenInfo;
    if (token.normal === 'then') return true;
    const next = tokens[at + 1];
    if (token.text === ',' && next?.kind === 'word' && !APPOSITION.has(next.normal)) return true;
  }
  return false;
}
/** Words that open an example or an aside after a comma, not a clause. */
const APPOSITION: ReadonlySet<string> = new Set(['such', 'like', 'e.g.', 'eg', 'i.e.', 'ie', 'for', 'including', 'especially', 'namely', 'as', 'say']);
const CONSEQUENT: ReadonlySet<string> = new Set(['so', 'and', 'then']);

/**
 * A contrast word in the claim's clause sets the claim against another ("use the validation set instead of the test
 * set"), except in an aside before the match that a comma or a colon closes ("Unlike linear models, a random forest
 * can extrapolate": the claim is the main clause's).
 */
function contrasted(tokens: readonly TokenInfo[], from: number, start: number): boolean {
  for (let index = from; index < tokens.length; index += 1) {
    if (!CONTRASTING.has((tokens[index] as TokenInfo).normal)) continue;
    let closed = false;
    for (let at = index + 1; at < start && !closed; at += 1) closed = /^[,:]$/.test((tokens[at] as TokenInfo).text);
    if (!closed) return true;
  }
  return false;
}

/**
 * "If P, Q" whose match starts in P and ends in Q: the pattern spells the implication, which is the claim ("If the result
 * is statistically significant, the improvement is big enough to matter"), where a match inside P is only supposed
 * ("If you merge the validation set into training, you leak").
 */
function statesImplication(tokens: readonly TokenInfo[], index: number, start: number, end: number): boolean {
  if (tokens[index]?.normal !== 'if' || index >= start) return false;
  for (let at = index + 1; at < start; at += 1) if (/[,;:]/.test((tokens[at] as TokenInfo).text)) return false;
  for (let at = start + 1; at < end; at += 1) if ((tokens[at] as TokenInfo).text === ',' || tokens[at]?.normal === 'then') return true;
  return false;
}

/** A sentence's own answer to a yes/no question before its claim ("No, Ridge doesn't need scaling"): no denial of it. */
const answersNo = (tokens: readonly TokenInfo[], index: number): boolean => index === 0 && (tokens[1]?.text === ',' || tokens[1]?.text === ':');

/** Whether the text (from the claim's clause on) names the claim an error or someone else's; a purpose "to avoid…" that is not about the match is left out. */
function attributed(text: string, matchAt: number): boolean {
  if (!ATTRIBUTED.test(text)) return false;
  if (matchAt < 0) return true;
  const rest = text.replace(PURPOSE, (phrase: string, at: number) => (matchAt >= at && matchAt < at + phrase.length ? phrase : ' '));
  return rest !== text ? ATTRIBUTED.test(rest) : true;
}

/**
 * The sentence makes the claim itself: no question, and in the claim's clause no quotation, attribution or contrast, no
 * negation or supposition before the match ends, and no condition that holds the claim to a case, outside the
 * pattern's own words.
 */
function asserts(sentence: SentenceInfo, taken: readonly number[], framed: boolean, next: SentenceInfo | undefined): boolean {
  const { tokens } = sentence;
  const start = Math.min(...taken);
  const end = Math.max(...taken);
  const clause = clauseStart(tokens, start, false);
  const hedges = ownHedges(sentence, 0);
  const { text } = hedges;
  if (framed || text.includes('?') || CALLED_FALSE.test(text) || REJECTED.test(text)) return false;
  const ownText = clause > 0 ? ownHedges(sentence, clause).text : text;
  const offsets = offsetsOf(sentence);
  const matchAt = (offsets[start] ?? -1) - Math.max(0, clause > 0 ? (offsets[clause] ?? 0) : 0);
  if (QUOTATION.test(ownText) || attributed(ownText, matchAt) || contrasted(tokens, clause, start)) return false;
  if (next && TAKES_BACK.test(next.text)) return false;
  const denials = clauseStart(tokens, start, true);
  const inSlots = new Set([...taken, ...hedges.indices]);
  for (let index = clause; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token || inSlots.has(index)) continue;
    if (index <= end && index >= denials && isNegation(token) && !answersNo(tokens, index)) return false;
    if (index <= end && CONDITIONS.has(token.normal) && !namesKeyword(tokens, index) && !statesImplication(tokens, index, start, end)) return false;
    if (qualifiesAt(tokens, index) && !inSlots.has(index + 1) && (index < end || token.normal === 'only' || !opensClauseBetween(tokens, end, index)) && !statesImplication(tokens, index, start, end)) return false;
    if (index > end && failsAt(tokens, index, end)) return false;
  }
  return true;
}

/** "… doesn't work" right after the claim: the sentence says the claimed practice fails ("comparing to np.nan doesn't work"). */
const failsAt = (tokens: readonly TokenInfo[], index: number, end: number): boolean =>
  index <= end + 2 && isNegation(tokens[index] as TokenInfo) && tokens[index + 1]?.lemma === 'work' && ['do', 'will', 'would', 'wo'].includes(tokens[index - 1]?.lemma ?? '');

/** A heading or lead-in that names what follows as errors ("Common mistakes:", "What people get wrong:"). */
const framesErrors = (sentence: SentenceInfo): boolean => /:\W*$/.test(sentence.text.trim()) && (ATTRIBUTED.test(sentence.text) || CALLED_FALSE.test(sentence.text));

/**
 * A sentence that names the next of the errors the one before named, leaving the noun out: "A common mistake is to
 * think X. Another is that Y." Its "another" is the sentence before's mistake, so its claim is attributed too; after a
 * sentence that named no error ("One advantage is speed. Another is that…") it is the speaker's own.
 */
const continuesErrors = (sentence: SentenceInfo, previous: SentenceInfo | undefined): boolean =>
  previous !== undefined && ANOTHER_ONE.test(sentence.text) && ATTRIBUTED.test(previous.text);
const ANOTHER_ONE = /^\W*(?:and\s+)?(?:another|a\s+second|the\s+(?:second|next|other))(?:\s+(?:one|common\s+one|classic|classic\s+one))?\s+(?:is|says)\b/i;

/** How many sentences after an error-naming lead-in are read as its list. */
const FRAMED_SENTENCES = 4;

export interface FoundMisconception {
  readonly sentence: SentenceInfo;
  readonly entry: MisconceptionNote;
  /** Matching keys (`TokenInfo.term`) of the words from the match's first to its last: what the wrong claim is about. */
  readonly terms: ReadonlySet<string>;
}

/**
 * The patterns of a question's entries by the words that can open their most selective slot, each as `entry * stride +
 * pattern`: a pattern whose that slot no word of a sentence opens cannot match it (`mayMatch`), so a sentence is
 * searched only for the patterns its words name, in the entries' order. Asking every pattern of every entry (`mayMatch`
 * on each) was about a third of reading an answer for misconceptions. Built once per list of entries, which is the
 * question's profile's.
 *
 * The most selective slot is the one whose first words the fewest slots of the entries share: a word that opens many
 * slots is a common one ("the", "is", "be"), said in nearly every sentence. Chosen as the slot with the fewest first
 * words, it indexed many patterns under "the" alone: the bench's 300-word technical answers asked 396 patterns each,
 * now 291, of which 100 may match either way (any slot gives the same patterns that may match, in the same order).
 */
interface PatternIndex {
  readonly stride: number;
  /**
   * The patterns filed under each word: those of word `w` are `filed[runs[byWord.get(w)]]` up to the next run's start.
   * One flat array rather than an array per word: a question's index files a few hundred words, most under one
   * pattern, and an array each was two thirds of the indexes' 11 MB in a warm grading thread.
   */
  readonly byWord: ReadonlyMap<string, number>;
  /** One more than the words: the last is where the last run ends. */
  readonly runs: readonly number[];
  readonly filed: readonly number[];
  /**
   * Per pattern, the last sentence (a count) that found it a candidate: marks in place of a set made per sentence, which
   * was a tenth of what reading an answer for misconceptions allocated.
   */
  readonly seenIn: number[];
  sentences: number;
}

const patternIndexes = new WeakMap<readonly CompiledMisconception[], PatternIndex>();

function patternIndexOf(entries: readonly CompiledMisconception[]): PatternIndex {
  const known = patternIndexes.get(entries);
  if (known) return known;
  const stride = Math.max(1, ...entries.map((compiled) => compiled.patterns().length));
  const opening = new Map<string, number>();
  for (const compiled of entries) {
    for (const pattern of compiled.patterns()) for (const slot of pattern) for (const word of slot.firsts) opening.set(word, (opening.get(word) ?? 0) + 1);
  }
  const commonness = (slot: Slot): number => {
    let slots = 0;
    for (const word of slot.firsts) slots += opening.get(word) ?? 0;
    return slots;
  };
  const byWord = new Map<string, number[]>();
  entries.forEach((compiled, entry) => {
    compiled.patterns().forEach((pattern, index) => {
      let selective: Slot | undefined;
      let least = Number.POSITIVE_INFINITY;
      // A slot that ends the claim may be found where no word of its opens it (`clauseEndAt`).
      for (const slot of pattern) {
        if (slot.endsClaim) continue;
        const common = commonness(slot);
        if (common < least) {
          selective = slot;
          least = common;
        }
      }
      if (selective === undefined) return;
      for (const word of selective.firsts) {
        const list = byWord.get(word);
        if (list) list.push(entry * stride + index);
        else byWord.set(word, [entry * stride + index]);
      }
    });
  });
  const runOf = new Map<string, number>();
  const runs: number[] = [];
  const filed: number[] = [];
  for (const [word, patterns] of byWord) {
    runOf.set(word, runs.length);
    runs.push(filed.length);
    filed.push(...patterns);
  }
  runs.push(filed.length);
  // Copies sized to their contents: an array grown by pushing keeps up to half as much room again.
  const index = { stride, byWord: runOf, runs: runs.slice(), filed: filed.slice(), seenIn: new Array<number>(entries.length * stride).fill(0), sentences: 0 };
  patternIndexes.set(entries, index);
  return index;
}

/** The patterns the sentence's words may match, in the entries' order and each entry's (`entry * stride + pattern`). */
function candidatesIn(sentence: SentenceInfo, index: PatternIndex): number[] {
  const { byWord, runs, filed, seenIn } = index;
  index.sentences += 1;
  const seen = index.sentences;
  const found: number[] = [];
  for (const word of placesOf(sentence).keys()) {
    const run = byWord.get(word);
    if (run === undefined) continue;
    const end = runs[run + 1] as number;
    for (let at = runs[run] as number; at < end; at += 1) {
      const pattern = filed[at] as number;
      if (seenIn[pattern] === seen) continue;
      seenIn[pattern] = seen;
      found.push(pattern);
    }
  }
  return found.sort((a, b) => a - b);
}

/** The misconceptions the sentences assert, the first sentence of each; one entry per sentence at most. */
export function findMisconceptions(sentences: readonly SentenceInfo[], entries: readonly CompiledMisconception[]): FoundMisconception[] {
  const found: FoundMisconception[] = [];
  if (entries.length === 0) return found;
  const patternIndex = patternIndexOf(entries);
  const { stride } = patternIndex;
  const named = new Set<string>();
  let framedUntil = -1;
  sentences.forEach((sentence, index) => {
    if (framesErrors(sentence)) {
      framedUntil = index + FRAMED_SENTENCES;
      return;
    }
    const candidates = candidatesIn(sentence, patternIndex);
    for (let next = 0; next < candidates.length; ) {
      const entry = Math.floor((candidates[next] as number) / stride);
      const compiled = entries[entry] as CompiledMisconception;
      const patterns = compiled.patterns();
      let taken: number[] | null = null;
      // The entry's candidate patterns, in order. Each is another wording of the claim: one whose words the sentence
      // denies or conditions does not stop another that it states ("You don't need to reassign after astype: it
      // changes the array in place").
      for (; next < candidates.length && Math.floor((candidates[next] as number) / stride) === entry; next += 1) {
        if (taken || named.has(compiled.entry.id)) continue;
        const match = patternIn(sentence, patterns[(candidates[next] as number) % stride] as readonly Slot[]);
        if (match && asserts(sentence, match, index <= framedUntil || continuesErrors(sentence, sentences[index - 1]), sentences[index + 1])) taken = match;
      }
      if (!taken) continue;
      named.add(compiled.entry.id);
      const span = sentence.tokens.slice(Math.min(...taken), Math.max(...taken) + 1);
      found.push({ sentence, entry: compiled.entry, terms: new Set(span.map((token) => token.term).filter((term) => term !== '')) });
      return;
    }
  });
  return found;
}

/** A claim as a rationale quotes it: without its full stop, its first letter lower-cased unless it opens an acronym. */
function claimText(claim: string): string {
  const bare = claim.replace(/[.!]+$/, '');
  return /^[A-Z][a-z]/.test(bare) ? `${bare.charAt(0).toLowerCase()}${bare.slice(1)}` : bare;
}

/** What a correctness rationale says of an asserted misconception. */
export const misconceptionNote = (sentence: SentenceInfo, entry: MisconceptionNote): string =>
  `"${shorten(sentence.text, 90)}" states a known misconception (${claimText(entry.claim)})`;

/** What the feedback's `corrections` holds of an asserted misconception. */
export const correctionOf = ({ sentence, entry }: FoundMisconception): Correction => ({ quote: sentence.text, claim: entry.claim, correction: entry.correction });

/** The advice an asserted misconception gets: the sentence and the correction. */
export const correctionAdvice = (sentence: SentenceInfo, entry: MisconceptionNote): string => `Correct "${shorten(sentence.text, 90)}": ${entry.correction}`;

/** The entries whose topic the question or its reference names. Profiles of every corpus question are built at start-up: a topic's first word is looked up before any scan. */
export function misconceptionsFor(question: string, reference: string, entries: readonly CompiledMisconception[]): CompiledMisconception[] {
  const names = topicsNamedIn(`${question}\n${reference}`);
  const applicable = entries.filter((compiled) => compiled.topics.some(names));
  // Compiled with the question's profile, which the grading threads build ahead when idle, not at its first answer.
  for (const compiled of applicable) compiled.patterns();
  return applicable;
}

let compiled: CompiledMisconception[] | Error | undefined;

/**
 * The shipped bank, read once; of its entries only what the grader uses is kept. A bank that fails to load fails every
 * grading that reads it, with its first error, rather than being read again each time.
 */
export function shippedMisconceptions(): readonly CompiledMisconception[] {
  if (compiled === undefined) {
    try {
      compiled = readMisconceptionBank().entries.map(compileMisconception);
    } catch (error) {
      compiled = error instanceof Error ? error : new Error(String(error));
    }
  }
  if (compiled instanceof Error) throw compiled;
  return compiled;
}

/** Whether `text`, read the way an answer is read, asserts the entry's misconception. */
export function asserted(text: string, entry: CompiledMisconception): boolean {
  return findMisconceptions(readAnswer(text).sentences, [entry]).length > 0;
}
