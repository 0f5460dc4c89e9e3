import type { Rubric } from '../../contracts/rubric-schema.js';
import type { AnswerText } from './answer-text.js';
import { listOf, nextLevelAdvice, offTopicCapped } from './behavioural-grading.js';
import { CONSTRAINT_LEMMAS, STAKES_LEMMAS } from './cues.js';
import type { ReferenceProfile } from './reference-profile.js';
import { themedRelevance } from './response-features.js';
import { concisionOf } from './concision.js';
import { plural, prioritise, scoreMap, toDimensions, type Advice, type DimensionDraft, type RubricFeedback } from './scoring.js';
import { classifyAnswer, classifySentences, isPastVerb, STAR_PARTS, type StarPart, type StarSentence } from './star-parts.js';
import { isTermList, shorten, termCounts } from './terms.js';

const MAX_EVIDENCE = 3;

const PART_NAMES: Record<StarPart, string> = {
  situation: 'Situation (when and where it happened, what was at stake)',
  task: 'Task (what you were responsible for)',
  action: 'Action (the steps you personally took)',
  result: 'Result (the outcome, measured, and what you learned)',
};

interface StarStats {
  readonly classified: readonly StarSentence[];
  readonly byPart: Readonly<Record<StarPart, readonly StarSentence[]>>;
  readonly hypothetical: readonly StarSentence[];
  readonly generic: readonly StarSentence[];
  readonly hypotheticalShare: number;
  readonly genericShare: number;
  readonly ownActions: readonly StarSentence[];
  /** Actions of the candidate's own, counted by verb: one sentence may hold several. */
  readonly actionCount: number;
  readonly teamActions: number;
  readonly singular: number;
  readonly plural: number;
}

function statsOf(classified: readonly StarSentence[]): StarStats {
  const count = Math.max(1, classified.length);
  const byPart: Record<StarPart, StarSentence[]> = { situation: [], task: [], action: [], result: [] };
  for (const sentence of classified) if (sentence.part) byPart[sentence.part].push(sentence);
  const hypothetical = classified.filter((sentence) => sentence.mode === 'hypothetical');
  const generic = classified.filter((sentence) => sentence.mode === 'generic' && !sentence.learning);
  // "I needed to…" is grammatically an action but tells the task.
  const ownActions = classified.filter((sentence) => sentence.ownAction && sentence.part !== 'task');
  return {
    classified,
    byPart,
    hypothetical,
    generic,
    hypotheticalShare: hypothetical.length / count,
    genericShare: generic.length / count,
    ownActions,
    actionCount: ownActions.reduce((sum, sentence) => sum + sentence.actions, 0),
    teamActions: classified.filter((sentence) => sentence.teamAction && !sentence.ownAction).length,
    singular: classified.reduce((sum, sentence) => sum + sentence.singular, 0),
    plural: classified.reduce((sum, sentence) => sum + sentence.plural, 0),
  };
}

const quote = (sentence: StarSentence): string => `"${shorten(sentence.sentence.text, 90)}"`;
const evidenceOf = (sentences: readonly StarSentence[]): string[] =>
  sentences.slice(0, MAX_EVIDENCE).map((sentence) => sentence.sentence.text);
const hasLemma = (sentence: StarSentence, lemmas: ReadonlySet<string>): boolean =>
  sentence.sentence.tokens.some((token) => lemmas.has(token.lemma));
/** The STAR labels a candidate writes ("**Task:**") and letters of an abbreviation ("A/B") name nothing. */
const NOT_NAMES: ReadonlySet<string> = new Set(['situation', 'task', 'action', 'actions', 'result', 'results']);
const namedThings = (sentence: StarSentence): string[] =>
  sentence.sentence.tokens
    .filter((token, index) => index > 0 && token.pos === 'PROPN' && token.kind === 'word' && token.text.length > 1 && !NOT_NAMES.has(token.normal))
    .map((token) => token.text);

/** Hypothetical or habitual answers describe no real event: they cap the dimensions that need one. */
function realityCapped(stats: StarStats, draft: DimensionDraft): DimensionDraft {
  const { hypotheticalShare, genericShare } = stats;
  let score = draft.score;
  if (hypotheticalShare >= 0.5 || genericShare >= 0.5) score = Math.min(score, 2);
  else if (hypotheticalShare >= 0.25 || genericShare >= 0.25) score -= 1;
  if (score === draft.score) return draft;
  const share = Math.round(Math.max(hypotheticalShare, genericShare) * 100);
  const kind = hypotheticalShare >= genericShare ? 'hypothetical' : 'generic';
  return { ...draft, score, rationale: `${draft.rationale} Lowered because ${share}% of the answer is ${kind}.` };
}

/**
 * An opening that places the story before saying what the candidate did ("In my second year at a logistics
 * startup I spent three months building…") sets the scene, though it is filed as an action.
 */
function sceneOpening(stats: StarStats): StarSentence | null {
  const [opening] = stats.classified;
  if (!opening || opening.part !== 'action' || opening.mode !== 'narrative') return null;
  const { tokens } = opening.sentence;
  const subject = tokens.findIndex((token) => token.pos === 'PRON' && (token.normal === 'i' || token.normal === 'we'));
  const prefix = tokens.slice(0, Math.max(0, subject));
  const placed = prefix.length >= 3 && prefix[0]?.pos === 'ADP' && prefix.some((token) => token.pos === 'NOUN' || token.pos === 'PROPN');
  return placed ? opening : null;
}

