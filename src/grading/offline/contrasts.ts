import { clauseOf, type Denial } from './clauses.js';
import type { SentenceInfo, TokenInfo } from './nlp.js';

/*
 * Words whose swap turns a true statement into a false one: directions, comparisons, quantifiers, and the
 * paired concepts of ML that wrong answers mix up ("the early layers are the most task-specific" where
 * the reference says general; "move in the same direction as the gradient" where it says opposite).
 * An answer sentence that says one where the reference sentence it matches says the other is read as a
 * contradiction. The pairs are generic English and ML vocabulary, but they were written after reading
 * the wrong answers of the project's development set (data/eval), and pairs that fired on its correct
 * answers ("train"/"test", "start"/"end", "row"/"column") were dropped: see data/grader/README.md.
 */
const PAIRS: readonly (readonly [string, string])[] = [
  ['increase', 'decrease'], ['increase', 'reduce'], ['raise', 'lower'], ['high', 'low'], ['higher', 'lower'],
  ['large', 'small'], ['larger', 'smaller'], ['big', 'small'], ['more', 'less'], ['more', 'fewer'], ['most', 'least'],
  ['grow', 'shrink'], ['up', 'down'], ['above', 'below'], ['over', 'under'], ['before', 'after'], ['early', 'late'],
  ['earlier', 'later'], ['first', 'last'], ['same', 'opposite'], ['same', 'different'],
  ['similar', 'different'], ['parallel', 'perpendicular'], ['positive', 'negative'], ['true', 'false'],
  ['always', 'never'], ['all', 'none'], ['include', 'exclude'], ['inclusive', 'exclusive'],
  ['add', 'remove'], ['left', 'right'], ['input', 'output'], ['maximum', 'minimum'],
  ['maximize', 'minimize'], ['maximise', 'minimise'], ['max', 'min'], ['local', 'global'], ['general', 'specific'],
  ['generic', 'specific'], ['mutable', 'immutable'], ['convex', 'nonconvex'], ['linear', 'nonlinear'],
  ['dependent', 'independent'], ['correlated', 'independent'], ['correlated', 'uncorrelated'], ['sparse', 'dense'],
  ['shallow', 'deep'], ['fast', 'slow'], ['faster', 'slower'], ['strong', 'weak'], ['simple', 'complex'],
  ['overfit', 'underfit'], ['overfitting', 'underfitting'], ['bias', 'variance'], ['precision', 'recall'],
  ['supervised', 'unsupervised'], ['inside', 'outside'],
  ['top', 'bottom'], ['horizontal', 'vertical'], ['copy', 'view'], ['stable', 'unstable'],
  ['continuous', 'discrete'], ['ascending', 'descending'], ['add', 'subtract'], ['multiply', 'divide'],
  ['sum', 'product'], ['parallel', 'sequential'], ['parallel', 'sequentially'], ['independently', 'sequentially'], ['allow', 'prevent'],
  
];

const OPPOSITES: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  const add = (word: string, other: string): void => {
    const list = map.get(word) ?? [];
    list.push(other);
    map.set(word, list);
  };
  for (const [a, b] of PAIRS) {
    add(a, b);
    add(b, a);
  }
  return map;
})();

/** The pairs of opposite words. */
export function contrastPairs(): readonly (readonly [string, string])[] {
  return PAIRS;
}

/** A token's forms (normal form and lemma) that have an opposite. */
export function tokenContrasts(token: TokenInfo): string[] {
  const forms: string[] = [];
  if (OPPOSITES.has(token.normal)) forms.push(token.normal);
  if (token.lemma !== token.normal && OPPOSITES.has(token.lemma)) forms.push(token.lemma);
  return forms;
}

/** Words either side of an opposite word whose terms say what it is about ("optimise recall"). */
const ANCHOR_WINDOW = 3;

/**
 * What an opposite word at `index` is about: an adjective's noun ("general features", "specific
 * problem"), else the content terms near it in its clause.
 */
