import type { KeyPoint } from './key-points.js';
import type { SentenceInfo } from './nlp.js';

export interface PointMatch {
  readonly point: KeyPoint;
  /** Weighted share of the point's salient terms found in the answer, 0..1. */
  readonly share: number;
  readonly covered: boolean;
  /** The answer sentence that shares most terms with the point, if any shares two. */
  readonly sentence: SentenceInfo | null;
  /** A salient term the answer states with the opposite polarity ("are" vs "are not"). */
  readonly contradicted: boolean;
}

function bestSentence(point: KeyPoint, sentences: readonly SentenceInfo[]): SentenceInfo | null {
  let best: SentenceInfo | null = null;
  let bestShared = 1;
  for (const sentence of sentences) {
    const shared = new Set(sentence.tokens.filter((token) => point.terms.has(token.term)).map((token) => token.term)).size;
    if (shared > bestShared) {
      best = sentence;
      bestShared = shared;
    }
  }
  return best;
}

/*
 * Only one direction counts: the answer negating what the reference affirms ("tuples are not
 * immutable"). The reverse is usually a paraphrase ("cannot be changed" → "changing it raises an
 * error"). Polarity is read on the sentence that best matches the point only.
 */
function contradicts(point: KeyPoint, sentence: SentenceInfo): boolean {
  return sentence.tokens.some(
    (token) =>
      token.negated &&
      (token.pos === 'ADJ' || token.pos === 'VERB') &&
      point.terms.has(token.term) &&
      !point.negatedTerms.has(token.term),
  );
}

/**
 * Matches each key point against the answer's explanatory sentences by term overlap. A point counts as
 * covered when the answer uses enough of its salient terms, weighted by their rarity in the reference.
 */
export function matchPoints(points: readonly KeyPoint[], sentences: readonly SentenceInfo[], threshold: number): PointMatch[] {
  const answerTerms = new Set<string>();
  for (const sentence of sentences) for (const token of sentence.tokens) if (token.term !== '') answerTerms.add(token.term);
  return points.map((point) => {
    let found = 0;
    let total = 0;
    for (const [term, weight] of point.terms) {
      total += weight;
      if (answerTerms.has(term)) found += weight;
    }
    const share = total === 0 ? 0 : found / total;
    const covered = share >= threshold;
    const sentence = bestSentence(point, sentences);
    return { point, share, covered, sentence, contradicted: covered && sentence !== null && contradicts(point, sentence) };
  });
}
