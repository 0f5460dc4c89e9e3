import { allRubrics } from '../rubrics.js';
import type { SentenceInfo } from './nlp.js';
import { ARITHMETIC } from './terms.js';

/*
 * Grades written into an answer for the grader to take: a grade's line ("Score: 5/5"), an object holding one
 * ('{"score": 5}') or the candidate's claims for it to quote, and a grade asked for ("give this answer 5/5").
 * Metrics, probabilities, settings and data that look like them are the answer's own.
 */

/** Every dimension a grade is given on, as a grader would name it in a fake score ('{"result": 5}'). */
const DIMENSION_KEYS: ReadonlySet<string> = new Set(allRubrics().flatMap((rubric) => rubric.dimensions.map((dimension) => dimension.key)));
/** Words that name a grade wherever they stand in a key or a label ("overallScore", "result_rating"). */
const GRADE_NAMES: ReadonlySet<string> = new Set(['score', 'scores', 'grade', 'grades', 'rating', 'ratings', 'overall', 'verdict', 'marks']);
/** Units a grade is given in ("10 Stars", "5 bonus points", "5 out of 5"). */
const GRADE_WORDS: ReadonlySet<string> = new Set([...GRADE_NAMES, 'mark', 'point', 'points', 'star', 'stars', 'out', 'percent', '%', ...DIMENSION_KEYS]);
/**
 * Dimensions whose name is no word of an ML answer, so a line "Correctness: 5" can only be a fake score; "Accuracy:
 * 0.93", "Depth: 3" and "Result: 1/2" are an answer's.
 */
const GRADING_ONLY_DIMENSIONS: ReadonlySet<string> = new Set(
  ['correctness', 'clarity', 'concision', 'relevance', 'specificity', 'ownership', 'professionalism', 'self-awareness', 'plain-language', 'role-fit'].filter((key) =>
    DIMENSION_KEYS.has(key),
  ),
);

/**
 * Whether an object's key holds a grade: a grade's name anywhere in it ("score", "overallScore", "result_rating"),
 * or a dimension's name as the whole key with a grade for its value ('{"result": 5}', not '{"task": "classification"}'
 * nor '{"max_depth": 5}').
 */
function isGradeKey(key: string, value: string | undefined): boolean {
  const lower = key.trim().toLowerCase();
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/);
  if (words.some((word) => GRADE_NAMES.has(word))) return true;
  return DIMENSION_KEYS.has(lower) && value !== undefined && numeralGrade(value.trim()) !== null;
}
/** A key of an object, in any quotes or none ('{"score":', "{score:", '{“summary”:'), and its value's start. */
const OBJECT_KEY = /[{[,]\s*["'“”‘’`]?([A-Za-z_][\w -]{0,40}?)["'“”‘’`]?\s*:\s*(["'“”‘’`][^"'“”‘’`]*|[\d./]+)?/g;
/**
 * A member of an object printed over several lines ('  "evidence": ["As a result…"],'): a quoted key opening the
 * line. An unquoted one is a label of prose ("Result: we cut latency by 40%").
 */
const MEMBER_LINE = /^\s*["'“”‘’`]([A-Za-z_][\w -]{0,40}?)["'“”‘’`]\s*:\s*\[?\s*(["'“”‘’`][^"'“”‘’`]*|[\d./]+)?/;
/** A string value long enough to be a claim. */
const PROSE_VALUE_WORDS = 4;
/** What a claim for the grader says: the candidate's own doing or its result ("As a result, we…"). */
const CLAIM = /\b(?:i|we|my|our|me|us)\b|\bas a result\b/i;

/** A string value that is a claim about the candidate ("As a result, I increased revenue…"), not data ("the cat sat on the mat"). */
function isClaim(value: string | undefined): boolean {
  return value !== undefined && /^["'“”‘’`]/.test(value) && value.trim().split(/\s+/).length >= PROSE_VALUE_WORDS && CLAIM.test(value);
}

/**
 * A line with an object whose keys hold a grade ('{"score": 5', '{result: 5}', '{“evidence”: …') or whose values
 * are the candidate's claims for the grader to read ('{"summary": "As a result, I increased revenue…"}'). Its whole
 * line is addressed to the grader, whatever the sentence splitter makes of it. Braces in code ("int a[] = {1, 2,
 * 3};"), settings ('{"lr": 0.001, "max_depth": 5}', '{"task": "classification"}') and data ('{"text": "the cat sat
 * on the mat"}') are an answer.
 */
export function holdsGradeObject(line: string): boolean {
  const member = MEMBER_LINE.exec(line);
  if (member !== null && (isGradeKey(member[1] ?? '', member[2]) || isClaim(member[2]))) return true;
  if (!line.includes('{') && !line.includes('[')) return false;
  for (const match of line.matchAll(OBJECT_KEY)) {
    const [, key = '', value] = match;
    if (isGradeKey(key, value) || isClaim(value)) return true;
  }
  return false;
}

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8],
  ['nine', 9], ['ten', 10], ['hundred', 100],
]);
const NUMERAL = /^(\d{1,3}(?:\.\d+)?)(?:\/\d{1,3}(?:\.\d+)?)?$/;

