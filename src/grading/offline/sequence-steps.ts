import { createLru } from './lru.js';
import type { SentenceInfo, TokenInfo } from './nlp.js';
import { FIELD_COMMON_IDF, termWeight } from './term-weights.js';
import { its, nlp } from './wink.js';

/*
 * Steps put in another order, read step by step rather than term by term. A step is the stretch of a
 * sentence between two sequence cues ("starts with the forward pass, which computes predictions, | then the
 * loss is computed…, | then…"). Counted over terms, the pairs inside one step and those of the steps said in
 * their place outvote a step moved past two others: "forward pass, then the update, then the backward pass,
 * then the loss" reverses 29 of 66 term pairs of its reference's sequence (0.44), and 3 of its 6 step pairs.
 */

/** One step of a stated sequence: its text as written, and its content terms. */
export interface Step {
  readonly text: string;
  readonly terms: ReadonlySet<string>;
}

/** Words that move on to the next step wherever they stand ("…, then the loss…", "…; finally…"). */
const NEXT_STEP = new Set(['then', 'finally', 'lastly', 'afterwards', 'afterward', 'subsequently']);
/** Counters that start a step only when they open a clause ("First, …", "next it…"), not "the next token". */
const COUNTER = new Set(['first', 'firstly', 'second', 'secondly', 'third', 'thirdly', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'next']);

/** "After that" or "after this", as a pattern: a cue of two words, as is "followed by". */
const AFTER_THAT = 'after (?:that|this)';
/** Cues that open a sequence rather than go on with one ("First, …"). */
const OPENERS = new Set(['first', 'firstly']);
/** A step's opening cue, left out of the text that names the step ("then the loss is computed" → "the loss is computed"). */
const CUE_TEXT = new RegExp(`^(?:${[...NEXT_STEP, ...COUNTER, 'followed by', AFTER_THAT, 'before', 'after', 'once'].join('|')})\\b[\\s,]*`, 'i');

/** A short label opening the sentence, left out of the step it opens too ("In short: the optimizer…", "Summary: …"). */
const LABEL = /^(?:[\w-]+\s+){0,2}[\w-]+:\s+/;

