import { clauseOf } from './clauses.js';
import type { SentenceInfo } from './nlp.js';
import { OPPOSITES, tokenContrasts } from './opposites.js';

/** Words that grade an adjective or adverb after them ("more conservative", "less often"). */
const DEGREE_WORDS: ReadonlySet<string> = new Set(['more', 'less', 'most', 'least']);
/** Words either side of an opposite word whose terms say what it is about ("optimise recall"). */
const ANCHOR_WINDOW = 3;

/**
 * What an opposite word at `index` is about: an adjective's noun ("general features", "specific
 * problem"), else the content terms near it in its clause.
 */
function anchorsOf(sentence: SentenceInfo, clauses: readonly number[], index: number): Set<string> {
  const { tokens } = sentence;
  // "more conservative" is the adjective's degree, about conservativeness, not an amount: "fewer positive predictions"
  // does not oppose it, "less conservative" does.
  const graded = tokens[index + 1];
  if (DEGREE_WORDS.has(tokens[index]?.normal ?? '') && graded !== undefined && (graded.pos === 'ADJ' || graded.pos === 'ADV') && graded.term !== '') {
    return new Set([graded.term]);
  }
  const near: number[] = [];
  for (let other = Math.max(0, index - ANCHOR_WINDOW); other <= index + ANCHOR_WINDOW && other < tokens.length; other += 1) {
    const token = tokens[other];
    if (token === undefined || other === index || clauses[other] !== clauses[index] || token.term === '') continue;
    if (!OPPOSITES.has(token.normal) && !OPPOSITES.has(token.lemma)) near.push(other);
  }
  if (tokens[index]?.pos === 'ADJ') {
    const isNoun = (other: number): boolean => ['NOUN', 'PROPN'].includes(tokens[other]?.pos ?? '') && clauses[other] === clauses[index];
    const first = near.find((other) => other > index && isNoun(other));
    if (first !== undefined) {
      // An adjective with a complement ("closest to the decision boundary") is about the whole compound of its
      // object, the boundary too; one before a noun ("a large source task") about that noun only, as before.
      if (tokens[index + 1]?.pos !== 'ADP') return new Set([tokens[first]?.term ?? '']);
      const compound: string[] = [];
      for (let at = first; isNoun(at); at += 1) compound.push(tokens[at]?.term ?? '');
      return new Set(compound.filter((term) => term !== ''));
    }
  }
  return new Set(near.map((other) => tokens[other]?.term ?? ''));
}

/** Where a sentence says a word that has an opposite. */
export interface ContrastUse {
  /** What the word is about (see anchorsOf). */
  readonly anchors: ReadonlySet<string>;
  /** Content terms of the clauses that say it, opposite words left out. */
  readonly clause: ReadonlySet<string>;
  /**
   * Every time the sentence says it, it is under a negation or in an "until" clause: "cannot be used outside" says
   * "only inside", "continues until it becomes false" says "while it is true".
   */
  readonly negated: boolean;
  /** Numbers written in figures in the clauses that say it ("leaves out 37%": 37). */
  readonly numbers: ReadonlySet<number>;
}

/** Words opening a clause that holds until its condition turns: what it says is what stops being so. */
const UNTIL: ReadonlySet<string> = new Set(['until', 'till']);
/**
 * The tokens inside an "until" clause, to the end of its clause (`clauseOf`): "Loops continue until a condition becomes
 * false" says the loop runs while it is true, so a word there states its opposite, as a negated word does; "…until the
 * loss stops falling, and then the lowest loss is kept" flips nothing after the comma.
 */
function untilClauses(tokens: SentenceInfo['tokens'], clauses: () => readonly number[]): boolean[] | undefined {
  let clause: number | undefined;
  let flipped: boolean[] | undefined;
  for (const [index, token] of tokens.entries()) {
    if (UNTIL.has(token.normal)) clause = clauses()[index + 1];
    else if (clause !== undefined && clauses()[index] === clause) (flipped ??= [])[index] = true;
    else clause = undefined;
  }
  return flipped;
}

/** A number written in figures: "37", "0.25", "1,000". */
const FIGURES = /^\d[\d,]*(?:\.\d+)?$/;

/** A sentence's words (normal forms and lemmas) that have an opposite, with where it says them. */
export function contrastWords(sentence: SentenceInfo): Map<string, ContrastUse> {
  const words = new Map<string, { anchors: Set<string>; clause: Set<string>; negated: boolean; numbers: Set<number> }>();
  const { tokens } = sentence;
  let clauses: readonly number[] | undefined;
  const flipped = untilClauses(tokens, () => (clauses ??= clauseOf(sentence)));
  // A clause's content terms, in token order, and its numbers, gathered once however many opposite words it says.
  let clauseTerms: string[][] | undefined;
  let clauseNumbers: number[][] | undefined;
  for (const [index, token] of tokens.entries()) {
    const forms = tokenContrasts(token, tokens[index + 1]);
    if (forms.length === 0) continue;
    clauses ??= clauseOf(sentence);
    clauseTerms ??= termsByClause(tokens, clauses);
    const terms = clauseTerms[clauses[index] ?? 0] ?? [];
    for (const form of forms) {
      const use = words.get(form) ?? { anchors: new Set<string>(), clause: new Set<string>(), negated: true, numbers: new Set<number>() };
      use.negated &&= token.negated !== (flipped?.[index] === true);
      for (const term of anchorsOf(sentence, clauses, index)) use.anchors.add(term);
      for (const term of terms) use.clause.add(term);
      clauseNumbers ??= numbersByClause(tokens, clauses);
      for (const number of clauseNumbers[clauses[index] ?? 0] ?? []) use.numbers.add(number);
      words.set(form, use);
    }
  }
  return words;
}

