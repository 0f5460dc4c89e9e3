import type { TokenInfo } from './nlp.js';

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
  // Added in 2026.11.17 after reading answers that reversed a reference ("the increase in entropy" for "the
  // reduction in entropy", "wider margins", "vanishing gradients"): see data/grader/README.md.
  ['increase', 'reduction'], ['wide', 'narrow'], ['wider', 'narrower'], ['vanishing', 'exploding'], ['vanish', 'explode'],
  // Added in 2026.11.28: support vectors "farthest from the boundary" where the reference says closest. Not
  // "nearest": k-means++ draws the points farthest from their nearest centroid, and both words describe it.
  ['closest', 'farthest'], ['closest', 'furthest'],
  // Added in 2026.11.28: what a range or a set leaves out ("omits the endpoint" where the reference says it includes
  // it), and data said balanced where the reference says imbalanced.
  ['include', 'omit'], ['balanced', 'imbalanced'], ['balanced', 'unbalanced'],
];

export const OPPOSITES: ReadonlyMap<string, readonly string[]> = (() => {
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

/** A verb that with "out" after it says a word of the pairs: "leaves out the endpoint" excludes it. */
const PHRASAL: ReadonlyMap<string, string> = new Map([['leave', 'exclude']]);

/**
 * A token's forms (normal form and lemma) that have an opposite. With the token after it, a phrasal verb is read
 * whole: "left out" says exclude, not the direction "left".
 */
export function tokenContrasts(token: TokenInfo, next?: TokenInfo): string[] {
  const phrasal = next?.normal === 'out' ? PHRASAL.get(token.lemma) : undefined;
  if (phrasal !== undefined) return [phrasal];
  const forms: string[] = [];
  if (OPPOSITES.has(token.normal)) forms.push(token.normal);
  if (token.lemma !== token.normal && OPPOSITES.has(token.lemma)) forms.push(token.lemma);
  return forms;
}
