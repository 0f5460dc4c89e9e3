import {
  FIRST_PERSON_PLURAL,
  FIRST_PERSON_SINGULAR,
  IMPACT_LEMMAS,
  PAST_AUXILIARIES,
  QUANTITY_ENTITY_TYPES,
  SAME_FORM_PAST,
  type CueName,
} from './cues.js';
import type { EntityInfo, SentenceInfo, TokenInfo } from './nlp.js';

export type StarPart = 'situation' | 'task' | 'action' | 'result';
export const STAR_PARTS: readonly StarPart[] = ['situation', 'task', 'action', 'result'];

/**
 * narrative: something that happened; hypothetical: what the candidate would/will do; generic: a habit or
 * a self-description in the present ("I always…", "I handle deadlines by…").
 */
export type Mode = 'narrative' | 'hypothetical' | 'generic';

export interface StarSentence {
  readonly sentence: SentenceInfo;
  readonly part: StarPart | null;
  readonly mode: Mode;
  readonly singular: number;
  readonly plural: number;
  /** "I" followed by a past-tense verb: the candidate did something. */
  readonly ownAction: boolean;
  /**
   * How many things the candidate did in this sentence (1 or more when `ownAction`): "I engineered 40
   * features, set up time-based cross-validation, and tuned LightGBM" is three actions.
   */
  readonly actions: number;
  /** "we" followed by a past-tense verb. */
  readonly teamAction: boolean;
  readonly quantities: readonly EntityInfo[];
  readonly impact: boolean;
  readonly learning: boolean;
  /** Someone or something other than the candidate did or became something ("the client signed"). */
  readonly othersActed: boolean;
}

const OTHER_SUBJECTS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'it', 'you', 'this', 'that', 'which', 'who']);
const COORDINATORS: ReadonlySet<string> = new Set([',', 'and', 'or', ';', 'then']);
/** Words after which a bare verb is a step of a procedure: "First, verify…", "Then check the labels…". */
const STEP_OPENERS: ReadonlySet<string> = new Set([':', ';', 'then', 'first', 'next', 'finally', 'second', 'third', 'lastly', 'afterwards']);
const SKIPPABLE: ReadonlySet<string> = new Set(['ADV', 'AUX', 'PART']);

/*
 * Verbs that state a thought, a wish or a state rather than something done: "I think this is important
 * and I always try my best" describes no step.
 */
const NON_ACTION_LEMMAS: ReadonlySet<string> = new Set([
  'be', 'have', 'think', 'believe', 'feel', 'try', 'know', 'want', 'like', 'love', 'hope', 'guess', 'mean', 'need', 'seem',
  'enjoy', 'do', 'get', 'say', 'tend', 'wish', 'care', 'depend', 'admire', 'consider',
]);

export interface ActionOptions {
  /** Pronouns whose verbs count. */
  readonly subjects: ReadonlySet<string>;
  /** Count sentence-initial verbs and verbs after a label ("First, verify…", "Imputation: filling…"). */
  readonly imperative: boolean;
}

/**
 * Counts the actions a sentence describes: the verb of each clause whose subject is one of `subjects`,
 * plus the verbs coordinated with it ("I engineered 40 features, set up time-based cross-validation,
 * and tuned LightGBM" is three actions), never an infinitive of purpose ("to track progress").
 */