/** Kinds of concrete detail in a scene: a named setting ("at my last job"), a date or number, a named product or company. */
function detailKinds(sentences: readonly StarSentence[]): number {
  return [
    sentences.some((sentence) => sentence.sentence.cues.has('setting')),
    sentences.some((sentence) => sentence.quantities.length > 0),
    sentences.some((sentence) => namedThings(sentence).length > 0),
  ].filter(Boolean).length;
}

/** The sentences that set the scene, and what they say of it: concrete details (where, when, who), and the stakes. */
function sceneOf(stats: StarStats) {
  const opening = sceneOpening(stats);
  const sentences = opening ? [opening, ...stats.byPart.situation] : stats.byPart.situation;
  return {
    sentences,
    details: detailKinds(sentences),
    stakes: [...sentences, ...stats.byPart.task].some((sentence) => hasLemma(sentence, STAKES_LEMMAS)),
  };
}

function situation(stats: StarStats): DimensionDraft {
  const { sentences, details, stakes } = sceneOf(stats);
  const first = sentences[0];
  if (!first) {
    return { score: 1, rationale: 'No sentence sets the scene of a real, past situation.', evidence: [] };
  }
  const detailed = details > 0;
  const words = sentences.reduce((sum, sentence) => sum + sentence.sentence.tokens.length, 0);
  let score = !detailed ? 2 : stakes ? 4 : 3;
  if (score === 4 && details >= 2 && sentences.length <= 2 && words <= 60) score = 5;
  const rationale = !detailed
    ? `The setting ${quote(first)} has no concrete detail (where, when, which team or product).`
    : stakes
      ? `A specific setting with its stakes: ${quote(first)}.`
      : `A real setting (${quote(first)}), but it does not say what was at stake.`;
  return realityCapped(stats, { score, rationale, evidence: evidenceOf(sentences) });
}

/**
 * A conflict or failure story rarely says "my goal was…": the problem told in the situation, followed by
 * several steps of the candidate's own, shows what they set out to do. A story whose steps are the team's,
 * or a single one, leaves the candidate's part open.
 */
function taskGuessable(stats: StarStats): boolean {
  return stats.byPart.situation.length > 0 && stats.actionCount >= 2 && blamed(stats).length === 0;
}

/** Content terms the situation and the candidate's own steps must each name to show what the candidate was after. */
const CONCRETE_SCENE_TERMS = 4;
const CONCRETE_STEP_TERMS = 5;

/**
 * The task is clear from the story only when the story says enough to show it: a problem told with some
 * substance and steps that name what was done. "We had a bug. I looked at it. I fixed it." has the shape (a
 * problem, two steps) but lets the listener only guess what the candidate was responsible for.
 */
function taskImplied(stats: StarStats): boolean {
  const scene = stats.byPart.situation;
  return (
    taskGuessable(stats) &&
    (detailKinds(scene) > 0 || termCounts(scene.map((sentence) => sentence.sentence)).size >= CONCRETE_SCENE_TERMS) &&
    termCounts(stats.ownActions.map((sentence) => sentence.sentence)).size >= CONCRETE_STEP_TERMS
  );
}

/*
 * Faults pinned on someone else: interviewers hear blame in a story about a colleague ("a guy who was just
 * lazy", "it was his fault"), and a story about another's faults shows nothing the candidate set out to do.
 */
const BLAME =
  /\b(?:(?:he|she|they|who) (?:was|were|is|are) (?:just |really |so |completely |totally )?(?:lazy|incompetent|useless|clueless|difficult|impossible|rude|arrogant|a nightmare)|(?:his|her|their) fault|fault was (?:his|hers|theirs)|not my (?:job|fault|problem)(?!\s+(?:alone|only|either|entirely))|clean(?:ing)? up after (?:him|her|them)|blamed? (?:him|her|them)|(?:fail\w*|cancell?ed|delayed|slipped|late|broke|lost|collapsed) because of (?:him|her|them)|did my (?:part|job) perfectly)\b/i;

/*
 * A fault denied for oneself and left with others: "Honestly it wasn't my fault", "none of it was our fault", "It was
 * their process problem, not ours", "their mistake, not mine". Denying one's own fault is heard as blame whoever the
 * story then names; a share of it kept ("not my fault alone", "not only my fault") owns part of it.
 */
