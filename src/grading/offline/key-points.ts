import { markdownToLines } from './markdown.js';
import { analyzeText, type SentenceInfo } from './nlp.js';
import { isTermList, shorten, wordTokens } from './terms.js';

export interface KeyPoint {
  /** The reference sentence, trimmed, as shown to the candidate when missed. */
  readonly label: string;
  /** Salient terms of the point with their weight (rarity across the reference's sentences). */
  readonly terms: ReadonlyMap<string, number>;
  /** Terms the reference states under a negation ("tuples cannot be changed"). */
  readonly negatedTerms: ReadonlySet<string>;
}

interface Unit {
  readonly text: string;
  readonly terms: ReadonlySet<string>;
  readonly negatedTerms: ReadonlySet<string>;
}

/** Up to this many terms stand for a point; more would make paraphrases look like misses. */
const SALIENT_TERMS = 5;
const MAX_POINTS = 8;
const MIN_POINTS = 5;

/** Statements only: diagrams, tables of numbers, term lists and questions are not points to cover. */
function isStatement(sentence: SentenceInfo): boolean {
  if (sentence.text.includes('?') || isTermList(sentence)) return false;
  const meaningful = sentence.tokens.filter((token) => token.kind !== 'punctuation');
  if (meaningful.length === 0) return false;
  const words = wordTokens(sentence).filter((token) => token.kind === 'word' && token.pos !== 'X');
  return words.length / meaningful.length >= 0.6;
}

function toUnit(sentence: SentenceInfo): Unit {
  const terms = new Set<string>();
  const negatedTerms = new Set<string>();
  for (const token of sentence.tokens) {
    if (token.term === '') continue;
    terms.add(token.term);
    if (token.negated) negatedTerms.add(token.term);
  }
  return { text: sentence.text, terms, negatedTerms };
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / Math.min(a.size, b.size);
}

/** Statements of the reference answers, one per sentence (or markdown line), without near-duplicates. */
function referenceUnits(answers: readonly string[]): Unit[] {
  const units: Unit[] = [];
  for (const answer of answers) {
    for (const line of markdownToLines(answer)) {
      for (const sentence of analyzeText(line)) {
        if (!isStatement(sentence)) continue;
        const unit = toUnit(sentence);
        if (unit.terms.size < 2) continue;
        if (units.some((kept) => overlap(kept.terms, unit.terms) >= 0.8)) continue;
        units.push(unit);
      }
    }
  }
  return units;
}

/**
 * Ranks reference statements by the weight of their terms and keeps the top five to eight distinct
 * ones. A term's weight is its inverse sentence frequency times a damped count, so a term that every
 * sentence repeats ("model", the question's own subject) counts less than the distinctive claim of one
 * sentence, while a concept the reference keeps returning to still counts. Points with a shared term
 * with the question get a small boost: they tend to be the definition.
 */
export function extractKeyPoints(answers: readonly string[], questionTerms: ReadonlySet<string>): KeyPoint[] {
  const units = referenceUnits(answers);
  if (units.length === 0) return [];
  const documentFrequency = new Map<string, number>();
  for (const unit of units) {
    for (const term of unit.terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const rarity = (term: string): number => Math.log(1 + units.length / (documentFrequency.get(term) ?? 1));
  const importance = (term: string): number => rarity(term) * (1 + Math.log(documentFrequency.get(term) ?? 1));

  const ranked = units
    .map((unit, index) => {
      let score = 0;
      let touchesQuestion = false;
      for (const term of unit.terms) {
        score += importance(term);
        if (questionTerms.has(term)) touchesQuestion = true;
      }
      score /= Math.sqrt(unit.terms.size);
      return { unit, index, score: touchesQuestion ? score * 1.25 : score };
    })
    .sort((a, b) => b.score - a.score || a.index - b.index);

  const wanted = units.length <= MIN_POINTS ? units.length : Math.min(MAX_POINTS, Math.max(MIN_POINTS, Math.round(units.length / 2)));
  const chosen: typeof ranked = [];
  for (const candidate of ranked) {
    if (chosen.length >= wanted) break;
    if (chosen.some((kept) => overlap(kept.unit.terms, candidate.unit.terms) >= 0.7)) continue;
    chosen.push(candidate);
  }

  return chosen
    .sort((a, b) => a.index - b.index)
    .map(({ unit }) => {
      const salient = [...unit.terms]
        .map((term): [string, number] => [term, rarity(term)])
        // Stable sort: among equally rare terms the earlier one (usually the subject or the claim) wins.
        .sort((a, b) => b[1] - a[1])
        .slice(0, SALIENT_TERMS);
      return {
        label: shorten(unit.text),
        terms: new Map(salient),
        negatedTerms: new Set([...unit.negatedTerms].filter((term) => salient.some(([name]) => name === term))),
      };
    });
}