/** A list item's number opening a sentence ("2. Compute the loss…", "Step 3: …", "**Step 1** …"). */
const ITEM_NUMBER = /^[\s*_#>]*(?:step\s+(\d{1,2})\b[*_]*[.:)]?|(\d{1,2})[.)])\s*/i;

/** The list item number a sentence opens with; undefined when it opens with none. */
function itemNumber(text: string): number | undefined {
  const match = ITEM_NUMBER.exec(text);
  const number = match?.[1] ?? match?.[2];
  return number === undefined ? undefined : Number(number);
}

/**
 * A step's text as quoted: without edge punctuation, a list item's number, an opening label or its cue, or the
 * "and" that joins it to the next ("…for every weight, and finally…").
 */
const stepText = (text: string): string =>
  text
    .replace(ITEM_NUMBER, '')
    .replace(/^[\s,;:.-]+|[\s,;:.-]+$/g, '')
    .replace(/[\s,;]+(?:and|or)$/i, '')
    .replace(LABEL, '')
    .replace(CUE_TEXT, '');

function opensClause(tokens: readonly TokenInfo[], index: number): boolean {
  const previous = tokens[index - 1];
  return previous === undefined || previous.kind === 'punctuation' || previous.normal === 'and' || previous.normal === 'then';
}

/** How many tokens the step cue starting at `index` has ("then" 1, "followed by" 2); 0 when none starts there. */
function stepCue(tokens: readonly TokenInfo[], index: number): number {
  const token = tokens[index];
  if (token === undefined) return 0;
  const next = tokens[index + 1]?.normal;
  if (NEXT_STEP.has(token.normal)) return 1;
  if (token.normal === 'followed' && next === 'by') return 2;
  if (token.normal === 'after' && (next === 'that' || next === 'this') && opensClause(tokens, index)) return 2;
  if (COUNTER.has(token.normal) && opensClause(tokens, index)) return 1;
  return 0;
}

/** How many tokens a purpose cue starting at `index` has ("in order to" 3, "so that" 2, "to" 1); 0 when none starts there. */
function purposeCue(tokens: readonly TokenInfo[], index: number): number {
  const words = tokens.slice(index, index + 3).map((token) => token.normal);
  const [first, second, third] = words;
  if (first === 'in' && second === 'order' && (third === 'to' || third === 'that')) return 3;
  if (first === 'so' && second === 'as' && third === 'to') return 3;
  // "so that the loss falls", not "so that's why" (which goes on with a verb: "therefore that is").
  const after = tokens[index + 2];
  if (first === 'so' && second === 'that' && after !== undefined && after.pos !== 'VERB' && after.pos !== 'AUX') return 2;
  // An infinitive opening a clause ("To minimise the loss, …"), not one completing a verb ("we need to compute").
  if (first === 'to' && tokens[index + 1]?.pos === 'VERB' && opensClause(tokens, index)) return 1;
  return 0;
}

/**
 * Which tokens say what the steps are for rather than a step: a purpose clause ("To minimise the loss, we…",
 * "…, in order to reach the minimum", "so that the loss falls"), up to the end of its clause (a punctuation
 * mark, a step cue, or "and" going on with another verb), and a lead-in before a colon that the sequence
 * follows ("Gradient descent minimises the loss: it starts with random parameters, then…"). A goal is said
 * wherever it suits the sentence, most often first; it is not a step done before the others.
 */
export function goalTokens(tokens: readonly TokenInfo[]): boolean[] {
  const goal = tokens.map(() => false);
  const colon = tokens.findIndex((token) => token.text === ':');
  const cueAt = (from: number, to: number): boolean => tokens.slice(from, to).some((_, offset) => stepCue(tokens, from + offset) > 0);
  if (colon > 0 && !cueAt(0, colon) && cueAt(colon + 1, tokens.length)) goal.fill(true, 0, colon + 1);
  for (let index = 0; index < tokens.length; index += 1) {
    if (goal[index] === true || purposeCue(tokens, index) === 0) continue;
    let end = index + purposeCue(tokens, index);
    while (end < tokens.length) {
      const token = tokens[end];
      if (token === undefined || token.kind === 'punctuation' || stepCue(tokens, end) > 0) break;
      if ((token.normal === 'and' || token.normal === 'or') && tokens[end + 1]?.pos === 'VERB') break;
      end += 1;
    }
    goal.fill(true, index, end);
    index = end;
  }
  return goal;
}

/** The sentence opens with a step cue ("Then…", "Finally, …", "Next, …"): it goes on with the sentence before. */
function continuesSequence(sentence: SentenceInfo): boolean {
  const first = sentence.tokens.findIndex((token) => token.kind !== 'punctuation');
  const opener = sentence.tokens[first]?.normal ?? '';
  return first >= 0 && !OPENERS.has(opener) && stepCue(sentence.tokens, first) > 0;
}

/** Stems of actions said again with "re-" ("recalculate", "reassign", "retrain"): the same action, done again. */
const REDONE_ACTIONS = new Set(['comput', 'calcul', 'assign', 'train', 'fit', 'run', 'estim', 'evalu', 'scor', 'sampl', 'initi', 'weight']);
/** Stems of one action under two names. */
const SAME_ACTION: ReadonlyMap<string, string> = new Map([['calcul', 'comput']]);

/**
 * A step's term for its action: "recalculate the centroids as the mean" and "compute each centroid as the mean" are
 * one step, named by its action and object, whichever word the answer gives the action.
 */
export function actionTerm(term: string): string {
  const base = term.startsWith('re') && REDONE_ACTIONS.has(term.slice(2)) ? term.slice(2) : term;
  return SAME_ACTION.get(base) ?? base;
}

/** Words opening a clause that says when its step is done against the other's: "before you fit", "after it splits", "once…". */
const TIME_WORDS: ReadonlyMap<string, 'before' | 'after'> = new Map([
  ['before', 'before'],
  ['after', 'after'],
  ['once', 'after'],
]);

/** How many words after a time word its clause's verb may come. */
const TIME_CLAUSE_REACH = 12;

/**
 * The time word starting at `index`, when it opens a clause with a verb of its own ("before you fit the model",
 * "before fitting", "once the centroids stop moving"): a word placing a thing, not a step ("after each epoch",
 * "only once"), sets no order.
 */
function timeCue(tokens: readonly TokenInfo[], index: number): 'before' | 'after' | undefined {
  const token = tokens[index];
  const when = token === undefined ? undefined : TIME_WORDS.get(token.normal);
  if (when === undefined || stepCue(tokens, index) > 0) return undefined;
  const next = tokens[index + 1];
  if (next === undefined || next.kind === 'punctuation') return undefined;
  if (next.normal.endsWith('ing')) return when;
  // The clause's verb follows its subject within a few words ("after the forward pass produces…"); looking no
  // further keeps a row of time words without a verb linear.
  for (let at = index + 1; at < Math.min(tokens.length, index + 1 + TIME_CLAUSE_REACH); at += 1) {
    const word = tokens[at];
    if (word === undefined || word.kind === 'punctuation' || stepCue(tokens, at) > 0) return undefined;
    if (word.pos === 'VERB' || word.pos === 'AUX') return when;
  }
  return undefined;
}

/**
 * The sentence's steps, split at its sequence cues, in the order it says they are done: a clause opening with
 * "before", "after" or "once" is a step of its own, put where its word says ("Before you fit the model, you scale
 * the features" is scaling, then fitting; "you evaluate it after you fit it" fitting, then evaluating). One step
 * when it states no sequence. `keep` says which terms count (question terms do not: every step may name them).
 */
export function sentenceSteps(sentence: SentenceInfo, keep: (term: string) => boolean): Step[] {
  const { tokens, text } = sentence;
  const goal = goalTokens(tokens);
  const counts = (token: TokenInfo, index: number): boolean => token.term !== '' && goal[index] !== true && keep(token.term);
  const first = tokens.findIndex((token) => token.kind !== 'punctuation');
  const opening = first >= 0 ? timeCue(tokens, first) : undefined;
  // "Before X, Y": the opening clause ends at its comma.
  const comma = opening === undefined ? -1 : tokens.findIndex((token, index) => index > first && token.text === ',');
  const splits = (index: number): boolean => index > 0 && (stepCue(tokens, index) > 0 || (index > first && timeCue(tokens, index) !== undefined) || (comma > 0 && index === comma + 1));
  // Most sentences state no sequence: one step, found without placing each token in the text.
  if (!tokens.some((_, index) => splits(index))) {
    const terms = new Set(tokens.flatMap((token, index) => (counts(token, index) ? [actionTerm(token.term)] : [])));
    return terms.size > 0 ? [{ text: stepText(text), terms }] : [];
  }
  const steps: { step: Step; when: 'before' | 'after' | undefined; opens: boolean }[] = [];
  let terms = new Set<string>();
  let from = 0;
  let cursor = 0;
  let when: 'before' | 'after' | undefined = opening;
  let opens = opening !== undefined;
  const close = (to: number): void => {
    if (terms.size > 0) steps.push({ step: { text: stepText(text.slice(from, to)), terms }, when, opens });
    terms = new Set<string>();
  };
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === undefined) continue;
    const at = text.indexOf(token.text, cursor);
    const start = at < 0 ? cursor : at;
    cursor = at < 0 ? cursor : at + token.text.length;
    if (splits(index)) {
      close(start);
      from = start;
      when = index > first ? timeCue(tokens, index) : undefined;
      opens = false;
    }
    if (counts(token, index)) terms.add(actionTerm(token.term));
  }
  close(text.length);
  // Put each clause where its time word says: "Before X, Y" is Y then X; "Y after X" (or "once X") is X then Y.
  const ordered = [...steps];
  for (let index = 0; index < ordered.length; index += 1) {
    const entry = ordered[index];
    if (entry === undefined) continue;
    const swapWith = entry.opens && entry.when === 'before' ? index + 1 : !entry.opens && entry.when === 'after' ? index - 1 : -1;
    const other = ordered[swapWith];
    if (other === undefined) continue;
    ordered[swapWith] = entry;
    ordered[index] = other;
    // The opening clause, moved on, is not read again.
    if (swapWith > index) index += 1;
  }
  return ordered.map((entry) => entry.step);
}