function anchorsOf(sentence: SentenceInfo, clauses: readonly number[], index: number): Set<string> {
  const { tokens } = sentence;
  const near: number[] = [];
  for (let other = Math.max(0, index - ANCHOR_WINDOW); other <= index + ANCHOR_WINDOW && other < tokens.length; other += 1) {
    const token = tokens[other];
    if (token === undefined || other === index || clauses[other] !== clauses[index] || token.term === '') continue;
    if (!OPPOSITES.has(token.normal) && !OPPOSITES.has(token.lemma)) near.push(other);
  }
  if (tokens[index]?.pos === 'ADJ') {
    const noun = near.find((other) => other > index && ['NOUN', 'PROPN'].includes(tokens[other]?.pos ?? ''));
    if (noun !== undefined) return new Set([tokens[noun]?.term ?? '']);
  }
  return new Set(near.map((other) => tokens[other]?.term ?? ''));
}

/** Where a sentence says a word that has an opposite. */
export interface ContrastUse {
  /** What the word is about (see anchorsOf). */
  readonly anchors: ReadonlySet<string>;
  /** Content terms of the clauses that say it, opposite words left out. */
  readonly clause: ReadonlySet<string>;
  /** Every time the sentence says it, it is under a negation: "cannot be used outside" says "only inside". */
  readonly negated: boolean;
}

/** A sentence's words (normal forms and lemmas) that have an opposite, with where it says them. */
export function contrastWords(sentence: SentenceInfo): Map<string, ContrastUse> {
  const words = new Map<string, { anchors: Set<string>; clause: Set<string>; negated: boolean }>();
  const clauses = clauseOf(sentence);
  const { tokens } = sentence;
  for (const [index, token] of tokens.entries()) {
    for (const form of tokenContrasts(token)) {
      const use = words.get(form) ?? { anchors: new Set<string>(), clause: new Set<string>(), negated: true };
      use.negated &&= token.negated;
      for (const term of anchorsOf(sentence, clauses, index)) use.anchors.add(term);
      for (const [other, near] of tokens.entries()) {
        if (clauses[other] === clauses[index] && near.term !== '' && !OPPOSITES.has(near.normal) && !OPPOSITES.has(near.lemma)) use.clause.add(near.term);
      }
      words.set(form, use);
    }
  }
  return words;
}

const shared = (a: ReadonlySet<string>, b: Iterable<string>): number => {
  let count = 0;
  for (const term of new Set(b)) if (a.has(term)) count += 1;
  return count;
};

interface ContrastSentence {
  readonly terms: readonly string[];
  readonly contrasts: ReadonlyMap<string, ContrastUse>;
}

/**
 * The negation is about a manner or degree word that has an opposite, not the verb it follows: "does not
 * train its models sequentially" says "in parallel" rather than denying the training.
 */
export function qualifiedDenial(denial: Denial): boolean {
  return denial.scope.some((token) => (token.pos === 'ADV' || token.pos === 'ADJ') && tokenContrasts(token).length > 0);
}

/**
 * The answer denies an opposite of what the reference sentence says ("does not train its models
 * sequentially" where it says "in parallel"): a paraphrase of it, not a denial of the verb.
 */
export function deniesOpposite(answerWords: ReadonlyMap<string, ContrastUse>, aligned: ContrastSentence): boolean {
  for (const [word, use] of answerWords) {
    if (use.negated && (OPPOSITES.get(word) ?? []).some((opposite) => aligned.contrasts.has(opposite))) return true;
  }
  return false;
}

/**
 * The answer's sentence says a word whose opposite the reference's matching sentence says about the same
 * thing (an anchor in common), and neither sentence says both ("faster and smaller" against "slower and
 * larger": swapped; "more or less" in both: not), and the answer does not negate its word ("cannot be used
 * outside" against "only inside"). Not when another sentence of the reference says the
 * answer's word and matches the answer's clause at least as well: "bagging trains models independently"
 * is not contradicted by "boosting trains models sequentially" when the reference also says "bagging
 * trains models independently".
 */
export function swapsContrast(answerWords: ReadonlyMap<string, ContrastUse>, aligned: ContrastSentence, reference: readonly ContrastSentence[]): [string, string] | null {
  for (const [word, use] of answerWords) {
    if (aligned.contrasts.has(word) || use.negated) continue;
    for (const opposite of OPPOSITES.get(word) ?? []) {
      const referenceUse = aligned.contrasts.get(opposite);
      if (!referenceUse || answerWords.has(opposite) || shared(use.anchors, referenceUse.anchors) === 0) continue;
      const match = shared(use.clause, aligned.terms);
      if (reference.some((sentence) => sentence.contrasts.has(word) && shared(use.clause, sentence.terms) >= match)) continue;
      return [word, opposite];
    }
  }
  return null;
}
