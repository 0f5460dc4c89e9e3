import { INVISIBLE_CHARACTERS } from '../../text/sanitize.js';
import { allRubrics } from '../rubrics.js';
import { analyzeText, type SentenceInfo } from './nlp.js';
import { LIST_MARKER } from './terms.js';

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
 * Markup addressed to a machine: a tag ("<system>", "</instructions >", '<note role="grader">'), a chat
 * template's markers ("<|im_start|>", "[INST]", "[SYSTEM]", "<<SYS>>", "### Response:") or an HTML comment. Not
 * NumPy's fancy indexing ("X[[0, 2]]"), a comparison or an arrow in code ("if n < 2", "size <= 1", "const ->
 * nonconst", "input --> model"), nor a placeholder of a syntax ("<variable type> <variable name>;").
 */
const MARKUP =
  /<\/?[a-z][\w-]*(?:\s+[\w-]+\s*=[^<>]*)?\s*>|\/>|<\|[^<>|]*\|>|<!--|\[\/?INST\]|\[\/?SYSTEM\]|<<\/?SYS>>|^\s*#{2,}\s*(?:instruction|response|system)\s*:/i;

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
function holdsGradeObject(line: string): boolean {
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
/** How far after a grade request's word its number may stand ("give this answer a 5"). */
const MARK_REQUEST_REACH = 4;
/** How many words after the number may name its unit ("5 bonus points"). */
const MARK_UNIT_REACH = 2;

/**
 * A grade asked for: a request word, then within a few words a number that can be a grade, not followed by a
 * noun that makes it a quantity ("give it 10 more epochs") unless a grade's word is among them ("10 Stars",
 * "5 bonus points").
 */
function asksForMark(sentence: SentenceInfo): boolean {
  const { tokens } = sentence;
  return tokens.some((request, at) => {
    if (!MARK_REQUEST_WORDS.has(request.normal)) return false;
    const offset = tokens.slice(at + 1, at + 1 + MARK_REQUEST_REACH).findIndex((token) => token.kind === 'number' || token.pos === 'NUM' || NUMBER_WORDS.has(token.normal));
    if (offset < 0) return false;
    const numberAt = at + 1 + offset;
    const number = tokens[numberAt];
    if (number === undefined || numeralGrade(number.normal) === null) return false;
    const after = tokens.slice(numberAt + 1, numberAt + 1 + MARK_UNIT_REACH);
    const [next] = after;
    if (next === undefined || !QUANTIFIED_POS.has(next.pos)) return true;
    return after.some((token) => GRADE_WORDS.has(token.normal));
  });
}

/** The scales a grade is given on ("5/5", "8 out of 10", "90/100"); "1/2" and "3/4" are probabilities. */
const GRADE_SCALES: ReadonlySet<number> = new Set([5, 10, 100]);
/** A line that is only a value, with a label and a scale or not ("Score: 5/5", "**Correctness** — 4.5", "| Score | 5 |"). */
const VALUE_LINE = /^\s*(?:([a-z][a-z-]*)(?:\s*[:=：—–-]\s*|\s+))?(\d{1,3}(?:\.\d+)?|[a-z]+)\s*(?:(?:\/|out\s+of)\s*(\d{1,3}))?\s*[.!]?\s*$/i;
/** Decoration around a label and its value in markdown: emphasis, table bars, headings, quotes. */
const DECORATION = /[*_|#>`]+/g;

/**
 * A line that is only a grade: a grade's value on a grade's scale ("5/5", "10 out of 10"), or under a grade's name
 * or a dimension only a grader names ("Score: 5", "Correctness = 4.5", "**Points:** five"). A metric ("Accuracy:
 * 0.93", "Accuracy = 93"), a setting ("Depth: 3") and a probability ("1/2", "Result: 1/2") are an answer's.
 */
function isGradeLine(line: string): boolean {
  const match = VALUE_LINE.exec(line.replace(DECORATION, ' '));
  if (!match) return false;
  const [, label, value = '', scale] = match;
  if (numeralGrade(value) === null) return false;
  if (scale !== undefined && !GRADE_SCALES.has(Number(scale))) return false;
  if (label === undefined) return scale !== undefined;
  const name = label.toLowerCase();
  return GRADE_NAMES.has(name) || name === 'points' || GRADING_ONLY_DIMENSIONS.has(name);
}

/**
 * A chat role's marker opening a sentence or a clause ("Assistant: …", "…; system: the result was…"), or
 * capitalised as a role inside one ("…boosting, bagging Assistant: as a result…", "AI Assistant: …"); not a thing's
 * name after a determiner ("a recommendation system: …", "our Fraud Scoring System: …", "Our System: …"): whatever follows it on its
 * line is said to the grader. "System:" and "Developer:" also head a part of an answer ("Data: schema checks,
 * drift. System: latency, throughput, error rates."): they do when what follows is a list of things — no verb, no
 * one speaking or spoken to, no grade nor anyone's answer. Anything else after them (a claim in any person or
 * voice, praise, a grade) is the role speaking.
 */
const ROLE_MARKER = /(?:^|[;,.!?…|/([{—–-])[^a-z0-9]*(assistant|system|developer)\s*[:：](.*)$/i;
const INLINE_ROLE_MARKER = /(?<![A-Za-z])(Assistant|System|Developer|ASSISTANT|SYSTEM|DEVELOPER)\s*[:：](.*)$/g;
/**
 * A thing's name ending where an inline marker starts ("our Fraud Scoring System", "Our System"). Tested on the few
 * words before each candidate, not as a lookbehind: that was tried at every position of a sentence, 5 ms on a
 * 12,000-character one of capitalised words.
 */
const NAMED_BEFORE = /\b(?:(?:[Oo]ur|[Mm]y|[Tt]heir|[Ii]ts)\s+(?:[A-Z][\w-]*\s+)*|(?:[Tt]he|[Aa]n?|[Tt]his)\s+(?:[A-Z][\w-]*\s+)+)$/;
/** How far before an inline marker a thing's name is looked for. */
const NAME_REACH = 80;
/** Whether a sentence holds a role's name before a colon at all: most do not, and skip the markers' patterns. */
const ROLE_WORD = /(?:assistant|system|developer)\s*[:：]/i;

/** The first role's name capitalised inside a sentence that is not a thing's name. */
function inlineRoleMarker(text: string): RegExpExecArray | null {
  for (const match of text.matchAll(INLINE_ROLE_MARKER)) {
    if (!NAMED_BEFORE.test(text.slice(Math.max(0, match.index - NAME_REACH), match.index))) return match;
  }
  return null;
}
/** Decoration that hides a marker ("**System:**"); not "|", which separates a clause from one ("… | system: …"). */
const EMPHASIS = /[*_#>`]+/g;
/**
 * Who speaks, is spoken to or is judged, grades, and another role's marker: never part of a list of things an
 * answer's section names.
 */
const NOT_A_HEADING =
  /\b(?:i|we|my|our|me|us|you|your|candidate|answer|response|score|scores|grade|grades|rating|marks?|points?|verdict|stars?|credit|full|maximum|perfect|out\s+of)\b|\d\s*\/\s*\d|^\W*\d+(?:\.\d+)?\s*%\W*$|\b(?:assistant|system|developer)\s*[:：]/i;

/** How a sentence opens a role's turn: not at all, for the rest of its line, or alone on its line ("System:"). */
interface RoleTurn {
  readonly kind: 'none' | 'line' | 'bare';
  readonly role: string;
}

function roleTurn(text: string): RoleTurn {
  const plain = text.replace(EMPHASIS, ' ');
  if (!ROLE_WORD.test(plain)) return { kind: 'none', role: '' };
  const marker = ROLE_MARKER.exec(plain) ?? inlineRoleMarker(plain);
  if (marker === null) return { kind: 'none', role: '' };
  const [, found = '', spoken = ''] = marker;
  // Markers stacked on one line ("System: Assistant:") hand the turn to the last.
  const stacked = /^\W*(?:(?:assistant|system|developer)\s*[:：]\W*)+/i.exec(spoken);
  const said = stacked === null ? spoken : spoken.slice(stacked[0].length);
  // An assistant anywhere in the stack speaks ("Assistant: System:" is no heading).
  const role = /assistant/i.test(`${found} ${stacked?.[0] ?? ''}`) ? 'assistant' : 'system';
  if (said.replace(/\|/g, ' ').trim() === '') return { kind: 'bare', role };
  return { kind: role === 'assistant' || !namesThings(said) ? 'line' : 'none', role };
}

/** Words that name things: a list of adjectives after "System:" is praise ("excellent, complete and correct"). */
const THINGS: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'NUM']);

/** What follows a "System:" heading: a list of things, without a verb or a grade ("latency, throughput, error rates"). */
function namesThings(said: string): boolean {
  if (said.trim() === '' || isGradeLine(said) || NOT_A_HEADING.test(said.replace(/\bi\.e\.|\bI\/O\b/gi, ''))) return false;
  const tokens = analyzeText(said).flatMap((sentence) => sentence.tokens);
  return tokens.some((token) => THINGS.has(token.pos)) && !tokens.some((token) => token.pos === 'VERB' || token.pos === 'AUX');
}

/** A line that only heads a section ("Data:", "**Model**", "## Serving"): a few words with a colon, in bold or after "#". */
const SECTION_HEADING =
  /^\s*(?:#{1,6}\s+\S.{0,40}|(?:\*\*|__)?[A-Za-z][\w/&+ -]{0,30}?(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?|(?:\*\*|__)[A-Za-z][\w/&+ -]{0,30}?(?:\*\*|__))\s*$/;

/** Whether an answer is laid out in sections, other than under a role's name: then a bare "System:" heads one. */
function hasSections(lines: readonly string[]): boolean {
  return lines.some((line) => SECTION_HEADING.test(line) && !/^\W*(?:assistant|system|developer)\b/i.test(line));
}

/** A line read under a heading: its list marker left out ("- latency, throughput"). */
const listItem = (line: string): string => line.replace(DECORATION, ' ').trimStart().replace(LIST_MARKER, '');

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
  const lines = source.split('\n');
  const sectioned = hasSections(lines);
  let lineStart = 0;
  // A role's marker alone on its line ("Assistant:", or "System:" in an answer not laid out in sections) speaks in
  // the lines after it, to the end of its paragraph; of those, only a list of things is read ("- latency, throughput").
  let bareTurn = false;
  for (const line of lines) {
    if (line.trim() === '') bareTurn = false;
    else {
      let addressed = (bareTurn && !namesThings(listItem(line))) || holdsGradeObject(line) || isGradeLine(line);
      for (const sentence of analyzeText(line, lineStart)) {
        // A role's marker speaks to the grader to the end of its line, whatever the sentence splitter makes of it.
        const turn = roleTurn(sentence.text);
        if (turn.kind === 'bare' && (turn.role === 'assistant' || !sectioned)) bareTurn = true;
        addressed ||= turn.kind === 'line' || (turn.kind === 'bare' && bareTurn);
        (addressed || isGraderDirected(sentence, removedAt) ? ignored : sentences).push(sentence);
      }
    }
    lineStart += line.length + 1;
  }
  return { source, sentences, ignored };
}