/** What a stated order gets wrong against one of the reference's sequences. */
export interface StepOrder {
  /** Share of the pairs of placed steps said the other way round. */
  readonly reversed: number;
  /** The answer's step put on the wrong side of the most other steps (answer text)… */
  readonly moved: string;
  /** …the steps it is put before and after that the reference puts the other way round. */
  readonly before: readonly string[];
  readonly after: readonly string[];
  /**
   * Every pair said the other way round is of steps one of which works on what the other names ("applies a function
   * to each group" after "splits data into groups"): a step put before the one it depends on, not two independent
   * steps said in another order.
   */
  readonly dependent: boolean;
  /**
   * The steps are the reference's, in its order, started from another step and gone round ("the update, then
   * the forward pass, then the loss…" against forward pass < loss < … < update): how a cycle is recapped.
   */
  readonly rotated: boolean;
}

/**
 * Positions, read round from somewhere other than the first, are in order: [2, 3, 0, 1] or [1, 2, 2, 0] (two
 * steps said in one), not [0, 1, 2] or [1, 0, 2].
 */
function isRotation(positions: readonly number[]): boolean {
  const breaks = positions.flatMap((at, index) => (index > 0 && at < (positions[index - 1] ?? 0) ? [index] : []));
  const [split] = breaks;
  if (breaks.length !== 1 || split === undefined) return false;
  return Math.max(...positions.slice(split)) < Math.min(...positions.slice(0, split));
}

/**
 * The answer's steps against the reference's: each reference step is placed at the answer step that names
 * most of its terms (a tie places it nowhere; one that an earlier reference step holds only when no other
 * answer step names any of them), and each pair of steps placed apart counts. A term the
 * reference names in two of its steps tells them apart nowhere; `unordered` says which term pairs the
 * reference orders both ways (then no pair of steps with them is counted). Undefined with fewer than `fewest`
 * steps placed apart (three: two steps swapped are not flagged).
 */
export function compareSteps(
  reference: readonly Step[],
  answer: readonly Step[],
  unordered: (first: string, second: string) => boolean,
  fewest = 3,
): StepOrder | undefined {
  if (answer.length < 2) return undefined;
  const seen = new Map<string, number>();
  for (const step of reference) for (const term of step.terms) seen.set(term, (seen.get(term) ?? 0) + 1);
  const placed: PlacedStep[] = [];
  // The answer step naming most of the terms, among those `open`; -1 for none or a tie.
  const bestStep = (own: readonly string[], open: (index: number) => boolean): number => {
    let best = 0;
    let at = -1;
    answer.forEach((said, index) => {
      if (!open(index)) return;
      const found = own.filter((term) => said.terms.has(term)).length;
      if (found > best) {
        best = found;
        at = index;
      } else if (found === best) at = -1;
    });
    return best > 0 ? at : -1;
  };
  for (const step of reference) {
    const own = [...step.terms].filter((term) => seen.get(term) === 1);
    const at = bestStep(own, () => true);
    // A step already holding an earlier reference step may name this one's terms in passing ("the forward pass,
    // which runs the inputs through the weights that the optimizer will tune, …, then the update is applied"), or
    // a later one may ("…, then the validation loss is checked"): when another answer step names any of them too,
    // where the answer says it is unclear, and the step is left out rather than guessed.
    const taken = new Set(placed.map((earlier) => earlier.at));
    if (at >= 0 && !(taken.has(at) && bestStep(own, (index) => !taken.has(index)) >= 0)) placed.push({ terms: own, at, said: at, step: reference.indexOf(step) });
  }
  if (new Set(placed.map((step) => step.at)).size < fewest) return undefined;
  return orderOf(placed, answer, reference, unordered);
}

/** A step placed against the other side's order: `at` is compared, `said` is the answer step it stands for. */
interface PlacedStep {
  readonly terms: readonly string[];
  readonly at: number;
  readonly said: number;
  /** The reference step it is. */
  readonly step: number;
}

/**
 * How far the placed steps, in one side's order, are said in the other's (`at`): the share of their pairs reversed,
 * and the answer step reversed against the most others, with those it is put before and after. Pairs the reference
 * orders both ways (`unordered`) and steps placed at the same point do not count; undefined when no pair does.
 */