/** Per clause, the terms of its content words that have no opposite. */
function termsByClause(tokens: SentenceInfo['tokens'], clauses: readonly number[]): string[][] {
  const byClause: string[][] = [];
  for (const [index, near] of tokens.entries()) {
    if (near.term === '' || OPPOSITES.has(near.normal) || OPPOSITES.has(near.lemma)) continue;
    const clause = clauses[index] ?? 0;
    (byClause[clause] ??= []).push(near.term);
  }
  return byClause;
}

/** Per clause, the numbers it writes in figures. */
function numbersByClause(tokens: SentenceInfo['tokens'], clauses: readonly number[]): number[][] {
  const byClause: number[][] = [];
  for (const [index, near] of tokens.entries()) {
    if (FIGURES.test(near.text)) (byClause[clauses[index] ?? 0] ??= []).push(Number(near.text.replace(/,/g, '')));
  }
  return byClause;
}

const shared = (a: ReadonlySet<string>, b: Iterable<string>): number => {
  let count = 0;
  for (const term of new Set(b)) if (a.has(term)) count += 1;
  return count;
};

/** Words saying what a share takes in or leaves out: the pairs an amount can complement. */
const INCLUSION: ReadonlySet<string> = new Set(['include', 'exclude', 'omit']);

/**
 * Inclusion words with amounts that add up to the whole: "leaves out 37% of the rows" against "includes 63%". Other
 * opposites with other amounts still contradict: "5 times higher" against "10 times lower".
 */
function complements(word: string, opposite: string, answer: ReadonlySet<number>, reference: ReadonlySet<number>): boolean {
  if (!INCLUSION.has(word) || !INCLUSION.has(opposite)) return false;
  return [...answer].some((number) => !reference.has(number) && reference.has(100 - number));
}

interface ContrastSentence {
  readonly terms: readonly string[];
  readonly contrasts: ReadonlyMap<string, ContrastUse>;
}

/**
 * The answer denies an opposite of what the reference sentence says ("does not train its models
 * sequentially" where it says "in parallel"): a paraphrase of it, not a denial of the verb.
 */
export function deniesOpposite(answerWords: ReadonlyMap<string, ContrastUse>, aligned: ContrastSentence): boolean {
  for (const [word, use] of answerWords) {
    if (use.negated && (OPPOSITES.get(word) ?? []).some((opposite) => aligned.contrasts.get(opposite)?.negated === false)) return true;
  }
  return false;
}

/**
 * The reference sentence says the opposite of a word the answer's sentence affirms, and not that word itself
 * ("copy" where the answer says "view"): of two sentences the answer matches equally, not the one it is about.
 */
export function opposesContrast(answerWords: ReadonlyMap<string, ContrastUse>, sentence: ContrastSentence): boolean {
  for (const [word, use] of answerWords) {
    if (use.negated || sentence.contrasts.has(word)) continue;
    if ((OPPOSITES.get(word) ?? []).some((opposite) => sentence.contrasts.get(opposite)?.negated === false)) return true;
  }
  return false;
}

/**
 * The answer's sentence says a word whose opposite the reference's matching sentence says about the same
 * thing (an anchor in common), and neither sentence says both ("faster and smaller" against "slower and
 * larger": swapped; "more or less" in both: not), both said the same way: affirmed, or both denied ("runs until it
 * is true" against "runs until it is false"); a word denied against its opposite affirmed agrees ("cannot be used
 * outside" against "only inside"). Not when another sentence of the reference says the
 * answer's word and matches the answer's clause at least as well: "bagging trains models independently"
 * is not contradicted by "boosting trains models sequentially" when the reference also says "bagging
 * trains models independently". Nor when a sentence matching the answer's as well as the aligned one and saying what
 * it says (`agreeing`, see findContradictions) says the answer's word.
 */
export function swapsContrast(
  answerWords: ReadonlyMap<string, ContrastUse>,
  aligned: ContrastSentence,
  reference: readonly ContrastSentence[],
  agreeing: readonly ContrastSentence[] = [],
): [string, string] | null {
  for (const [word, use] of answerWords) {
    if (aligned.contrasts.has(word) || agreeing.some((sentence) => sentence.contrasts.get(word)?.negated === use.negated)) continue;
    for (const opposite of OPPOSITES.get(word) ?? []) {
      const referenceUse = aligned.contrasts.get(opposite);
      // Opposite words said the same way round swap; denying the opposite agrees ("not slow" against "fast", "runs
      // until it is false" against "runs while it is true").
      if (!referenceUse || referenceUse.negated !== use.negated || answerWords.has(opposite) || shared(use.anchors, referenceUse.anchors) === 0) continue;
      if (complements(word, opposite, use.numbers, referenceUse.numbers)) continue;
      const match = shared(use.clause, aligned.terms);
      if (reference.some((sentence) => sentence.contrasts.has(word) && shared(use.clause, sentence.terms) >= match)) continue;
      return [word, opposite];
    }
  }
  return null;
}
