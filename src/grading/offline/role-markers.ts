import { DECORATION, isGradeLine } from './fake-grades.js';
import { analyzeText } from './nlp.js';
import { LIST_MARKER } from './terms.js';

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
export interface RoleTurn {
  readonly kind: 'none' | 'line' | 'bare';
  readonly role: string;
}

export function roleTurn(text: string): RoleTurn {
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
export function namesThings(said: string): boolean {
  if (said.trim() === '' || isGradeLine(said) || NOT_A_HEADING.test(said.replace(/\bi\.e\.|\bI\/O\b/gi, ''))) return false;
  const tokens = analyzeText(said).flatMap((sentence) => sentence.tokens);
  return tokens.some((token) => THINGS.has(token.pos)) && !tokens.some((token) => token.pos === 'VERB' || token.pos === 'AUX');
}

/** A line that only heads a section ("Data:", "**Model**", "## Serving"): a few words with a colon, in bold or after "#". */
const SECTION_HEADING =
  /^\s*(?:#{1,6}\s+\S.{0,40}|(?:\*\*|__)?[A-Za-z][\w/&+ -]{0,30}?(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?|(?:\*\*|__)[A-Za-z][\w/&+ -]{0,30}?(?:\*\*|__))\s*$/;

/** Whether an answer is laid out in sections, other than under a role's name: then a bare "System:" heads one. */
export function hasSections(lines: readonly string[]): boolean {
  return lines.some((line) => SECTION_HEADING.test(line) && !/^\W*(?:assistant|system|developer)\b/i.test(line));
}

/** A line read under a heading: its list marker left out ("- latency, throughput"). */
export const listItem = (line: string): string => line.replace(DECORATION, ' ').trimStart().replace(LIST_MARKER, '');