function orderOf(
  placed: readonly PlacedStep[],
  answer: readonly Step[],
  reference: readonly Step[],
  unordered: (first: string, second: string) => boolean,
): StepOrder | undefined {
  const named = new Map<string, number>();
  for (const step of reference) for (const term of step.terms) named.set(term, (named.get(term) ?? 0) + 1);
  // One step works on what the other names: a term of both that not every step names ("splits data into groups" and
  // "applies a function to each group").
  const linked = (first: PlacedStep, second: PlacedStep): boolean =>
    [...(reference[first.step]?.terms ?? [])].some((term) => (named.get(term) ?? 0) < reference.length && reference[second.step]?.terms.has(term) === true);
  let pairs = 0;
  let reversed = 0;
  let dependent = true;
  const against = placed.map(() => new Set<number>());
  for (let i = 0; i < placed.length; i += 1) {
    for (let j = i + 1; j < placed.length; j += 1) {
      const first = placed[i];
      const second = placed[j];
      if (first === undefined || second === undefined || first.at === second.at) continue;
      if (first.terms.some((a) => second.terms.some((b) => unordered(a, b)))) continue;
      pairs += 1;
      if (first.at > second.at) {
        reversed += 1;
        dependent &&= linked(first, second);
        against[i]?.add(second.said);
        against[j]?.add(first.said);
      }
    }
  }
  if (pairs === 0) return undefined;
  let worst = 0;
  against.forEach((steps, index) => {
    if (steps.size > (against[worst]?.size ?? 0)) worst = index;
  });
  const moved = placed[worst]?.said ?? 0;
  const partners = [...(against[worst] ?? [])].sort((a, b) => a - b);
  const text = (index: number): string => answer[index]?.text ?? '';
  return {
    reversed: reversed / pairs,
    dependent: reversed > 0 && dependent,
    rotated: isRotation(placed.map((step) => step.at)),
    moved: text(moved),
    before: partners.filter((said) => said > moved).map(text),
    after: partners.filter((said) => said < moved).map(text),
  };
}

/** Words of a step done again: a refit, a rerun, "again", "once more". */
const REDONE = /\b(?:re-?(?:train|fit|run|comput|estimat|calculat|evaluat|scor)\w*|again|once more)\b/i;

/**
 * The answer's steps against the reference's, read from the answer's side: each answer step goes to the reference
 * step it says most specifically, and the pairs of answer steps placed at different reference steps count. A term
 * weighs by how few reference steps name it (ln of the steps over those naming it): one that every step names says
 * nothing about which step is meant ("train the meta-model on the base models' predictions", "train the base
 * models" and "generate out-of-fold predictions from the base models" all name the models). Steps are compared by
 * the cosine of their weighted terms, so a short step named whole ("Train diverse base models on the training
 * set") wins over a long one that names the same words among many. A tie places the answer step nowhere.
 * Undefined with fewer than three reference steps, or fewer than three answer steps placed apart.
 */
export function matchSteps(
  reference: readonly Step[],
  answer: readonly Step[],
  unordered: (first: string, second: string) => boolean,
): StepOrder | undefined {
  if (reference.length < 3 || answer.length < 3) return undefined;
  const named = new Map<string, number>();
  for (const step of reference) for (const term of step.terms) named.set(term, (named.get(term) ?? 0) + 1);
  const weight = (term: string): number => Math.log(reference.length / (named.get(term) ?? reference.length));
  const norm = (terms: Iterable<string>): number => Math.sqrt([...terms].reduce((sum, term) => sum + weight(term) ** 2, 0));
  // Cosine of the weighted terms, for every answer step against every reference step.
  const scores = answer.map((said) => {
    const saidNorm = norm(said.terms);
    return reference.map((step) => {
      const shared = [...said.terms].filter((term) => step.terms.has(term));
      const both = saidNorm * norm(step.terms);
      return both === 0 ? 0 : shared.reduce((sum, term) => sum + weight(term) ** 2, 0) / both;
    });
  });
  // The index of the one highest of the values, -1 for none above 0 or a tie.
  const best = (values: readonly number[]): number => {
    const top = Math.max(0, ...values);
    const at = values.findIndex((value) => value === top);
    return top > 0 && values.filter((value) => Math.abs(value - top) <= 1e-9).length === 1 ? at : -1;
  };
  // An answer step is placed only where it and the reference step are each other's best match: an answer's
  // other list (the advantages after the steps) names a term of some step here and there, and would place each
  // of its items somewhere.
  const placed: PlacedStep[] = [];
  scores.forEach((row, index) => {
    // A step done again ("then retrain the base models on all the data") repeats an earlier one: it has no place
    // of its own in the reference's order (stacking's final refit was read as a reversal).
    if (REDONE.test(answer[index]?.text ?? '')) return;
    const at = best(row);
    const step = reference[at];
    if (step === undefined || best(scores.map((other) => other[at] ?? 0)) !== index) return;
    // As in compareSteps, the reference orders two steps both ways only by their own terms: those it names in
    // several of its steps come before and after one another in any sequence of three steps or more.
    placed.push({ said: index, at, step: at, terms: [...step.terms].filter((term) => named.get(term) === 1) });
  });
  if (new Set(placed.map((step) => step.at)).size < 3) return undefined;
  return orderOf(placed, answer, reference, unordered);
}

/** A sequence an answer states: its steps, and the sentences that state them. */
export interface AnswerRun {
  readonly steps: Step[];
  readonly sentences: SentenceInfo[];
}

/**
 * The steps of the sequences an answer states: a sentence's own, and those of the sentences after it that go
 * on with it ("… forward pass. Then the loss…"), or of a numbered list's items, one a line or inline ("1. …
 * 2. …"), with the sentences of an item that the next item's number follows. Only runs of two steps or more.
 */
