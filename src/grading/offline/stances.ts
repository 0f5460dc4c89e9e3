import { NEGATORS } from './cues.js';
import { clauseOf, deniedHeads } from './clauses.js';
import { OMITTING } from './denial-agreement.js';
import type { SentenceInfo, TokenInfo } from './nlp.js';

/*
 * What the reference holds false, read with its own polarity. A reference says some things are not so
 * ("It is not the probability that the null hypothesis is true") and warns against others ("Common
 * pitfall: leaving dropout active at evaluation time"): taken at face value, an answer repeating the
 * misconception or recommending the pitfall shares their words and "covers" them, and an answer that
 * gives the same warning ("Don't forget model.eval()") reads as negating the reference. Each such statement
 * is kept with the polarity of each of its terms, so that a denial saying what the reference denies or warns
 * against contradicts nothing (denial-agreement.ts judges it). The other direction, an answer stating the misconception or recommending the
 * pitfall, is not judged here: read term by term it also caught correct answers that name the pitfall as a
 * condition, a contrast or a consequence ("If you resample before the split…", "rather than peeking…"). Only a
 * plain claim of the same predicate and subject as a denial is read (features.ts, `affirmsDenied`).
 */

/** A statement of the reference with, for each of its terms, whether the reference holds it false or bad. */
export interface Stance {
  /** The reference sentence it comes from. */
  readonly reference: string;
  /** Term → the reference holds it false (a denial) or bad (a pitfall's action); true for every denied term. */
  readonly bad: ReadonlyMap<string, boolean>;
  /** A denial's predicate ("probability" in "is not the probability that…"): a sentence must say it too. */
  readonly head: string | null;
}

/** A clause of the reference: its affirmed terms, and whether it is a predicate alone ("Overfits easily", "High variance"). */
interface ReferenceClause {
  readonly terms: ReadonlySet<string>;
  /** A bullet without its subject, which its block names: the predicate alone says what the claim is about. */
  readonly subjectless: boolean;
}

/** The reference's stances, and each of its sentences' clauses (what one claim is about). */
export interface ReferenceStances {
  readonly stances: readonly Stance[];
  readonly clauses: ReadonlyMap<string, readonly ReferenceClause[]>;
}