export function countActions(tokens: readonly TokenInfo[], options: ActionOptions): number {
  let count = 0;
  let pendingSubject = false;
  let active = false;
  for (let k = 0; k < tokens.length; k += 1) {
    const token = tokens[k];
    if (!token) continue;
    const previous = tokens[k - 1];
    if (token.pos === 'PRON' && options.subjects.has(token.normal)) {
      pendingSubject = true;
      continue;
    }
    if (token.pos === 'PRON' && OTHER_SUBJECTS.has(token.normal)) {
      pendingSubject = false;
      active = false;
      continue;
    }
    if (token.pos === 'VERB') {
      const countable = previous?.normal !== 'to' && !NON_ACTION_LEMMAS.has(token.lemma);
      if (pendingSubject && countable) {
        count += 1;
        active = true;
      } else if (countable && active && previous !== undefined && COORDINATORS.has(previous.normal)) {
        count += 1;
      } else if (options.imperative && countable && (k === 0 || STEP_OPENERS.has(previous?.normal ?? '') || (previous?.text === ',' && k <= 3))) {
        count += 1;
        active = true;
      }
      pendingSubject = false;
      continue;
    }
    if (pendingSubject && !SKIPPABLE.has(token.pos)) pendingSubject = false;
  }
  return count;
}

const SINGULAR_SUBJECT: ReadonlySet<string> = new Set(['i']);
const PLURAL_SUBJECT: ReadonlySet<string> = new Set(['we']);

/*
 * A verb that states what was the candidate's to do rather than a step taken: "I needed to…", "I decided to…", "I set
 * out to…", "I owned the model", "I volunteered", "I took ownership" (the task cues of cues.ts).
 */
const ROLE_LEMMAS: ReadonlySet<string> = new Set(['own', 'volunteer']);
const ROLE_OBJECTS: ReadonlySet<string> = new Set(['ownership', 'responsibility', 'charge']);

function statesRole(tokens: readonly TokenInfo[], verb: number): boolean {
  const token = tokens[verb];
  const next = tokens[verb + 1];
  if (!token) return false;
  if (next?.normal === 'to' || (next?.normal === 'out' && tokens[verb + 2]?.normal === 'to')) return true;
  return ROLE_LEMMAS.has(token.lemma) || (token.lemma === 'take' && ROLE_OBJECTS.has(next?.normal ?? ''));
}

/**
 * The steps the candidate took in a sentence beyond the role or goal it states: "I was on call, so I rolled the model
 * back" and "I was on call and rolled the model back" tell one, "I was on call that week" and "I needed to fix it" none.
 * A verb after "I was" states a role or what was done to the candidate ("I was asked to…"); a past verb coordinated
 * with a role clause is a step of the candidate's.
 */
function stepsBeyondRole(tokens: readonly TokenInfo[]): number {
  let steps = 0;
  let subject = false;
  let be = false;
  let clause = false;
  for (let k = 0; k < tokens.length; k += 1) {
    const token = tokens[k];
    if (!token) continue;
    const previous = tokens[k - 1];
    if (token.pos === 'PRON' && SINGULAR_SUBJECT.has(token.normal)) {
      subject = true;
      be = false;
      clause = false;
      continue;
    }
    if (token.pos === 'PRON' && (OTHER_SUBJECTS.has(token.normal) || PLURAL_SUBJECT.has(token.normal))) {
      subject = false;
      clause = false;
      continue;
    }
    if (token.pos === 'VERB') {
      const done = previous?.normal !== 'to' && !NON_ACTION_LEMMAS.has(token.lemma) && isPastVerb(token);
      if (subject) {
        if (done && !be && !statesRole(tokens, k)) steps += 1;
        clause = true;
      } else if (clause && done && previous !== undefined && COORDINATORS.has(previous.normal) && !statesRole(tokens, k)) {
        steps += 1;
      }
      subject = false;
      continue;
    }
    if (subject && (token.pos === 'AUX' || SKIPPABLE.has(token.pos))) {
      be ||= token.normal === 'was' || token.normal === 'were';
      continue;
    }
    if (subject) {
      subject = false;
      clause = true;
    }
  }
  return steps;
}

/** Modals that move a statement out of what happened ("the launch would go ahead"). */
const MODALS: ReadonlySet<string> = new Set(['would', 'will', 'could', 'might', 'should', 'may', 'shall']);

type Clause = 'past-action' | 'past-state' | 'present' | 'modal' | null;

/**
 * Whether the token at `index` is a modal. "'d" is read as "would" by the tokenizer, but before a past
 * participle it is "had": "He appreciated that I'd tested it" tells what happened.
 */