export function answerSequences(sentences: readonly SentenceInfo[], keep: (term: string) => boolean): AnswerRun[] {
  const runs: AnswerRun[] = [];
  const numbers = sentences.map((sentence) => itemNumber(sentence.text));
  // The number of the list item the last run is at; 0 outside a numbered list.
  let item = 0;
  sentences.forEach((sentence, index) => {
    const steps = sentenceSteps(sentence, keep);
    const last = runs.at(-1);
    const number = numbers[index];
    const nextNumber = numbers.slice(index + 1).find((found) => found !== undefined);
    const inList = item > 0 && (number === item + 1 || (number === undefined && nextNumber === item + 1));
    if (number === 1) item = 1;
    else if (inList) item = number ?? item;
    else item = 0;
    if (last !== undefined && (inList || (number === undefined && continuesSequence(sentence)))) {
      last.steps.push(...steps);
      last.sentences.push(sentence);
    } else runs.push({ steps, sentences: [sentence] });
  });
  return runs.filter((run) => run.steps.length >= 2);
}

/** Words saying the steps go round ("repeats", "again", "the next batch", "until…"): a cycle, which a recap may restart anywhere. */
export const REPEATS =
  /\b(?:repeat(?:s|ed|ing)?|again|loops?|iterat(?:e|es|ed|ing|ion|ions|ively)|cycles?|until)\b|\b(?:next|each|every) (?:mini-?)?(?:batch|iteration|epoch|round)\b/i;

/**
 * Term pairs the reference's sequences put in both orders, step by step: a term of an earlier step before a
 * term of a later one. Terms of one step ("Finally, the weights and gradients are logged, and the loss is
 * checked") set no order between them.
 */
export function unorderedStepTerms(sequences: readonly (readonly Step[])[]): (first: string, second: string) => boolean {
  const before = new Map<string, Set<string>>();
  for (const steps of sequences) {
    steps.forEach((step, index) => {
      for (const later of steps.slice(index + 1)) {
        for (const term of step.terms) {
          const set = before.get(term) ?? new Set<string>();
          for (const other of later.terms) if (other !== term) set.add(other);
          before.set(term, set);
        }
      }
    });
  }
  return (first, second) => (before.get(first)?.has(second) ?? false) && (before.get(second)?.has(first) ?? false);
}

/** A sentence opening with a step cue, in its text: "Then…", "Second, …" (not "First, …", which opens a sequence). */
const GOES_ON = new RegExp(`^\\W*(?:${[...NEXT_STEP, ...[...COUNTER].filter((word) => !OPENERS.has(word)), AFTER_THAT].join('|')})\\b`, 'i');

/**
 * The reference's sequences stated over several sentences ("First, define the problem… Second, collect… Third,
 * …"): each run of sentences that go on with the one before, as its sentences' texts.
 */
export function sentenceRuns(texts: readonly string[]): string[][] {
  const runs: string[][] = [];
  texts.forEach((text, index) => {
    const last = runs.at(-1);
    if (index === 0 || !GOES_ON.test(text)) return;
    const before = texts[index - 1] ?? '';
    if (last !== undefined && last.at(-1) === before) last.push(text);
    else runs.push([before, text]);
  });
  return runs;
}

/** The text without a step cue that opens it ("Finally, fit the scaler…" → "fit the scaler…"). */
export const withoutOpeningCue = (text: string): string => text.replace(GOES_ON, '');

/** A sentence opening a procedure ("Start by initialising…", "Begin with…", "First, …"): the cue is no part of its step. */
const OPENS_PROCEDURE = /^\W*(?:(?:start|begin)\s+(?:by|with)|first(?:ly)?\b,?)\s*/i;
/** A sentence going round the steps again ("Repeat the assignment and update steps until…"). */
const REPEATS_STEPS = /^\W*repeat\b/i;
/** A back-reference to what an earlier sentence names ("Use these models…", "These predictions become…"): the noun after it. */
const BACK_REFERENCE = /\b(?:these|those|the resulting)\s+([a-z][\w-]*?)(?:e?s)?\b/gi;
/** A sentence opening with such a back-reference ("These predictions become features…"). */
const OPENS_BACK_REFERENCE = /^\W*(?:these|those|the resulting)\b/i;

/** A back-reference of the text names what an earlier text names ("these models" after "Train… base models"). */
function refersBack(text: string, earlier: readonly string[]): boolean {
  return [...text.matchAll(BACK_REFERENCE)].some(([, noun]) => noun !== undefined && noun.length > 2 && earlier.some((said) => new RegExp(`\\b${noun}`, 'i').test(said)));
}

/*
 * Whether a word is a verb in an instruction's frame ("You ___ the data."): wink tags a sentence-opening
 * imperative as a name ("Split/PROPN data…"), and re-tagging a whole sentence costs 0.1–0.2 ms. Sentences open
 * with few different words, so the answer is kept by word.
 */
const instructionVerbs = createLru<string, boolean>(4096);
function isInstructionVerb(word: string): boolean {
  const known = instructionVerbs.get(word);
  if (known !== undefined) return known;
  const token = nlp.readDoc(`You ${word} the data.`).tokens().itemAt(1);
  const verb = token.out(its.pos) === 'VERB' && token.out(its.lemma) === word;
  instructionVerbs.set(word, verb);
  return verb;
}

/** Where a clause ends: a mark, or a word opening another clause ("Check whether the loss decreases…", "Use… to verify it is…"). */
const ENDS_CLAUSE = new Set(['that', 'which', 'who', 'where', 'when', 'whether', 'if', 'because', 'so', 'until', 'while', 'as', 'to']);

