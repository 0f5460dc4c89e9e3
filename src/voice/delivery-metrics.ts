import { DELIVERY_GUIDE, type Delivery, type WordTiming } from '../contracts/voice-schemas.js';

/*
 * Delivery metrics of a spoken answer: pace, filler words, long pauses and hedges. Pure: the same
 * transcript gives the same figures, so they can be stored and compared over time.
 *
 * Fillers are found in the transcript's words and punctuation. "um", "uh" and their spellings always count;
 * "like", "you know", "I mean", "kind of" and "sort of" count only where the words around them show they
 * carry no meaning ("it was, like, slow" but not "I like it", "it looks like a cache", "a kind of model").
 * Speech-to-text models differ in how much disfluency they keep: Whisper tends to drop "um" unless prompted,
 * so the figures describe the transcript, which can undercount what was said.
 */

interface Token {
  /** Lower case, curly apostrophes made straight. */
  word: string;
  /** Punctuation between the previous word and this one; '^' at the start of the text. */
  before: string;
  /** Punctuation between this word and the next; '$' at the end of the text. */
  after: string;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*|[.,;:!?…—–]/gu;
const PUNCTUATION = /^[.,;:!?…—–]$/;
const SENTENCE_STOP = /[.!?…^]/;
/** Any break around a word: punctuation, or the start (^) or end ($) of the text. */
const ANY_BREAK = /[.,;:!?…—–^$]/;
const COMMA_LIKE = /[,;:—–]/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let between = '^';
  for (const match of text.matchAll(TOKEN)) {
    const piece = match[0];
    if (PUNCTUATION.test(piece)) {
      between += piece;
      continue;
    }
    const previous = tokens.at(-1);
    if (previous) previous.after = between;
    tokens.push({ word: piece.toLowerCase().replace(/’/g, "'"), before: between, after: '' });
    between = '';
  }
  const last = tokens.at(-1);
  if (last) last.after = `${between}$`;
  return tokens;
}

/** The previous word when it is in the same sentence, else undefined. */
function previousInSentence(tokens: readonly Token[], index: number): Token | undefined {
  const token = tokens[index];
  if (!token || SENTENCE_STOP.test(token.before)) return undefined;
  return tokens[index - 1];
}

/** The previous word when nothing but a space separates it from this one. */
function previousAdjacent(tokens: readonly Token[], index: number): Token | undefined {
  const token = tokens[index];
  if (!token || token.before !== '') return undefined;
  return tokens[index - 1];
}

const isNumber = (word: string | undefined) =>
  word !== undefined &&
  (/^\d/.test(word) ||
    /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|half|several)$/.test(word));

const set = (...words: string[]) => new Set(words);

/** Words after which "like" is the verb: "I like", "would like", "don't like". */
const LIKE_VERB_BEFORE = set(
  'i', 'you', 'we', 'they', 'he', 'she', 'people', 'who', 'would', "i'd", "we'd", "you'd", "they'd", "he'd", "she'd",
  'to', 'do', 'does', 'did', "don't", "doesn't", "didn't", 'not', 'really', 'also', 'will', "'ll", 'might', 'may', 'could',
  'should', 'can', 'users', 'customers',
);
/** Words after which "like" compares or gives examples: "looks like", "something like", "things like". */
const LIKE_COMPARISON_BEFORE = set(
  'look', 'looks', 'looked', 'looking', 'feel', 'feels', 'felt', 'feeling', 'seem', 'seems', 'seemed', 'sound', 'sounds',
  'sounded', 'something', 'nothing', 'anything', 'everything', 'things', 'stuff', 'tools', 'just', 'more', 'much',
  'exactly', 'act', 'acts', 'acted', 'behave', 'behaves', 'behaved', 'alike', 'metrics', 'models', 'methods',
  'techniques', 'frameworks', 'languages', 'companies',
);
/** "is like a cache" compares, but "was like, really slow" and "was like, um" are filler: the rest decides. */
const COPULA = set('is', 'was', 'are', 'were', 'be', "it's", "that's", "i'm", "he's", "she's", "we're", "they're");
/** Words after "like" that show it is empty: "like really", "like, um", "like literally". */
const AFTER_FILLER_LIKE = set(
  'really', 'so', 'very', 'super', 'totally', 'literally', 'basically', 'just', 'um', 'uh', 'honestly', 'actually',
  'completely', 'pretty', 'kind', 'sort', 'whatever',
);