const FAULT_DENIED =
  /\b(?:(?:was|is|were)(?: not|n['’]t)|none of (?:it|this|that) (?:was|is))\s+(?:really\s+|entirely\s+|at all\s+)?(?:my|our)\s+(?:fault|problem|mistake|doing)\b(?!\s+(?:alone|only|either|too|entirely))|\b(?:their|his|her|[\w-]+['’]s)\s+(?:[\w-]+\s+){0,2}?(?:problem|fault|mistake|issue|failure|doing|responsibility),?\s+not\s+(?:ours|mine|my|our)\b/i;
/*
 * A lesson drawn against others ("What I learned is that you can't succeed when other teams don't do their job", "I
 * learned that you can't rely on other people"): it says what others fail to do, not what the candidate would do
 * differently, so it is no lesson. One that goes on to the candidate's own change ("…, so now I share a one-pager")
 * is a lesson.
 */
const LESSON = /\b(?:learn(?:ed|t|ing)?|taught me|lesson|takeaway)\b/i;
const AGAINST_OTHERS =
  /\b(?:(?:can(?:no|['’])t|cannot|never|don['’]t|do not)\s+(?:really\s+|fully\s+)?(?:rely on|trust|count on|depend on)\s+(?:other|others|people|anyone|them|colleagues|management)\b|(?:other\s+(?:people|teams?|departments|engineers)|others|management|stakeholders|colleagues)\s+(?:don['’]t|do not|doesn['’]t|does not|won['’]t|will not|can['’]t|cannot|never|fail to)\s+(?:\w+\s+)?(?:do|deliver|understand|care|pull|get|follow|listen|test|share|communicate|know)\b)/i;
const OWN_CHANGE = /\b(?:so|and)\s+(?:now\s+)?(?:i|we)\s|\b(?:i|we)\s+(?:now|always|should|need to|have to|must|make sure|try to|learned to)\b/i;
/*
 * What follows a denial of one's fault that takes the problem on anyway ("It wasn't our problem, but the account was at
 * risk, so I…", "the platform team's responsibility, not mine, but I took it on"): owning up, not blame.
 */
const TAKEN_ON_ANYWAY = /^[^.!?]*?\b(?:but|though|although|yet|still|anyway|so (?:i|we)|i (?:took|owned|stepped|decided|fixed|led))\b/i;
/* What follows a lesson about others that turns it into a practice ("…unless someone asks them directly", "…, and automation is the answer"). */
const LESSON_FIX = /^[^.!?]*?\b(?:unless|until|so|answer|fix|solution|instead|therefore|which is why|remember\w*|automat\w*|process\w*|steps?)\b/i;

const SOFTENERS = '(?:(?:simply|just|really|even|also|clearly|obviously|again|totally|completely|basically|once again|as usual|ever)\\s+)*';
/*
 * Blame said politely: a judgement of someone's care or effort ("he simply did not care about the deadline",
 * "they never bothered to test it", "the data team dropped the ball"). The words before the verb are its
 * subject: said of "I" or "we" the same words own the failure ("I dropped the ball"), which is no blame.
 */
const POLITE_BLAME = new RegExp(
  `\\b([\\w'’]+)\\s+${SOFTENERS}(?:` +
    [
      `(?:did not|didn['’]t|does not|doesn['’]t|do not|don['’]t|never|could not|couldn['’]t)\\s+${SOFTENERS}(?:care|cared|bother|bothered)\\b`,
      `(?:could not|couldn['’]t|could never|can['’]t|cannot) be bothered\\b`,
      `(?:dropped|drops|drop|fumbled) the ball\\b`,
      `(?:threw|thrown|throws|throw) (?:me|us) under the bus\\b`,
      `(?:was|were|is|are) asleep at the wheel\\b`,
      `(?:did not|didn['’]t|never) pull (?:his|her|their) (?:own )?weight\\b`,
      `(?:left|leaves|leave) (?:me|us) to (?:clean up|pick up the pieces)`,
    ].join('|') +
    ')',
  'gi',
);
/*
 * Denying, looking back, that anything could have been done ("there wasn't much the ML side could have done
 * differently") leaves the failure with whoever else the story names; "there was little I could do about the
 * budget, so I cut the scope" is a constraint the story then acts on.
 */
const NOTHING_TO_DO =
  /\b(?:(?:was|is)(?: not|n['’]t) (?:much|anything)|nothing(?: more| else)?)\b[^.;:!?]{0,30}\bcould(?: have|['’]ve) done\b/i;
const OWN_SUBJECTS: ReadonlySet<string> = new Set(['i', 'we']);
const NO_ONE: ReadonlySet<string> = new Set(['nobody', 'noone']);
const TEAM_WORDS: ReadonlySet<string> = new Set(['team', 'squad', 'group']);
/** The limit was the candidate's own ("nothing more I could have done"), or the story acts on it ("…, so I cut scope"). */
const OWN_LIMIT = /\b(?:i|we)\s+could(?: have|['’]ve) done\b/i;
const ACTED_ON = /\bso\s+(?:i|we)\b/i;
/*
 * Not caring which option is used, or about something the candidate then drops ("didn't care which framework we
 * used, so I proposed…", "didn't care about explainability charts, so I switched"), is a preference, not a fault.
 */
const PREFERENCE = /^\s+(?:which|whether|what|how|if)\b|^\s+(?:about|for)\b[^.;!?]*?\bso\s+(?:i|we)\b/i;
/*
 * What someone did not care about, set against what they did care about, tells what mattered to them, not a
 * fault: "the stakeholders didn't care about AUC, they cared about revenue".
 */
const CARED_INSTEAD = /\b(?:cared?|cares|wanted|only|instead|rather)\b/i;

/**
 * Before a blame phrase, within its clause, a denial ("I never blamed him", "it was not his fault") or someone
 * else's words ("people said he was lazy"); a clause that only follows a denial ("We did not ship because he
 * simply did not care") is not denied by it.
 */
// "n't" ends a word ("wasn't"), so no word boundary opens it: "It wasn't his fault" clears him.
const NOT_BLAMING =
  /(?:\b(?:not|never|no)\b|n['’]t\b|\b(?:said|say|says|thought|think|claimed|called|believed|felt|heard|assumed)\b)(?:(?!\b(?:and|but|so|because|since|while|although|though|yet|until)\b)[^.;:!?,])*$/i;

/** A word every POLITE_BLAME phrase has: most sentences have none, and are spared its scan from every word. */
const POLITE_BLAME_WORD = /car|bother|ball|bus|asleep|weight|clean up|pick up/i;

/** Where the sentence puts a fault on someone else, or -1. */
export function blameAt(text: string): number {
  const plain = BLAME.exec(text);
  // "It was not my job, but the launch depended on it, so I took it on" owns the problem (see TAKEN_ON_ANYWAY).
  const owned = plain !== null && /^not my/i.test(plain[0]) && TAKEN_ON_ANYWAY.test(text.slice(plain.index + plain[0].length));
  if (plain !== null && !owned && !NOT_BLAMING.test(text.slice(0, plain.index))) return plain.index;
  const denied = FAULT_DENIED.exec(text);
  // "I never said it wasn't my fault" reports a denial it does not make.
  if (denied !== null && !NOT_BLAMING.test(text.slice(0, denied.index)) && !TAKEN_ON_ANYWAY.test(text.slice(denied.index + denied[0].length))) {
    return denied.index;
  }
  if (LESSON.test(text) && !OWN_CHANGE.test(text)) {
    const against = AGAINST_OTHERS.exec(text);
    if (against !== null && !LESSON_FIX.test(text.slice(against.index + against[0].length))) return against.index;
  }
  const excused = NOTHING_TO_DO.exec(text);
  if (excused !== null && !OWN_LIMIT.test(excused[0]) && !ACTED_ON.test(text.slice(excused.index + excused[0].length))) return excused.index;
  if (!POLITE_BLAME_WORD.test(text)) return -1;
  for (const match of text.matchAll(POLITE_BLAME)) {
    const subject = (match[1] ?? '').toLowerCase();
    const before = text.slice(0, match.index);
    const after = text.slice(match.index + match[0].length);
    if (OWN_SUBJECTS.has(subject) || NOT_BLAMING.test(before)) continue;
    // "Nobody dropped the ball", "no one cared less": no one is blamed; "our team dropped the ball" owns it.
    if (NO_ONE.has(subject) || (subject === 'one' && /\bno\s*$/i.test(before))) continue;
    if (TEAM_WORDS.has(subject) && /\b(?:our|my)\s+(?:[\w-]+\s+)?$/i.test(before)) continue;
    if (/car/i.test(match[0]) && (CARED_INSTEAD.test(after) || PREFERENCE.test(after))) continue;
    // "My manager never bothered me with micromanagement" is trust, not neglect.
    if (/bother/i.test(match[0]) && /^\s+(?:me|us)\b/i.test(after)) continue;
    return match.index;
  }
  return -1;
}

const blamedOf = new WeakMap<StarStats, readonly StarSentence[]>();

/** The sentences that put a fault on someone else; asked for by the task, the ownership and the advice. */
function blamed(stats: StarStats): readonly StarSentence[] {
  const known = blamedOf.get(stats);
  if (known) return known;
  const found = stats.classified.filter((sentence) => blameAt(sentence.sentence.text) >= 0);
  blamedOf.set(stats, found);
  return found;
}

/**
 * The sentences that state the task. A sentence filed as action for the steps it tells can still carry the task ("I
 * owned the rebuild: I engineered…", "I was on call, so I rolled the model back"); it stands in when no sentence
 * states the task on its own.
 */
const taskSentences = (stats: StarStats): readonly StarSentence[] =>
  stats.byPart.task.length > 0
    ? stats.byPart.task
    : stats.byPart.action.filter((sentence) => sentence.sentence.cues.has('task') && sentence.singular > 0);

function task(stats: StarStats): DimensionDraft {
  const sentences = taskSentences(stats);
  const owned = sentences.find((sentence) => sentence.singular > 0);
  if (!owned) {
    const first = sentences[0];
    if (first) return { score: 2, rationale: `A goal is stated (${quote(first)}) but not as your own responsibility.`, evidence: evidenceOf(sentences) };
    const scene = stats.byPart.situation[0];
    if (scene && taskImplied(stats)) {
      return { score: 3, rationale: `Not stated in a sentence of its own, but clear from the situation (${quote(scene)}) and the steps you took.`, evidence: [] };
    }
    if (scene && taskGuessable(stats)) {
      return {
        score: 2,
        rationale: `Not stated, and only to be guessed: the situation (${quote(scene)}) and your steps say too little to show what you were responsible for.`,
        evidence: [],
      };
    }
    return { score: 1, rationale: 'No sentence states your goal or responsibility.', evidence: [] };
  }
  const clear = termCounts([owned.sentence]).size >= 3;
  const constrained = sentences.some((sentence) => hasLemma(sentence, CONSTRAINT_LEMMAS) || sentence.quantities.length > 0);
  const score = !clear ? 3 : constrained ? 5 : 4;
  const rationale = !clear
    ? `Your task is stated only vaguely: ${quote(owned)}.`
    : constrained
      ? `An owned goal with its constraints: ${quote(owned)}.`
      : `A clear, owned goal (${quote(owned)}), without its constraints (deadline, quality bar).`;
  return { score, rationale, evidence: evidenceOf(sentences) };
}

function action(stats: StarStats): DimensionDraft {
  const own = stats.ownActions;
  const evidence = evidenceOf(stats.byPart.action);
  const first = own.find((sentence) => sentence.part === 'action') ?? own[0];
  if (!first) {
    return stats.teamActions > 0
      ? { score: 2, rationale: `Actions are told as "we" (${plural(stats.teamActions, 'sentence')}); none says what you did.`, evidence }
      : { score: 1, rationale: 'No concrete past action of yours is described.', evidence };
  }
  const reasoned = own.some((sentence) => sentence.sentence.cues.has('reasoning'));
  const count = stats.actionCount;
  let score: number;
  if (count === 1) score = termCounts([first.sentence]).size >= 3 ? 3 : 2;
  else score = count >= 3 && reasoned ? 5 : 4;
  const where = own.length === 1 ? '' : ` in ${plural(own.length, 'sentence')}`;
  const rationale =
    score >= 5
      ? `${plural(count, 'first-person action')}${where} with the reasons behind them, e.g. ${quote(first)}.`
      : score === 4
        ? `${plural(count, 'first-person action')}${where}, e.g. ${quote(first)}${reasoned ? '' : ', with little of the why'}.`
        : `Only one action of yours is described: ${quote(first)}.`;
  return { score, rationale, evidence };
}

/**
 * An outcome counts for the candidate only when the story tells something they (or their team with them) did:
 * "My teammate rewrote the pipeline and it cut latency by 40%" is the teammate's result.
 */
/** Someone else named as the actor: a person, a pronoun for people or a named team, not "the model" or "chargebacks". */
const PERSON_ACTOR =
  /\b(?:he|she|they|his|her|their|teammates?|colleagues?|co-?workers?|managers?|boss|lead|director|engineers?|analysts?|scientists?|designers?|interns?|stakeholders?|clients?|customers?|vendors?|contractors?|[\w-]+ team)\b/i;
/** A STAR label opening a sentence ("Result:", "**Action** –"), skipped to find the sentence's first word. */
const LABEL_TOKENS = /^(?:situation|task|actions?|results?|[*_#>:–—-])$/i;
/*
 * "Built features from device fingerprints. Trained LightGBM…": a subjectless fragment opening on a past verb,
 * in a story told in the first person, is the candidate's own step, not someone else's.
 */
function ownFragment(sentence: StarSentence): boolean {
  const first = sentence.sentence.tokens.find((token) => token.pos !== 'PUNCT' && !LABEL_TOKENS.test(token.normal));
  return first !== undefined && isPastVerb(first);
}
/** The story is told as what others did: no action of the candidate's, and someone else named as the actor. */
const othersOnly = (stats: StarStats): boolean =>
  stats.ownActions.length === 0 && stats.teamActions === 0 && !stats.classified.some(ownFragment) && othersActing(stats).length > 0;
const othersActing = (stats: StarStats): readonly StarSentence[] =>
  stats.classified.filter((sentence) => sentence.othersActed && sentence.mode === 'narrative' && PERSON_ACTOR.test(sentence.sentence.text));
const othersResultOnly = (stats: StarStats): boolean => stats.byPart.result.length > 0 && othersOnly(stats);

function result(stats: StarStats): DimensionDraft {
  // An outcome or a lesson that puts the fault on others ("What I learned is that you can't succeed when other teams
  // don't do their job") is none of the candidate's.
  const blaming = new Set(blamed(stats));
  const sentences = stats.byPart.result.filter((sentence) => !blaming.has(sentence));
  const first = sentences[0];
  const [blamingEnd] = stats.byPart.result;
  if (!first && blamingEnd) return { score: 1, rationale: `The story ends on blame (${quote(blamingEnd)}), not on an outcome or a lesson of yours.`, evidence: [] };
  if (!first) return { score: 1, rationale: 'The answer never says how it turned out.', evidence: [] };
  if (othersResultOnly(stats)) {
    return realityCapped(stats, {
      score: 2,
      rationale: `The outcome (${quote(first)}) comes from others' work: no action of yours leads to it.`,
      evidence: evidenceOf(sentences),
    });
  }
  const measured = sentences.find((sentence) => sentence.quantities.length > 0);
  // What others did in the end is concrete when it names what happened ("the demo went ahead and the client signed").
  const concrete = sentences.some(
    (sentence) =>
      sentence.impact ||
      (sentence.sentence.cues.has('result') && termCounts([sentence.sentence]).size >= 2) ||
      (sentence.othersActed && !sentence.ownAction && termCounts([sentence.sentence]).size >= 4),
  );
  const learned = sentences.find((sentence) => sentence.learning);
  const score = measured ? (learned ? 5 : 4) : concrete ? (learned ? 4 : 3) : learned ? 3 : 2;
  const rationale = measured
    ? `A quantified outcome (${quote(measured)})${learned ? ' and what you learned' : ', but no lesson learned'}.`
    : concrete
      ? `A concrete but unquantified outcome: ${quote(first)}.`
      : `The outcome is vague: ${quote(first)}.`;
  return realityCapped(stats, { score, rationale, evidence: evidenceOf(sentences) });
}

function ownership(stats: StarStats): DimensionDraft {
  const { singular, plural: team } = stats;
  const share = singular + team === 0 ? 0 : singular / (singular + team);
  let score = singular + team === 0 ? 2 : share >= 0.75 ? 5 : share >= 0.6 ? 4 : share >= 0.4 ? 3 : share >= 0.2 ? 2 : 1;
  if (stats.ownActions.length < 2) score = Math.min(score, 4);
  if (stats.hypotheticalShare >= 0.5) score = 1;
  else if (stats.hypotheticalShare >= 0.25) score -= 1;
  if (stats.genericShare >= 0.5) score -= 2;
  else if (stats.genericShare >= 0.25) score -= 1;
  const pronouns = `"I/my/me" ${singular}×, "we/our/us" ${team}×`;
  const [blaming] = blamed(stats);
  if (blaming) {
    return { score: 1, rationale: `The story is about another person's faults (${quote(blaming)}) rather than what you did (${pronouns}).` };
  }
  const [othersDid] = othersOnly(stats) ? othersActing(stats) : [];
  if (othersDid) {
    // "My teammate rewrote the pipeline": a story entirely about what others did, whatever its pronouns.
    return { score: 1, rationale: `The story tells what others did (${quote(othersDid)}), and nothing you did (${pronouns}).` };
  }
  const rationale =
    stats.hypotheticalShare >= 0.25
      ? `${plural(stats.hypothetical.length, 'sentence')} say what you would do rather than what you did (${pronouns}).`
      : stats.genericShare >= 0.25
        ? `${plural(stats.generic.length, 'sentence')} describe habits rather than your actions in one event (${pronouns}).`
        : `${pronouns}; ${plural(stats.ownActions.length, 'sentence')} with a past action of yours.`;
  return { score, rationale };
}

/** Measured values ("18%", "$2M", "40 features") say more than number words ("two", "four"). */
const isMeasured = (entity: { value: string; type: string }): boolean => /\d/.test(entity.value) || entity.type === 'PERCENT' || entity.type === 'MONEY';

/** A count in words ("three weeks", "half the tickets"): a measure as much as "3 weeks". */
const COUNT_WORD =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozens?|half|twice|double|triple)\b/i;

/**
 * A result the card may call quantified says how much: a number, in digits or words, a percentage or money. The
 * quantities of star-parts.ts also hold spans of time without a count ("that year", "in the first month") and
 * amounts such as "so much", which measure nothing: "Quantified result: "I learned so much from him…"" praised none.
 */
const counts = (sentence: StarSentence): boolean =>
  sentence.quantities.some((entity) => isMeasured(entity) || COUNT_WORD.test(entity.value) || oneUnit(sentence, entity.value));

/** A bare unit said once ("within a day", "in an hour"), unlike "every week" or "their first month". */
const oneUnit = (sentence: StarSentence, value: string): boolean =>
  /^[a-z]+$/i.test(value) && new RegExp(`\\b(?:an?|one)\\s+${value}\\b`, 'i').test(sentence.sentence.text);

/** Noun compounds name concrete things ("product manager", "fraud prevention", "effort matrix"). */
function compoundsOf(sentence: StarSentence): string[] {
  const { tokens } = sentence.sentence;
  const compounds: string[] = [];
  for (let k = 0; k + 1 < tokens.length; k += 1) {
    const [left, right] = [tokens[k], tokens[k + 1]];
    if (left?.pos === 'NOUN' && right?.pos === 'NOUN' && left.term !== '' && right.term !== '') compounds.push(`${left.normal} ${right.normal}`);
  }
  return compounds;
}

function specificity(stats: StarStats): DimensionDraft {
  const real = stats.classified.filter((sentence) => sentence.mode === 'narrative' || sentence.learning);
  const entities = real.flatMap((sentence) => sentence.quantities.map((entity) => ({ entity, result: sentence.part === 'result' })));
  // Measured results first, then percentages and amounts, counts, and dates last.
  const rank = ({ entity, result }: { entity: { type: string }; result: boolean }): number =>
    (result ? 0 : 3) + (entity.type === 'PERCENT' || entity.type === 'MONEY' ? 0 : entity.type === 'DATE' || entity.type === 'TIME' ? 2 : 1);
  const measured = new Set(
    entities
      .filter(({ entity }) => isMeasured(entity))
      .map((item, index) => ({ item, index }))
      .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
      .map(({ item }) => item.entity.value),
  );
  const quantities = new Set([...measured, ...entities.map(({ entity }) => entity.value)]);
  const names = new Set(real.flatMap(namedThings));
  const compounds = new Set(real.flatMap(compoundsOf));
  const concrete = names.size + Math.floor(compounds.size / 2);
  const details = quantities.size + concrete;
  const measuredResult = stats.byPart.result.some((sentence) => sentence.quantities.some(isMeasured));
  let score: number;
  if (details === 0) score = 1;
  else if (details === 1) score = 2;
  else if (quantities.size === 0) score = 3;
  else score = quantities.size >= 2 && names.size >= 1 && measuredResult ? 5 : 4;
  // Measured values first, then names, then number words and the things named by compounds.
  const examples = [...measured, ...names, ...quantities, ...compounds]
    .filter((value, index, all) => all.indexOf(value) === index)
    .slice(0, 4)
    .map((value) => `"${value}"`);
  const rationale =
    details === 0
      ? 'No checkable fact: no numbers, names, tools or dates in the story.'
      : quantities.size === 0
        ? `Some concrete detail (${listOf(examples)}) but no number or measured impact.`
        : measured.size === 0
          ? `Checkable detail (${listOf(examples)}), but no measured value such as a percentage or an amount.`
          : `Checkable detail: ${listOf(examples)}.`;
  return realityCapped(stats, { score, rationale });
}

/** Advice under a key no dimension has gains nothing, so it follows every advice that does. */
const IMPLIED_TASK = 'task-implied';

function adviceFor(stats: StarStats, scores: ReadonlyMap<string, number>, extra: readonly Advice[]): Advice[] {
  const advice: Advice[] = [];
  const afterwards: Advice[] = [];
  const score = (key: string): number => scores.get(key) ?? 5;
  const firstHypothetical = stats.hypothetical[0];
  const firstGeneric = stats.generic[0];
  if (firstHypothetical && stats.hypotheticalShare >= 0.25) {
    advice.push({ key: 'situation', text: `You describe what you would do (${quote(firstHypothetical)}); tell one real past example instead, in the past tense.` });
  } else if (firstGeneric && stats.genericShare >= 0.25) {
    advice.push({ key: 'situation', text: `Statements like ${quote(firstGeneric)} describe habits, not an event; pick one specific occasion and tell it.` });
  }
  if (stats.byPart.situation.length === 0) {
    advice.push({ key: 'situation', text: 'Situation is missing: open with one or two sentences on where and when it happened and what was at stake (e.g. "In my last role, our fraud model started missing cases two weeks before a launch").' });
  } else if (score('situation') <= 3) {
    // What the setting lacks, as its rationale says: a setting with concrete detail is asked only for its stakes.
    const scene = sceneOf(stats);
    const [first] = scene.sentences;
    advice.push({
      key: 'situation',
      text:
        scene.details > 0 && !scene.stakes && first
          ? `Situation: ${quote(first)} sets the scene; add what was at stake — the deadline, the cost, who depended on it.`
          : `Situation is thin: name the team or product and when it happened${scene.stakes ? '' : '; say why it mattered'}.`,
    });
  }
  const statedTask = stats.byPart.task.length > 0 || stats.byPart.action.some((sentence) => sentence.sentence.cues.has('task'));
  if (score('task') <= 2) {
    advice.push({ key: 'task', text: 'Task is missing or not yours: say what you were responsible for ("My goal was to … by …").' });
  } else if (!statedTask) {
    // What the story already shows is not the next step: this note goes after every real gap.
    afterwards.push({ key: IMPLIED_TASK, text: 'Task: it is clear from the story; one short line on what was yours to decide or deliver ("I was on call for…", "It was my call whether…") would make it explicit.' });
  } else if (score('task') === 3) {
    advice.push({ key: 'task', text: 'Task is vague: state the goal precisely and its constraint (deadline, quality bar, people involved).' });
  }
  const reasoned = stats.ownActions.some((sentence) => sentence.sentence.cues.has('reasoning'));
  if (stats.ownActions.length === 0) {
    advice.push({ key: 'action', text: 'Action: describe the steps you personally took, in the first person and past tense ("I profiled…", "I proposed…").' });
  } else if (stats.actionCount === 1) {
    advice.push({ key: 'action', text: 'Action: only one step of yours is told; give the two or three steps you took and the reason for each ("…because…", "…to…").' });
  } else if (!reasoned) {
    advice.push({ key: 'action', text: `Action: you describe ${stats.actionCount} steps; say why you took them ("…because…", "…so that…") and what you weighed against them.` });
  } else if (score('action') <= 4) {
    advice.push({ key: 'action', text: 'Action: walk through the steps in order, each with its reason and the trade-off you accepted.' });
  }
  const [othersOutcome] = othersResultOnly(stats) ? stats.byPart.result : [];
  const blamingSentences = new Set(blamed(stats));
  if (stats.byPart.result.length > 0 && stats.byPart.result.every((sentence) => blamingSentences.has(sentence))) {
    // The story ends on blame: the advice against it (below, first) asks for what the candidate would do differently.
  } else if (stats.byPart.result.length === 0) {
    advice.push({ key: 'result', text: 'Result is missing: end with the outcome, measured if possible, and what you learned.' });
  } else if (othersOutcome) {
    advice.push({ key: 'result', text: `Result: ${quote(othersOutcome)} is what others achieved; tell what you did and what came of it.` });
  } else if (!stats.byPart.result.some(counts)) {
    advice.push({ key: 'result', text: 'Result is unquantified: add a measure (e.g. "cut p95 latency from 800 ms to 300 ms", "20% fewer escalations").' });
  } else if (!stats.byPart.result.some((sentence) => sentence.learning)) {
    advice.push({ key: 'result', text: 'Close the result with what you learned or would do differently.' });
  }
  const [blaming] = blamed(stats);
  if (blaming) {
    // First among equals: blame colours everything else the story tells.
    advice.unshift({
      key: 'ownership',
      text: `${quote(blaming)} puts the fault on someone else, and interviewers hear blame: say what you did to understand them and to make the work go better, and what you would do differently.`,
    });
  }
  if (score('ownership') <= 3 && stats.plural > stats.singular) {
    advice.push({ key: 'ownership', text: `You said "we/our/us" ${stats.plural} times and "I/my/me" ${stats.singular} times: make clear which decisions and actions were yours.` });
  }
  if (score('specificity') <= 3) {
    advice.push({ key: 'specificity', text: 'Add checkable facts: numbers (scale, %, time or money saved), the tools and the people involved.' });
  }
  return [...advice, ...extra, ...afterwards];
}

function strengthsOf(stats: StarStats, drafts: Readonly<Record<string, DimensionDraft>>): string[] {
  const strengths: string[] = [];
  // A sentence that blames someone is quoted by the advice against blame, never praised; and a story that puts its
  // failure on others has no result or lesson to praise ("Quantified result: "The data engineer kept breaking the
  // pipeline … every week"", "Reflects on what you learned: "I learned that you can't rely on other people."").
  const blaming = new Set(blamed(stats));
  const praisable = (sentence: StarSentence): boolean => !blaming.has(sentence);
  // Others' results are no strength of the candidate's.
  const results = othersResultOnly(stats) || blaming.size > 0 ? [] : stats.byPart.result;
  const measured = results.find(counts);
  if (measured) strengths.push(`Quantified result: ${quote(measured)}`);
  const learned = results.find((sentence) => sentence.learning);
  if (learned) strengths.push(`Reflects on what you learned: ${quote(learned)}`);
  const setting = [sceneOpening(stats), ...stats.byPart.situation].find((sentence) => sentence !== null && praisable(sentence));
  if (setting && (drafts.situation?.score ?? 0) >= 4) strengths.push(`Concrete setting: ${quote(setting)}`);
  const goal = taskSentences(stats).find((sentence) => sentence.singular > 0 && praisable(sentence));
  if (goal && (drafts.task?.score ?? 0) >= 4) strengths.push(`Owned goal: ${quote(goal)}`);
  const firstAction = stats.ownActions.find((sentence) => sentence.part === 'action' && praisable(sentence));
  if (firstAction && stats.actionCount >= 2) {
    strengths.push(`${plural(stats.actionCount, 'first-person action')}, e.g. ${quote(firstAction)}`);
  }
  return strengths;
}

export function gradeStar(
  rubric: Rubric,
  answer: AnswerText,
  profile: ReferenceProfile,
  question: string,
  extraAdvice: readonly Advice[],
): RubricFeedback {
  // A bare list of terms tells no story: it earns no STAR part, no relevance and no length.
  const story = answer.sentences.filter((sentence) => !isTermList(sentence));
  // A sentence's part depends on its place in the story: the answer's own classification serves when no list was dropped.
  const stats = statsOf(story.length === answer.sentences.length ? classifyAnswer(answer.sentences) : classifySentences(story));
  const relevance = themedRelevance(story, profile, question, 0.3);
  const concision = concisionOf(story, { idealMin: 120, idealMax: 350 });
  const drafts: Record<string, DimensionDraft> = {
    situation: situation(stats),
    task: task(stats),
    action: action(stats),
    result: result(stats),
    ownership: ownership(stats),
    specificity: specificity(stats),
    relevance: {
      score: relevance.score,
      rationale:
        relevance.unusedQuestionWords.length > 0
          ? `The story never touches the question's topic (${listOf(relevance.unusedQuestionWords.map((word) => `"${word}"`))}) or a word for it: it seems to answer a different question.`
          : relevance.score <= 2
            ? 'Few of the question\'s topic words or the reference\'s vocabulary appear: the story seems to answer a different question.'
            : relevance.questionWords === 0
              ? 'Stays in the subject of the question.'
              : `Uses ${Math.round(relevance.questionCoverage * 100)}% of the question's topic words${relevance.referenceShare === null ? '' : ' and shares vocabulary with the reference answers'}.`,
    },
    concision: concision.draft,
  };
  // A well-told story about something else does not answer the question.
  const dimensions = toDimensions(rubric, offTopicCapped(drafts, relevance.offTopic));
  const scores = scoreMap(dimensions);
  // A part is missing when no sentence serves as it (a task may be carried by an action sentence).
  const missing = STAR_PARTS.filter((part) => (drafts[part]?.evidence?.length ?? 0) === 0 && !(part === 'task' && taskImplied(stats)))
    .map((part) => PART_NAMES[part]);
  const relevanceAdvice: Advice[] =
    relevance.score <= 2 ? [{ key: 'relevance', text: 'Answer the question that was asked: pick a story that shows exactly the quality it probes for.' }] : [];
  const strengths = relevance.offTopic ? [] : strengthsOf(stats, drafts);
  const advice = adviceFor(stats, scores, [...relevanceAdvice, ...concision.advice, ...extraAdvice]);
  return {
    dimensions,
    strengths,
    // A strong story still gets its next step: the next anchor of its weakest dimension.
    improvements: prioritise(rubric, scores, advice.length > 0 ? advice : [nextLevelAdvice(rubric, scores)]),
    missingPoints: missing,
    advice,
  };
}