/**
 * The sentence is an instruction: it opens with a verb in its base form ("Assign each point…", "You update each
 * centroid…"), and its first clause has no verb of its own ("Batch normalization normalizes…", "Model selection is…"
 * open with a word that could be a verb, then say what a thing does).
 */
export function opensWithInstruction(sentence: SentenceInfo): boolean {
  const { tokens } = sentence;
  let at = tokens.findIndex((token) => token.kind !== 'punctuation');
  const subject = tokens[at]?.normal === 'you' || tokens[at]?.normal === 'we';
  if (subject) at += 1;
  const opening = tokens[at];
  if (opening === undefined || opening.stop || opening.lemma !== opening.normal || !/^[a-z]+$/.test(opening.normal)) return false;
  // After "You" wink tags the verb itself; a word opening the sentence it often tags a name or a noun.
  if (!(opening.pos === 'VERB' || (!subject && (opening.pos === 'PROPN' || opening.pos === 'NOUN')))) return false;
  // A label, not a verb: "Tree 1: 70% accurate", "Fold 2: …", "Train error: low".
  const next = tokens[at + 1];
  if (next !== undefined && (next.pos === 'NUM' || next.text === ':' || tokens[at + 2]?.text === ':')) return false;
  for (let index = at + 1; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === undefined || (token.kind === 'punctuation' && token.text !== ',' && token.text !== ';') || ENDS_CLAUSE.has(token.normal) || token.pos === 'SCONJ') break;
    if (token.pos === 'AUX' || (token.pos === 'VERB' && token.normal !== token.lemma && token.normal.endsWith('s'))) return false;
  }
  return opening.pos === 'VERB' || isInstructionVerb(opening.normal);
}

/**
 * A procedure the reference states as a row of instructions, without a cue between them ("Start by initialising K
 * centroids. Assign each point to its nearest centroid. Recalculate centroids as the mean… Repeat… until…"): three
 * or more sentences in a row, each an instruction or going on with what one of them made ("These predictions become
 * features…"), that say they are a procedure — the first opens it ("Start by…", "First, …"), one repeats the steps,
 * or one uses what an earlier one made ("Use these models…"). A row of instructions alone is as often a list of
 * checks or advice ("Monitor gradient magnitudes… Plot gradient distributions… Check whether loss decreases…").
 * Each run is its sentences' texts.
 */
export function instructionRuns(sentences: readonly { readonly text: string; readonly instruction: boolean }[]): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  const close = (): void => {
    const linked =
      OPENS_PROCEDURE.test(run[0] ?? '') || run.slice(1).some((text, index) => REPEATS_STEPS.test(text) || refersBack(text, run.slice(0, index + 1)));
    if (run.length >= 3 && linked) runs.push(run);
    run = [];
  };
  for (const { text, instruction } of sentences) {
    const goesOn = run.length > 0 && OPENS_BACK_REFERENCE.test(text) && refersBack(text, run);
    if (goesOn || instruction) run.push(text);
    else close();
  }
  close();
  return runs;
}

/** A sentence that may give its subject three actions in a row ("…splits…, applies…, and combines…"), found by its text. */
export const MAY_LIST_ACTIONS = /,\s+(?:and\s+)?[a-z]+s\b[^,]*,\s+(?:and\s+)?[a-z]+s\b/i;

/** The token is a verb said of a subject ("applies", "combines"): wink tags a verb after "and" a noun at times. */
function saysAction(token: TokenInfo | undefined): boolean {
  if (token === undefined || !/^[a-z]+s$/.test(token.normal) || token.normal === token.lemma) return false;
  return token.pos === 'VERB' || isInstructionVerb(token.lemma);
}

/**
 * The steps of a sentence whose subject does three things or more in a row, each after a comma ("The groupby
 * operation splits data into groups…, applies a function to each group, and combines results"): a procedure told
 * in one breath, in its order. None for fewer than three, or when no step names what another does.
 */
export function actionSeries(sentence: SentenceInfo, keep: (term: string) => boolean): Step[] {
  const { tokens, text } = sentence;
  const main = tokens.findIndex((token) => saysAction(token) && token.pos === 'VERB');
  if (main < 1) return [];
  const starts = [0];
  let alternatives = false;
  tokens.forEach((token, index) => {
    if (index <= main || token.text !== ',') return;
    const joiner = tokens[index + 1]?.normal;
    alternatives ||= joiner === 'or';
    const next = joiner === 'and' || joiner === 'or' ? index + 2 : index + 1;
    if (saysAction(tokens[next])) starts.push(next);
  });
  // "…preserves datasets, stores weights, or checkpoints results": things it may do, not steps.
  if (starts.length < 3 || alternatives) return [];
  const steps: Step[] = [];
  let cursor = 0;
  const offsets = tokens.map((token) => {
    const at = text.indexOf(token.text, cursor);
    cursor = at < 0 ? cursor : at + token.text.length;
    return at < 0 ? cursor : at;
  });
  starts.forEach((start, index) => {
    const end = starts[index + 1] ?? tokens.length;
    const terms = new Set(tokens.slice(start, end).flatMap((token) => (token.term !== '' && keep(token.term) ? [actionTerm(token.term)] : [])));
    const to = index + 1 < starts.length ? offsets[end] ?? text.length : text.length;
    if (terms.size > 0) steps.push({ text: stepText(text.slice(offsets[start] ?? 0, to)), terms });
  });
  // A procedure's steps work on what an earlier one made ("splits data into groups", "applies a function to each
  // group"); a row of unlinked actions is a list of effects ("eliminates loops, saves memory, and makes code cleaner").
  // A word common to the whole field links nothing: "parses the data…, handles data types, and provides options for
  // data cleaning" are three things read_csv offers, not a procedure.
  const linked = steps.some((step, index) =>
    steps.slice(index + 1).some((later) => [...step.terms].some((term) => later.terms.has(term) && termWeight(term) >= FIELD_COMMON_IDF)),
  );
  return steps.length >= 3 && linked ? steps : [];
}