function likeIsFiller(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (!token) return false;
  const before = previousAdjacent(tokens, index)?.word;
  const next = token.after === '' ? tokens[index + 1]?.word : undefined;
  if (before !== undefined && LIKE_VERB_BEFORE.has(before)) return false;
  // "it was like really slow" is filler although "was like a cache" compares: the next word decides.
  if (next !== undefined && AFTER_FILLER_LIKE.has(next)) return true;
  if (next === 'you' && tokens[index + 2]?.word === 'know') return true;
  if (before !== undefined && LIKE_COMPARISON_BEFORE.has(before)) return false;
  // Set off by punctuation: "it was like, slow", "Like, the model …", "… it was slow, like."
  if (COMMA_LIKE.test(token.after)) return true;
  if (before !== undefined && COPULA.has(before)) return false;
  if (COMMA_LIKE.test(token.before) && next === undefined) return true;
  // An approximation: "it took like three weeks".
  return before !== undefined && isNumber(next);
}

/** Words that, before "you know", make it a real question or clause: "do you know", "as you know". */
const YOU_KNOW_CLAUSE_BEFORE = set(
  'do', 'did', 'does', "don't", "didn't", "doesn't", 'if', 'as', 'what', 'would', 'could', 'should', 'will', 'to',
  'whether', 'now', 'let', 'might', 'may', 'can', 'how', 'why', 'where', 'when', 'who', 'which', 'that', 'once', 'unless',
);
/** Words after "you know" that make it a verb with an object: "you know the drill", "you know what". */
const KNOW_OBJECT_AFTER = set(
  'what', 'how', 'why', 'where', 'when', 'who', 'whether', 'that', 'if', 'the', 'a', 'an', 'it', 'this', 'about', 'him',
  'her', 'them', 'me', 'us', 'your', 'my', 'our', 'their', 'more', 'better', 'each',
);
const FILLER_LEAD_IN = set('and', 'but', 'so', 'like', 'um', 'uh', 'because', 'cause', 'then', 'or');

function youKnowIsFiller(tokens: readonly Token[], index: number): boolean {
  const you = tokens[index];
  const know = tokens[index + 1];
  if (!you || !know || you.after !== '') return false;
  const before = previousAdjacent(tokens, index)?.word;
  if (before !== undefined && YOU_KNOW_CLAUSE_BEFORE.has(before)) return false;
  if (ANY_BREAK.test(know.after)) return true;
  const next = tokens[index + 2]?.word;
  if (next !== undefined && KNOW_OBJECT_AFTER.has(next)) return false;
  if (COMMA_LIKE.test(you.before)) return true;
  return before !== undefined && FILLER_LEAD_IN.has(before);
}

function iMeanIsFiller(tokens: readonly Token[], index: number): boolean {
  const i = tokens[index];
  const mean = tokens[index + 1];
  if (!i || !mean || i.after !== '') return false;
  const before = previousAdjacent(tokens, index)?.word;
  // "what I mean", "by that I mean": the phrase does its job.
  if (before !== undefined && /^(what|by|which|that|if)$/.test(before)) return false;
  return /[,—–.!?$]/.test(mean.after);
}

/** Before "kind of" / "sort of", these make it a noun: "a kind of model", "what sort of data". */
const KIND_NOUN_BEFORE = set(
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'what', 'which', 'any', 'some', 'every', 'each', 'one', 'same',
  'different', 'another', 'no', 'certain', 'other', 'my', 'your', 'our', 'their', 'his', 'her', 'its', 'all', 'right',
  'wrong', 'new', 'first', 'last', 'only',
);

function kindOfIsFiller(tokens: readonly Token[], index: number): boolean {
  const kind = tokens[index];
  if (!kind || kind.after !== '' || tokens[index + 1]?.word !== 'of') return false;
  const before = previousInSentence(tokens, index)?.word;
  return before === undefined || !KIND_NOUN_BEFORE.has(before);
}

/** Single words that are always fillers, by spelling → normal form. */
function simpleFiller(word: string): string | null {
  if (/^u+h*m+$/.test(word)) return 'um';
  if (/^u+h+$/.test(word)) return 'uh';
  if (/^(e+r+|e+r+m+)$/.test(word)) return 'er';
  if (/^a+h+$/.test(word)) return 'ah';
  if (/^h+m+$/.test(word)) return 'hmm';
  if (word === 'kinda') return 'kind of';
  if (word === 'sorta') return 'sort of';
  if (word === 'basically' || word === 'literally') return word;
  return null;
}