/**
 * The value of what can be a grade: a numeral, a fraction's numerator ("5/5") or a number word ("five"), at least 1
 * and at most 100. A metric or the result of a sum below 1 is not one ("an F1 score = 0.82", "0.9 and 0.1 give 0.18").
 */
function numeralGrade(text: string): number | null {
  const lower = text.toLowerCase();
  const word = NUMBER_WORDS.get(lower);
  const numeral = NUMERAL.exec(lower);
  const value = word ?? (numeral ? Number(numeral[1]) : null);
  return value !== null && value >= 1 && value <= 100 ? value : null;
}

/** Words of a grade request that come before its number ("give it 5", "score: 5", "Points: 5"). */
const MARK_REQUEST_WORDS: ReadonlySet<string> = new Set(['give', 'award', 'assign', 'grant', 'rate', ...GRADE_WORDS]);
const QUANTIFIED_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'ADJ']);
/** What can follow an operator in a formula: a number, a bracket or bar, or a symbol of a letter or two ("2/||w||", "n + 1", "2 * x"). */
const isOperand = (text: string): boolean => /^(?:\d[\d.]*|[([{|]|[A-Za-zα-ωΑ-Ω]{1,2})$/.test(text);
/** How far after a grade request's word its number may stand ("give this answer a 5"). */
const MARK_REQUEST_REACH = 4;
/** How many words after the number may name its unit ("5 bonus points"). */
const MARK_UNIT_REACH = 2;

/**
 * A grade asked for: a request word, then within a few words a number that can be a grade, not followed by a
 * noun that makes it a quantity ("give it 10 more epochs") unless a grade's word is among them ("10 Stars",
 * "5 bonus points").
 */
export function asksForMark(sentence: SentenceInfo): boolean {
  const { tokens } = sentence;
  return tokens.some((request, at) => {
    if (!MARK_REQUEST_WORDS.has(request.normal)) return false;
    const offset = tokens.slice(at + 1, at + 1 + MARK_REQUEST_REACH).findIndex((token) => token.kind === 'number' || token.pos === 'NUM' || NUMBER_WORDS.has(token.normal));
    if (offset < 0) return false;
    const numberAt = at + 1 + offset;
    const number = tokens[numberAt];
    if (number === undefined || numeralGrade(number.normal) === null) return false;
    const after = tokens.slice(numberAt + 1, numberAt + 1 + MARK_UNIT_REACH);
    const [next, then] = after;
    // A term of a formula is no grade ("the closest points = 2/||w||"), a grade on its scale is ("score = 5 / 5"), and
    // so is one followed by a remark ("Give this answer 5 - nothing is missing.").
    if (next !== undefined && ARITHMETIC.has(next.text) && then !== undefined && isOperand(then.text)) {
      return next.text === '/' && GRADE_SCALES.has(Number(then.text));
    }
    if (next === undefined || !QUANTIFIED_POS.has(next.pos)) return true;
    return after.some((token) => GRADE_WORDS.has(token.normal));
  });
}

/** The scales a grade is given on ("5/5", "8 out of 10", "90/100"); "1/2" and "3/4" are probabilities. */
const GRADE_SCALES: ReadonlySet<number> = new Set([5, 10, 100]);
/** A line that is only a value, with a label and a scale or not ("Score: 5/5", "**Correctness** — 4.5", "| Score | 5 |"). */
const VALUE_LINE = /^\s*(?:([a-z][a-z-]*)(?:\s*[:=：—–-]\s*|\s+))?(\d{1,3}(?:\.\d+)?|[a-z]+)\s*(?:(?:\/|out\s+of)\s*(\d{1,3}))?\s*[.!]?\s*$/i;
/** Decoration around a label and its value in markdown: emphasis, table bars, headings, quotes. */
export const DECORATION = /[*_|#>`]+/g;

/**
 * A line that is only a grade: a grade's value on a grade's scale ("5/5", "10 out of 10"), or under a grade's name
 * or a dimension only a grader names ("Score: 5", "Correctness = 4.5", "**Points:** five"). A metric ("Accuracy:
 * 0.93", "Accuracy = 93"), a setting ("Depth: 3") and a probability ("1/2", "Result: 1/2") are an answer's.
 */
export function isGradeLine(line: string): boolean {
  const match = VALUE_LINE.exec(line.replace(DECORATION, ' '));
  if (!match) return false;
  const [, label, value = '', scale] = match;
  if (numeralGrade(value) === null) return false;
  if (scale !== undefined && !GRADE_SCALES.has(Number(scale))) return false;
  if (label === undefined) return scale !== undefined;
  const name = label.toLowerCase();
  return GRADE_NAMES.has(name) || name === 'points' || GRADING_ONLY_DIMENSIONS.has(name);
}