/** An instruction's text as its step: without a cue opening the procedure ("Start by initialising…" → "initialising…"). */
export const procedureStep = (text: string): string => text.replace(OPENS_PROCEDURE, '');

/** Words that place a step in time or in a sequence ("initially", "before", "then", "at the end"). */
const PLACES_STEP = /\b(?:then|next|followed|first|firstly|initially|beforehand|before|after|afterwards?|earlier|previously|prior|eventually|finally|lastly|last|once|start(?:s|ed|ing)?|begin(?:s|ning)?|end)\b/i;

/**
 * The steps of an answer written as a row of instructions without a cue ("Update each centroid to the mean of its
 * points. Assign each point to its nearest centroid. Pick k initial centroids."): read in the order its sentences
 * say them, as a reader follows a recipe. Each instruction sentence is a step; the others (a goal, an aside) are
 * none. Undefined when any sentence places a step in time or in a sequence ("initially", "at the end", "then"):
 * then the answer says its order in words, and the sentences' order is no claim. "First, …" may open the first.
 */
export function instructedSteps(sentences: readonly SentenceInfo[], keep: (term: string) => boolean): Step[] | undefined {
  if (sentences.some((sentence, index) => PLACES_STEP.test(index === 0 ? procedureStep(sentence.text) : sentence.text))) return undefined;
  const instructions = sentences.filter(opensWithInstruction);
  return instructions.length >= 3 ? instructions.flatMap((sentence) => sentenceSteps(sentence, keep)) : undefined;
}

/**
 * The answer's steps that name the own terms (named in no other step) of at most one reference step. A sentence
 * naming two or more says how they connect — a goal ("alternates assigning points and recomputing centroids"), a
 * recap, or a dependency stated in words ("Train the meta-model on the base models' predictions") — and places no
 * step by where it stands.
 */
export function singleSteps(reference: readonly Step[], answer: readonly Step[]): Step[] {
  const seen = new Map<string, number>();
  for (const step of reference) for (const term of step.terms) seen.set(term, (seen.get(term) ?? 0) + 1);
  const own = reference.map((step) => [...step.terms].filter((term) => seen.get(term) === 1));
  return answer.filter((said) => own.filter((terms) => terms.some((term) => said.terms.has(term))).length <= 1);
}

/*
 * Which way a process runs, said in a word or by its ends: "top-down" or "bottom-up", "backward through the
 * network" or "from the input layer forwards to the output layer", "from the root to a leaf" or "up to the root".
 * "Forward" and "backward" naming a phase ("the forward pass", "backward propagation", "feed-forward") say no way.
 */
type Way = 'down' | 'up' | 'forward' | 'backward';

const OPPOSITE_WAY: Readonly<Record<Way, Way>> = { down: 'up', up: 'down', forward: 'backward', backward: 'forward' };

/** Words after "forward"/"backward" that make it a phase's name rather than a way ("a forward method", "forward propagates"). */
const PHASE = '(?:pass(?:es)?|propagat\\w*|prop|phase|step|sweep|computation|evaluation|method|function|hook|mode|selection|elimination|chaining|difference|euler|looking|compatib\\w*)';
const WAYS: readonly (readonly [Way, RegExp])[] = [
  ['down', /\btop[- ]down\b|\bfrom the root(?: node)?(?: all the way)? (?:down )?to (?:a|the|each|its) (?:leaf|leaves)\b|\bdown (?:the tree )?to (?:a|the|its) (?:leaf|leaves)\b/gi],
  ['up', /\bbottom[- ]up\b|\bfrom (?:the|each|its|a) (?:leaf|leaves)(?: nodes?)? (?:up )?to the root|\bup (?:the tree )?to the root|\bup through the parent/gi],
  ['forward', new RegExp(`(?<![-\\w]|\\b(?:going|moving|step|steps|looking|look|put|carr(?:y|ied)|bring|brought|come|came|straight) )forwards?\\b(?![- ]${PHASE}\\b)(?! and back)|\\bfrom the input(?: layer)?s? (?:\\w+ )?(?:forwards? )?to(?:wards)? the output`, 'gi')],
  [
    'backward',
    new RegExp(
      `(?<![-\\w])backwards?\\b(?![- ]${PHASE}\\b)|\\bfrom the output(?: layer)?s? (?:\\w+ )?(?:backwards? |back )?to(?:wards)? the input|\\bback (?:through|to|towards) the (?:network|layers?|first|input|earlier)` +
        // How a backward sweep is told by its ends or its course: "sent back layer by layer", "from the last layer to
        // the first", "back toward the first layer", "starting from the last layer".
        `|\\bback,? layer by layer|\\bfrom the (?:last|final|output|top) layers? (?:\\w+ )?(?:back )?to(?:wards)? the (?:first|input|earliest|bottom)|\\btowards? the (?:first|input|earliest|earlier) layers?\\b|\\bstart(?:s|ing)? (?:from|at|with) the (?:last|final|output) layer`,
      'gi',
    ),
  ],
];