/** Labels of a block or sentence that lists what not to do. */
const PITFALL_LABEL = /\b(?:pitfalls?|mistakes?|gotchas?|anti-?patterns?|traps?|avoid|don'?t|do\s+not)\b/i;
/** "Common pitfall: leaving dropout on…": a short opening label and what it labels. */
const OPENING_LABEL = /^([^:]{1,40}):\s+\S/;
/** Words that end the mistake a pitfall names and open its consequence or fix ("…, which makes predictions random"). */
const CONSEQUENCE_WORDS: ReadonlySet<string> = new Set(['which', 'so', 'because', 'since', 'where', 'causing', 'making']);
const MISTAKE_END: ReadonlySet<string> = new Set([':', ';', '—', '–']);
/**
 * Words that say what a sentence names is a mistake ("a common mistake is…", "avoid…"): a sentence that uses
 * one, without a warning negation of its own, warns against what it names.
 */
const WARNING = /\b(?:mistakes?|pitfalls?|gotchas?|traps?|avoid(?:s|ed|ing)?|bewares?|careful|caveats?|watch\s+out|bad\s+idea)\b/i;
/** Words that say what a clause names does harm ("…leaks test data", "extra rounds overfit"): that clause warns. */
const HARM = new Set(['leak', 'leakag', '~leakage', 'inflat', '~overfit', 'overfit', 'optimist', 'mislead', 'wrong', 'bug']);

/** A word that denies ("n't" reads as "not"). */
const isNegator = (token: TokenInfo): boolean => NEGATORS.has(token.normal) || token.lemma === 'not';
/** A word that denies a claim: "for distributions without a finite variance" names a case, it denies nothing. */
const deniesClaim = (token: TokenInfo): boolean => isNegator(token) && token.normal !== 'without';

/** Verbs that deny what follows their "from" ("stops the network from relying on one unit"); "prevent" also without it. */
const PREVENTING: ReadonlySet<string> = new Set(['stop', 'keep', 'prevent', 'block']);

/**
 * Each token's polarity in its sentence: negated by a negation's scope, flipped again inside the scope of
 * an omitting or preventing verb ("don't forget to scale": scaling is affirmed; "stops the network from relying
 * on any single unit": relying is denied), up to the end of the clause.
 */
function polarities(sentence: SentenceInfo): boolean[] {
  const { tokens } = sentence;
  const clauses = clauseOf(sentence);
  const flipped = new Array<boolean>(tokens.length).fill(false);
  tokens.forEach((token, index) => {
    let from = -1;
    if (OMITTING.has(token.lemma)) from = index + 1;
    else if (PREVENTING.has(token.lemma)) {
      const after = tokens.findIndex((other, at) => at > index && clauses[at] === clauses[index] && other.normal === 'from');
      from = after >= 0 ? after + 1 : token.lemma === 'prevent' ? index + 1 : -1;
    }
    for (let at = from; from >= 0 && at < tokens.length && clauses[at] === clauses[index]; at += 1) flipped[at] = !flipped[at];
  });
  return tokens.map((token, index) => token.negated !== flipped[index]);
}

/**
 * The mistakes a pitfall names, each as its tokens: every part between semicolons ("not scaling the features
 * first…; and fitting PCA on the whole dataset…") that opens with an action, up to where its consequence
 * starts ("…, which leaks test information"). A part that describes what happens ("a word never seen with a
 * class gets probability zero") or says what to do instead ("use out-of-fold predictions") names no mistake
 * an answer could recommend.
 */
function mistakeSpans(sentence: SentenceInfo, labelled: boolean): number[][] {
  const { tokens } = sentence;
  let start = 0;
  if (labelled) {
    start = tokens.findIndex((token) => token.text === ':') + 1;
    if (start === 0) return [];
  }
  const spans: number[][] = [];
  let span: number[] = [];
  let ended = false;
  const close = (): void => {
    const first = span.find((index) => {
      const token = tokens[index];
      return token !== undefined && token.kind === 'word' && !isNegator(token) && !['and', 'or'].includes(token.normal);
    });
    const opening = first === undefined ? undefined : tokens[first];
    // "training-serving skew" names a problem with a compound noun, not an action.
    const compound = first !== undefined && tokens[first + 1]?.text === '-';
    if (opening !== undefined && opening.normal.endsWith('ing') && opening.term !== '' && !compound) spans.push(span);
    span = [];
    ended = false;
  };
  for (let index = start; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === undefined) break;
    if (token.text === ';') {
      close();
      continue;
    }
    if (MISTAKE_END.has(token.text) || (token.text === ',' && CONSEQUENCE_WORDS.has(tokens[index + 1]?.normal ?? ''))) ended = true;
    if (CONSEQUENCE_WORDS.has(token.normal) && span.length > 0 && token.normal !== 'so') ended = true;
    if (!ended) span.push(index);
  }
  close();
  return spans;
}

function pitfallStances(sentence: SentenceInfo, block: string | null): Stance[] {
  const label = OPENING_LABEL.exec(sentence.text)?.[1];
  const labelled = label !== undefined && PITFALL_LABEL.test(label);
  if (!labelled && !(block !== null && PITFALL_LABEL.test(block))) return [];
  const polarity = polarities(sentence);
  return mistakeSpans(sentence, labelled).flatMap((span) => {
    const bad = new Map<string, boolean>();
    for (const index of span) {
      const term = sentence.tokens[index]?.term ?? '';
      // The mistake is bad as stated: a term it says is not done ("not scaling") is good.
      if (term !== '' && !bad.has(term)) bad.set(term, !(polarity[index] ?? false));
    }
    if (bad.size === 0) return [];
    return [{ reference: sentence.text, bad, head: null }];
  });
}

/**
 * The reference's denials, each with the terms it denies and its predicate: a negated verb or adjective
 * (`deniedHeads`: "does not measure the size of an effect"), or the noun a negated "be" names ("It is not the
 * probability that the null hypothesis is true"). A "not" after a noun narrows it ("the same group not in both
 * train and test") and denies nothing.
 */
function denialStances(sentence: SentenceInfo): Stance[] {
  const { tokens } = sentence;
  if (!tokens.some((token) => token.negated)) return [];
  const clauses = clauseOf(sentence);
  const heads = new Set(deniedHeads(sentence).map((denial) => tokens.indexOf(denial.head)));
  tokens.forEach((token, index) => {
    const next = tokens[index + 1];
    if (token.lemma !== 'be' || next === undefined || !isNegator(next)) return;
    const noun = tokens.findIndex((other, at) => at > index + 1 && other.kind === 'word' && other.pos !== 'DET');
    const named = tokens[noun];
    if (named !== undefined && named.pos === 'NOUN' && named.term !== '' && named.negated) heads.add(noun);
  });
  const stances: Stance[] = [];
  for (const index of heads) {
    const head = tokens[index];
    if (head === undefined || !tokens.some((token, at) => clauses[at] === clauses[index] && deniesClaim(token))) continue;
    const clause = tokens.filter((_, at) => clauses[at] === clauses[index]);
    const bad = new Map(clause.filter((token) => token.negated && token.term !== '').map((token) => [token.term, true] as const));
    stances.push({ reference: sentence.text, bad, head: head.term });
  }
  return stances;
}