export function findFillers(tokens: readonly Token[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (let index = 0; index < tokens.length; index += 1) {
    const word = tokens[index]?.word ?? '';
    const simple = simpleFiller(word);
    if (simple) add(simple);
    else if (word === 'like' && likeIsFiller(tokens, index)) add('like');
    else if (word === 'you' && tokens[index + 1]?.word === 'know' && youKnowIsFiller(tokens, index)) add('you know');
    else if (word === 'i' && tokens[index + 1]?.word === 'mean' && iMeanIsFiller(tokens, index)) add('i mean');
    else if ((word === 'kind' || word === 'sort') && kindOfIsFiller(tokens, index)) add(`${word} of`);
  }
  return counts;
}

/** Hedging phrases, as word sequences (no punctuation inside), with what must not follow them. */
const HEDGES: ReadonlyArray<{ phrase: readonly string[]; notFollowedBy?: RegExp }> = [
  { phrase: ['i', 'think'], notFollowedBy: /^(of|about|through)$/ },
  { phrase: ['i', 'guess'] },
  { phrase: ['i', 'suppose'] },
  { phrase: ['i', 'believe'], notFollowedBy: /^in$/ },
  { phrase: ['i', 'feel', 'like'] },
  { phrase: ["i'd", 'say'] },
  { phrase: ['i', "don't", 'know'], notFollowedBy: /^(how|what|why|where|when|who|the|a|an|of|about|if|whether|that)$/ },
  { phrase: ['not', 'sure'] },
  { phrase: ['maybe'] },
  { phrase: ['perhaps'] },
  { phrase: ['probably'] },
  { phrase: ['possibly'] },
  { phrase: ['somewhat'] },
  { phrase: ['hopefully'] },
];

export function findHedges(tokens: readonly Token[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let index = 0; index < tokens.length; index += 1) {
    for (const { phrase, notFollowedBy } of HEDGES) {
      const matches = phrase.every((word, offset) => {
        const token = tokens[index + offset];
        return token?.word === word && (offset === phrase.length - 1 || token.after === '');
      });
      if (!matches) continue;
      const last = tokens[index + phrase.length - 1];
      const next = last?.after === '' ? tokens[index + phrase.length]?.word : undefined;
      if (notFollowedBy && next !== undefined && notFollowedBy.test(next)) continue;
      const key = phrase.join(' ');
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}

const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export function findLongPauses(words: readonly WordTiming[]): Array<{ atSec: number; durationSec: number }> {
  const ordered = [...words].sort((a, b) => a.start - b.start);
  const pauses: Array<{ atSec: number; durationSec: number }> = [];
  for (let index = 1; index < ordered.length; index += 1) {
    const previous = ordered[index - 1];
    const current = ordered[index];
    if (!previous || !current) continue;
    const gap = current.start - previous.end;
    // A hair under the threshold after float arithmetic (2.9999…) still counts as 3 s.
    if (gap >= DELIVERY_GUIDE.longPauseSec - 1e-9) pauses.push({ atSec: round(previous.end, 2), durationSec: round(gap, 2) });
  }
  return pauses;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);

export interface DeliveryInput {
  text: string;
  /** Length of the recording in seconds, when known. */
  durationSec: number | null;
  /** Word timings from the speech-to-text server, or null when it gave none. */
  words: readonly WordTiming[] | null;
}

/** Pace, fillers, long pauses and hedges of one spoken answer. */
export function measureDelivery(input: DeliveryInput): Delivery {
  const tokens = tokenize(input.text);
  const wordCount = tokens.length;
  const timed = input.words && input.words.length > 0 ? input.words : null;
  let speakingSec: number | null = input.durationSec;
  if (timed) {
    const first = Math.min(...timed.map((word) => word.start));
    const last = Math.max(...timed.map((word) => word.end));
    speakingSec = last - first;
  }
  const wordsPerMinute = speakingSec !== null && speakingSec >= 1 && wordCount > 0 ? Math.round((wordCount / speakingSec) * 60) : null;
  const pace =
    wordsPerMinute === null ? null : wordsPerMinute < DELIVERY_GUIDE.paceMin ? 'slow' : wordsPerMinute > DELIVERY_GUIDE.paceMax ? 'fast' : 'good';
  const fillerWords = findFillers(tokens);
  const fillerCount = total(fillerWords);
  const hedges = findHedges(tokens);
  return {
    guide: DELIVERY_GUIDE.version,
    wordCount,
    speakingSec: speakingSec === null ? null : round(speakingSec, 2),
    wordsPerMinute,
    pace,
    fillerWords,
    fillerCount,
    fillerRate: wordCount === 0 ? 0 : round((fillerCount / wordCount) * 100, 1),
    // Without word timings a pause cannot be told from speech: unknown, not "none".
    longPauses: input.words === null ? null : findLongPauses(input.words),
    hedges,
    hedgeCount: total(hedges),
  };
}