/*
 * What a way is said of. A model answer's "works backward" is said of backpropagation's gradients, and an answer's
 * "data flows forward" of the signal, which does flow forward; "the tree is pruned bottom-up" of pruning, where the
 * model answer grows it top-down; "agglomerative clustering builds its hierarchy bottom-up" of another algorithm;
 * "features are built bottom-up" of what layers learn, where the model answer unfreezes them top-down. A way said
 * of none of these is said of the process the question asks about.
 */
type Moving = 'pruning' | 'clustering' | 'unfreezing' | 'gradient' | 'signal' | 'process';
const MOVING: readonly (readonly [Moving, RegExp])[] = [
  ['pruning', /\bprun(?:e|es|ed|ing)\b/gi],
  ['clustering', /\b(?:cluster(?:s|ing)?|agglomerative|divisive|hierarch(?:y|ies|ical))\b/gi],
  ['unfreezing', /\b(?:unfr[eo]\w*|fine-tun\w*)\b/gi],
  ['gradient', /\b(?:gradients?|errors?|derivatives?|deltas?|backprop\w*|chain rule)\b/gi],
  ['signal', /\b(?:data|signal|activations?|inputs?|information|predictions?|values|hidden states?|computation|features?)\b/gi],
];

/** A way a text says, and what it is said of. */
interface SaidWay {
  readonly way: Way;
  readonly of: Moving;
}

/** A comparison with another thing ("Unlike agglomerative clustering, which builds its hierarchy bottom-up, …"): no claim about this one. */
const COMPARISON = /\b(?:unlike|as opposed to|in contrast to|contrary to)\b[^,;:.]*(?:,\s*which\b[^,;:.]*)?/gi;

/**
 * What a way at `at` is said of: the nearest thing named before it in the sentence ("the error is sent back",
 * "the signal moves forward"), else the first after it in its clause ("It works backward … using the chain rule"),
 * else the process asked about.
 */
function movingAt(text: string, at: number, end: number): Moving {
  let before: { of: Moving; at: number } | undefined;
  let after: { of: Moving; at: number } | undefined;
  const clauseEnd = /[,;:.]/.exec(text.slice(end))?.index ?? text.length - end;
  for (const [of, pattern] of MOVING) {
    for (const match of text.matchAll(pattern)) {
      if (match.index + match[0].length <= at && (before === undefined || match.index > before.at)) before = { of, at: match.index };
      if (match.index >= end && match.index < end + clauseEnd && (after === undefined || match.index < after.at)) after = { of, at: match.index };
    }
  }
  return before?.of ?? after?.of ?? 'process';
}

/** The ways a text says processes run, each with what it is said of; none inside a comparison with another thing. */
function waysSaid(text: string): SaidWay[] {
  const own = text.replace(COMPARISON, (span) => ' '.repeat(span.length));
  return WAYS.flatMap(([way, pattern]) => [...own.matchAll(pattern)].map((match) => ({ way, of: movingAt(own, match.index, match.index + match[0].length) })));
}

/** Words saying a second way is the reverse of the first ("backpropagation goes the other way", "in the opposite direction"). */
const OTHER_WAY = /\b(?:the other way|(?:the )?(?:opposite|reverse) (?:direction|way|order)|in reverse|reverse[- ]mode)\b/i;

/** The ways a text says a process runs. */
export function waysOf(text: string): Set<Way> {
  return new Set(waysSaid(text).map((said) => said.way));
}

/** A process run the other way from the reference's: the way each says, and the sentences saying it. */
export interface ReversedWay {
  readonly expected: Way;
  readonly said: Way;
  readonly reference: string;
  readonly answer: string;
  /** The clause of the answer's sentence that says its way ("then propagate the error from the input layer forwards…"). */
  readonly clause: string;
}

/** The clause of a sentence saying the way, or the sentence when no one clause says it alone. */
function wayClause(text: string, way: Way): string {
  const clauses = text.split(/(?<=[,;:])\s+|\s+(?=(?:and )?then\b)/i);
  return clauses.find((clause) => waysOf(clause).has(way))?.replace(/^(?:and\s+)?then\s+/i, '').replace(/[,;:.]+$/, '') ?? text;
}

/**
 * The answer says the process runs the other way from the one the reference says ("CART works bottom-up" against
 * "It works top-down"), and never the reference's way. A reference saying both ways of one axis (agglomerative is
 * bottom-up, divisive top-down; a forward pass and a backward one) sets neither; an answer saying both ("the inputs
 * flow forward, then the error flows backward", "…and backpropagation goes the other way") reverses nothing.
 */
export function reversedWay(reference: readonly string[], answer: readonly string[]): ReversedWay | undefined {
  const referenceWays = new Set(reference.flatMap((text) => [...waysOf(text)]));
  const answerWays = new Set(answer.flatMap((text) => [...waysOf(text)]));
  if (answer.some((text) => OTHER_WAY.test(text))) return undefined;
  for (const expected of referenceWays) {
    const said = OPPOSITE_WAY[expected];
    if (referenceWays.has(said) || answerWays.has(expected) || !answerWays.has(said)) continue;
    // Only the other way said of the same thing reverses it: "data flows forward" reverses no gradient.
    const of = new Set(reference.flatMap((text) => waysSaid(text).flatMap((way) => (way.way === expected ? [way.of] : []))));
    const sameThing = (text: string): boolean => waysSaid(text).some((way) => way.way === said && of.has(way.of));
    const answerText = answer.find(sameThing);
    if (answerText === undefined) continue;
    const referenceText = reference.find((text) => waysOf(text).has(expected)) ?? '';
    return { expected, said, reference: referenceText, answer: answerText, clause: wayClause(answerText, said) };
  }
  return undefined;
}