function isModalAt(tokens: readonly TokenInfo[], index: number): boolean {
  const token = tokens[index];
  if (!token || token.pos !== 'AUX' || !MODALS.has(token.normal)) return false;
  if (!/^['’]d$/i.test(token.text)) return true;
  const next = tokens.slice(index + 1).find((candidate) => candidate.pos !== 'ADV' && candidate.pos !== 'PART');
  return !(next?.pos === 'VERB' && next.normal !== next.lemma && !next.normal.endsWith('ing'));
}

export function isPastVerb(token: TokenInfo): boolean {
  if (token.pos !== 'VERB') return false;
  if (SAME_FORM_PAST.has(token.normal)) return true;
  return token.normal !== token.lemma && !token.normal.endsWith('ing') && !token.normal.endsWith('s');
}

/** Reads the verb group after a subject pronoun: "I (also) (had) fixed", "I was asked", "I handle". */
function clauseAfter(tokens: readonly TokenInfo[], subject: number): Clause {
  let sawPastAuxiliary = false;
  let sawBeAuxiliary = false;
  for (let k = subject + 1; k < Math.min(tokens.length, subject + 5); k += 1) {
    const token = tokens[k];
    if (!token) break;
    if (token.pos === 'ADV' || token.pos === 'PART') continue;
    if (token.pos === 'AUX') {
      if (PAST_AUXILIARIES.has(token.normal)) {
        sawPastAuxiliary = true;
        sawBeAuxiliary ||= token.normal === 'was' || token.normal === 'were';
        continue;
      }
      if (isModalAt(tokens, k) || token.normal === 'can') return 'modal';
      if (MODALS.has(token.normal)) {
        sawPastAuxiliary = true;
        continue;
      }
      return 'present';
    }
    if (token.pos === 'VERB') {
      if (sawBeAuxiliary) return 'past-state';
      if (sawPastAuxiliary || isPastVerb(token)) return 'past-action';
      return 'present';
    }
    break;
  }
  return sawPastAuxiliary ? 'past-state' : null;
}

function clausesOf(tokens: readonly TokenInfo[], subjects: ReadonlySet<string>): Clause[] {
  const clauses: Clause[] = [];
  tokens.forEach((token, index) => {
    if (token.pos === 'PRON' && subjects.has(token.normal)) clauses.push(clauseAfter(tokens, index));
  });
  return clauses;
}

function hasPastClause(tokens: readonly TokenInfo[]): boolean {
  return tokens.some((token) => isPastVerb(token) || (token.pos === 'AUX' && PAST_AUXILIARIES.has(token.normal)));
}

const THIRD_PERSON: ReadonlySet<string> = new Set(['he', 'she', 'they', 'it', 'this', 'that', 'everyone', 'stakeholders']);

/**
 * A past-tense clause whose subject is someone or something other than the candidate or the team,
 * wherever it stands: "Three months later she was reviewing other people's code", "He wasn't happy at
 * first, but the flag caught two of the three accounts".
 */
function othersActed(tokens: readonly TokenInfo[]): boolean {
  const [first] = tokens;
  const subjectFirst = first !== undefined && (THIRD_PERSON.has(first.normal) || first.pos === 'NOUN' || first.pos === 'PROPN' || first.pos === 'DET');
  if (subjectFirst && hasPastClause(tokens)) return true;
  return tokens.some((token, index) => {
    const subject = (token.pos === 'PRON' && THIRD_PERSON.has(token.normal)) || token.pos === 'NOUN' || token.pos === 'PROPN';
    if (!subject) return false;
    const verb = tokens.slice(index + 1, index + 4).find((next) => next.pos !== 'ADV' && next.pos !== 'PART');
    return verb !== undefined && ((verb.pos === 'AUX' && PAST_AUXILIARIES.has(verb.normal)) || isPastVerb(verb));
  });
}

/** A STAR label opening a sentence ("Task: I was on call…", "**Result:** …") says which part it is. */
const STAR_LABEL = /^[\s*_#>-]*(situation|task|actions?|results?)[*_]*\s*[:\u2013\u2014-][*_]*\s/i;

function labelledPart(text: string): StarPart | null {
  const label = STAR_LABEL.exec(text)?.[1]?.toLowerCase();
  if (!label) return null;
  return label.startsWith('action') ? 'action' : label.startsWith('result') ? 'result' : label === 'task' ? 'task' : 'situation';
}

function scoreParts(features: Omit<StarSentence, 'part'>, index: number, count: number): StarPart | null {
  const { sentence, mode } = features;
  if (mode === 'hypothetical') return null;
  const cue = (name: CueName): number => (sentence.cues.has(name) ? 1 : 0);
  // A lesson is a result even when phrased as a present habit ("Now I always involve engineering early").
  if (mode === 'generic') return features.learning ? 'result' : null;

  const hasDate = sentence.entities.some((entity) => entity.type === 'DATE');
  const early = index < count / 3;
  const late = count >= 3 && index >= (2 * count) / 3;
  // The last third of a story tells how it ended; a date or a "we had" there ("that quarter", "once we had a
  // year of labels") is no longer the scene being set.
  const sceneWeight = late ? 0.25 : 1;
  const scores: Record<StarPart, number> = {
    situation:
      sceneWeight *
      (2 * cue('setting') +
      1.5 * cue('temporal') * (index < count / 2 ? 1 : 0) +
      cue('context') +
      (hasDate ? 1 : 0) +
      (index === 0 ? 1 : 0) +
      (hasPastClause(sentence.tokens) && !features.ownAction && early ? 1 : 0)),
    task: 3 * cue('task'),
    // Several actions outweigh a task phrase: "I owned the rebuild: I engineered…, set up…, and tuned…" is
    // what the candidate did, not only what they were responsible for.
    action:
      features.ownAction || features.teamAction
        ? (features.ownAction ? 2 : 1) + 0.5 * cue('reasoning') + (features.actions >= 3 ? 1.5 : features.actions === 2 ? 0.5 : 0)
        : 0,
    result:
      2 * cue('result') +
      (features.impact ? 1 : 0) +
      (features.impact && features.quantities.length > 0 ? 1 : 0) +
      (features.learning ? 2 : 0) +
      (late ? 0.5 : 0) +
      // Late in the story, what someone else did or became is how it turned out ("She agreed to prioritise it").
      // A "we" clause may close it too: "the flag caught two of the three accounts, and we built the real model".
      (late && !features.ownAction && features.othersActed ? 1 : 0),
  };
  // Ties go to the rarer, more informative part: an own action that moved a number is the result.
  const order: StarPart[] = ['result', 'task', 'action', 'situation'];
  let best: StarPart | null = null;
  let bestScore = 0.99;
  for (const part of order) {
    if (scores[part] > bestScore) {
      best = part;
      bestScore = scores[part];
    }
  }
  return best;
}

function modeOf(sentence: SentenceInfo, own: readonly Clause[], team: readonly Clause[]): Mode {
  const { tokens, cues } = sentence;
  // "I learned that I could…" is reflection on a real event, whatever its modals and tenses.
  if (cues.has('learning')) return cues.has('generic') ? 'generic' : 'narrative';
  const modal = tokens.some((_token, index) => isModalAt(tokens, index));
  // A conditional with a modal is hypothetical whatever its tenses ("If a model I built failed, I would…"),
  // but only a clause-initial "if": "I checked if we could reuse it" asks whether, it imagines nothing.
  const conditional =
    modal && tokens.some((token, index) => token.normal === 'if' && (index === 0 || tokens[index - 1]?.pos === 'PUNCT'));
  // After a past action a modal states a purpose ("I split the work so that we could…").
  const pastAction = own.includes('past-action') || team.includes('past-action');
  if (conditional || (!pastAction && (cues.has('hypothetical') || (modal && !hasPastClause(tokens))))) return 'hypothetical';
  const clauses = [...own, ...team];
  const presentOnly = clauses.includes('present') && !clauses.some((clause) => clause === 'past-action' || clause === 'past-state');
  return cues.has('generic') || presentOnly ? 'generic' : 'narrative';
}

/**
 * A story's opening sets its scene: when no sentence reads as the situation, the first one does, as long
 * as it is something that happened and other sentences still tell what the candidate did.
 */
function openingAsSituation(classified: StarSentence[]): StarSentence[] {
  const [first, ...rest] = classified;
  if (!first || classified.some((sentence) => sentence.part === 'situation')) return classified;
  // An opening that reports a change ("Two days before a demo, our model's precision dropped from 0.91 to
  // 0.78") is the problem the story starts from, not its outcome.
  const opensWithChange = first.part === 'result' && !first.ownAction && !first.teamAction && !first.learning;
  if (first.mode !== 'narrative' || (first.part !== 'action' && !opensWithChange) || !rest.some((sentence) => sentence.part === 'action')) return classified;
  return [{ ...first, part: 'situation' }, ...rest];
}

const classifiedAnswers = new WeakMap<readonly SentenceInfo[], readonly StarSentence[]>();

/**
 * `classifySentences` of an answer's sentences, once per answer: the STAR grader and the behavioural
 * reading (response-features.ts) both classify the same sentences, and the rules are the costlier half of them.
 */
export function classifyAnswer(sentences: readonly SentenceInfo[]): readonly StarSentence[] {
  const known = classifiedAnswers.get(sentences);
  if (known) return known;
  const classified = classifySentences(sentences);
  classifiedAnswers.set(sentences, classified);
  return classified;
}

export function classifySentences(sentences: readonly SentenceInfo[]): StarSentence[] {
  return openingAsSituation(sentences.map((sentence, index) => {
    const { tokens } = sentence;
    const own = clausesOf(tokens, SINGULAR_SUBJECT);
    const team = clausesOf(tokens, PLURAL_SUBJECT);
    const mode = modeOf(sentence, own, team);
    const narrative = mode === 'narrative';
    // "I was on call and rolled the model back": a step coordinated with a role clause is an own action too.
    const beyondRole = narrative ? stepsBeyondRole(tokens) : 0;
    const ownAction = narrative && (own.includes('past-action') || beyondRole > 0);
    const features = {
      sentence,
      mode,
      singular: tokens.filter((token) => FIRST_PERSON_SINGULAR.has(token.normal)).length,
      plural: tokens.filter((token) => FIRST_PERSON_PLURAL.has(token.normal)).length,
      ownAction,
      actions: ownAction ? Math.max(1, beyondRole, countActions(tokens, { subjects: SINGULAR_SUBJECT, imperative: false })) : 0,
      teamAction: mode === 'narrative' && team.includes('past-action'),
      quantities: sentence.entities.filter(
        (entity) => QUANTITY_ENTITY_TYPES.has(entity.type) && entity.value.toLowerCase() !== 'one',
      ),
      // A gerund names an activity ("responsible for shipping"), not an outcome.
      impact: tokens.some((token) => token.pos === 'VERB' && IMPACT_LEMMAS.has(token.lemma) && !token.normal.endsWith('ing')),
      learning: sentence.cues.has('learning'),
      othersActed: othersActed(tokens),
    };
    // The candidate's own label outranks the cues, except on what did not happen.
    const labelled = mode === 'hypothetical' ? null : labelledPart(sentence.text);
    const scored = scoreParts(features, index, sentences.length);
    // A role or goal that introduces a step of the candidate's ("I was on call, so I rolled the model back") leaves the
    // step theirs: the sentence is filed as the action, and still carries the task (star-grader.ts reads it there).
    const part = scored === 'task' && beyondRole > 0 ? 'action' : scored;
    return { ...features, part: labelled ?? part };
  }));
}
