import { INVISIBLE_CHARACTERS } from '../../text/sanitize.js';
import { asksForMark, holdsGradeObject, isGradeLine } from './fake-grades.js';
import { analyzeText, type SentenceInfo } from './nlp.js';
import { hasSections, listItem, namesThings, roleTurn } from './role-markers.js';

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