function referenceClauses(sentence: SentenceInfo): ReferenceClause[] {
  const clauses = clauseOf(sentence);
  const sets: Set<string>[] = [];
  sentence.tokens.forEach((token, index) => {
    if (token.term === '' || token.negated) return;
    (sets[clauses[index] ?? 0] ??= new Set()).add(token.term);
  });
  const opening = sentence.tokens.findIndex((token) => token.kind === 'word');
  // wink tags a capitalised opening word a proper noun as often as not ("Overfits easily"): the opening clause
  // saying one term and nothing else is the predicate alone.
  return sets.flatMap((terms, clause) => (terms === undefined ? [] : [{ terms, subjectless: clause === clauses[opening] && terms.size === 1 }]));
}

/** The stances of the reference's sentences (each with the markdown block it sits under). */
export function readStances(sentences: readonly { readonly sentence: SentenceInfo; readonly block: string | null }[]): ReferenceStances {
  const stances: Stance[] = [];
  const clauses = new Map<string, readonly ReferenceClause[]>();
  for (const { sentence, block } of sentences) {
    stances.push(...pitfallStances(sentence, block));
    stances.push(...denialStances(sentence));
    clauses.set(sentence.text, referenceClauses(sentence));
  }
  // The reference agrees with itself: a stance one of its own sentences reads as opposed is not told apart from
  // what it affirms ("changes to the view affect the original" beside "changes to a copy don't affect the
  // original"; "a meta-model on their out-of-fold predictions" beside the pitfall "on in-sample predictions").
  const consistent = stances.filter(
    (stance) => !sentences.some(({ sentence }) => sentence.text !== stance.reference && opposes(sentence, stance)),
  );
  return { stances: consistent, clauses };
}

/**
 * A denial needs this share of its terms in the other sentence's clause, a pitfall this share in its sentence and
 * at least PITFALL_SHARED of them (all when it has fewer): a few shared words ("parameters", "probable") are a topic,
 * not the mistake.
 */
const DENIAL_SHARE = 0.6;
const PITFALL_SHARE = 0.5;
const PITFALL_SHARED = 3;
const MIN_SHARED = 2;

/**
 * Whether another sentence of the reference says a stance the other way: its own polarity of the stance's terms,
 * flipped when it names them as a mistake or a harm without a negation ("a common mistake is fitting PCA before the
 * split"). A denial is read on its predicate, within the sentence's clause that says it; a pitfall on the majority
 * of its terms in the sentence, a tie reading as agreement.
 */
function opposes(sentence: SentenceInfo, stance: Stance): boolean {
  const core = [...stance.bad.keys()];
  if (core.length < MIN_SHARED) return false;
  const polarity = polarities(sentence);
  const { tokens } = sentence;
  const clauses = clauseOf(sentence);
  // A clause with a negation of its own already warns ("Two gotchas: never skip scaling"): a warning word beside
  // it says the same, not the opposite.
  const negated = new Set(tokens.flatMap((token, index) => (isNegator(token) ? [clauses[index]] : [])));
  const warns = WARNING.test(sentence.text);
  const harmed = new Set(tokens.flatMap((token, index) => (HARM.has(token.term) || HARM.has(token.stem) ? [clauses[index]] : [])));
  const said = (index: number): boolean => {
    const clause = clauses[index];
    return (polarity[index] ?? false) !== (!negated.has(clause) && (warns || harmed.has(clause)));
  };
  if (stance.head !== null) {
    for (const [index, token] of tokens.entries()) {
      if (token.term !== stance.head) continue;
      const clause = clauses[index];
      const terms = new Set(tokens.filter((_, other) => clauses[other] === clause).map((other) => other.term));
      const shared = core.filter((term) => terms.has(term)).length;
      if (shared < Math.max(MIN_SHARED, Math.ceil(DENIAL_SHARE * core.length))) continue;
      return !said(index);
    }
    return false;
  }
  const seen = new Map<string, boolean>();
  for (const [index, token] of tokens.entries()) if (core.includes(token.term) && !seen.has(token.term)) seen.set(token.term, said(index));
  if (seen.size < Math.min(core.length, Math.max(PITFALL_SHARED, Math.ceil(PITFALL_SHARE * core.length)))) return false;
  let agree = 0;
  for (const [term, bad] of seen) if (stance.bad.get(term) === bad) agree += 1;
  return seen.size - agree > agree;
}
