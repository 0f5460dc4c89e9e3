import { INVISIBLE_CHARACTERS } from '../../text/sanitize.js';
import { analyzeText, type SentenceInfo } from './nlp.js';

/*
 * One stray invisible character is what copy-paste leaves behind (a BOM, a soft hyphen); text woven
 * with several is text meant to be read by a machine and not by the interviewer.
 */
const HIDDEN_TEXT_THRESHOLD = 2;

export interface SanitizedText {
  readonly text: string;
  /** Positions in `text` where invisible characters were removed, one entry per character. */
  readonly removedAt: readonly number[];
}

/** One character of INVISIBLE_CHARACTERS, tested without the global flag's state. */
const INVISIBLE_CHARACTER = new RegExp(`^${INVISIBLE_CHARACTERS.source}$`, 'u');
/** Past this many characters outside printable ASCII the Unicode pattern's one pass is the cheaper test. */
const MAX_CHECKED_ONE_BY_ONE = 64;

/**
 * Whether the answer has nothing to remove: no carriage return and no invisible character. A scan of its
 * character codes spares ordinary prose the Unicode pattern's pass; only a character outside printable
 * ASCII is tested against it, one by one.
 */
function isPlain(answer: string): boolean {
  let checked = 0;
  for (let i = 0; i < answer.length; i += 1) {
    const code = answer.charCodeAt(i);
    if ((code >= 0x20 && code < 0x7f) || code === 0x0a || code === 0x09) continue;
    if (code < 0xa0) return false;
    checked += 1;
    if (checked > MAX_CHECKED_ONE_BY_ONE) return false;
    const point = answer.codePointAt(i) ?? code;
    if (INVISIBLE_CHARACTER.test(String.fromCodePoint(point))) return false;
    if (point > 0xffff) i += 1;
  }
  return true;
}

/** Removes invisible characters, remembering where: text woven with them is hidden text (see below). */
export function stripInvisibleTracked(answer: string): SanitizedText {
  if (isPlain(answer)) return { text: answer, removedAt: [] };
  const removedAt: number[] = [];
  let removedUnits = 0;
  const text = answer.replace(/\r\n?/g, '\n').replace(INVISIBLE_CHARACTERS, (match: string, offset: number) => {
    removedAt.push(offset - removedUnits);
    // Tag characters are astral: two UTF-16 units each.
    removedUnits += match.length;
    return '';
  });
  return { text, removedAt };
}

export interface AnswerText {
  /** The sanitised answer; every sentence's text is a verbatim slice of it. */
  readonly source: string;
  /** Sentences the grader reads. */
  readonly sentences: readonly SentenceInfo[];
  /** Sentences addressed to the grader (instructions, fake scores, JSON, hidden text); never scored. */
  readonly ignored: readonly SentenceInfo[];
}

/**
 * Markup addressed to a machine: a tag ("<system>", "</instructions>", '<note role="grader">') or wiki
 * brackets. Not a comparison or an arrow in code ("if n < 2", "size <= 1", "const -> nonconst"), nor a
 * placeholder of a syntax ("<variable type> <variable name>;").
 */
const MARKUP = /<\/?[a-z][\w-]*(?:\s+[\w-]+\s*=[^<>]*)?>|\/>|\[\[|\]\]/i;
/**
 * A grade written as JSON: an object ('{"score": 5', '{"dimensions": …') with a key a grade has. Its whole line
 * is addressed to the grader, whatever the sentence splitter makes of it. Braces in code ("int a[] = {1, 2,
 * 3};") and a dictionary in an answer about dictionaries ('{"lr": 0.001, "batch_size": 32}') are an answer.
 */
const JSON_OBJECT = /[{[]\s*["'][^"'\n]*["']\s*:/;
const GRADE_KEY = /["'](?:score|scores|overall|grade|grades|rating|ratings|marks|points|dimensions|correctness|coverage|depth|clarity|feedback|strengths|improvements|verdict)["']\s*:/i;

/**
 * A grade as one is asked for: a whole number up to 10, 100, a half ("4.5") or a fraction ("5/5"). A metric
 * or the result of a sum is a decimal ("an F1 score = 0.82", "0.9 and 0.1 give 0.18").
 */
const MARK = /^(?:0|10|100|[1-9](?:\.5)?|\d{1,3}\/\d{1,3})$/;
/** Words of a grade request that come before its number ("give it 5", "score: 5"). */
const MARK_REQUEST_LEMMAS: ReadonlySet<string> = new Set(['give', 'award', 'assign', 'grant', 'rate', 'score', 'grade', 'mark', 'rating', 'overall', 'point']);
/** Words after the number that keep it a grade ("5 out of 5", "10 points"); any other noun makes it a quantity ("10 more epochs"). */
const MARK_UNIT_LEMMAS: ReadonlySet<string> = new Set(['out', 'point', 'mark', 'star', 'percent', '%']);
const QUANTIFIED_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'ADJ']);
/** How far after a grade request's word its number may stand ("give this answer a 5"). */
const MARK_REQUEST_REACH = 4;

function asksForMark(sentence: SentenceInfo): boolean {
  const { tokens } = sentence;
  return tokens.some((request, at) => {
    if (!MARK_REQUEST_LEMMAS.has(request.lemma)) return false;
    const offset = tokens.slice(at + 1, at + 1 + MARK_REQUEST_REACH).findIndex((token) => token.kind === 'number');
    if (offset < 0) return false;
    const number = tokens[at + 1 + offset];
    const next = tokens[at + 2 + offset];
    if (number === undefined || !MARK.test(number.lemma)) return false;
    return next === undefined || !QUANTIFIED_POS.has(next.pos) || MARK_UNIT_LEMMAS.has(next.lemma);
  });
}

function isGraderDirected(sentence: SentenceInfo, removedAt: readonly number[]): boolean {
  if (sentence.cues.has('graderDirected')) return true;
  if (sentence.cues.has('markRequest') && asksForMark(sentence)) return true;
  if (MARKUP.test(sentence.text)) return true;
  const hidden = removedAt.filter((position) => position >= sentence.start && position <= sentence.end).length;
  return hidden >= HIDDEN_TEXT_THRESHOLD;
}

/**
 * Analyses an untrusted answer. Each line is read on its own: in a typed chat answer a line break is the
 * candidate's own boundary (a bullet, a new point), and wink only splits sentences at blank lines.
 */
export function readAnswer(answer: string): AnswerText {
  const { text: source, removedAt } = stripInvisibleTracked(answer);
  const sentences: SentenceInfo[] = [];
  const ignored: SentenceInfo[] = [];
  let lineStart = 0;
  for (const line of source.split('\n')) {
    if (line.trim() !== '') {
      const json = JSON_OBJECT.test(line) && GRADE_KEY.test(line);
      for (const sentence of analyzeText(line, lineStart)) {
        (json || isGraderDirected(sentence, removedAt) ? ignored : sentences).push(sentence);
      }
    }
    lineStart += line.length + 1;
  }
  return { source, sentences, ignored };
}
