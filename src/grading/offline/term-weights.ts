import { z } from 'zod';
import idfData from '../../../data/grader/term-idf.json' with { type: 'json' };

/*
 * How informative a term is, learned from the corpus: inverse document frequency over every corpus
 * question with its answers (one document each), keyed by the same matching keys the grader uses
 * (stems and related-terms groups). Produced by `npm run fit:grader` (src/eval/fit-cli.ts); see
 * data/grader/README.md.
 */
const TermIdfSchema = z.object({
  version: z.string(),
  documents: z.number().int().positive(),
  idf: z.record(z.string(), z.number().positive()),
});

const table = TermIdfSchema.parse(idfData);
const idf = new Map(Object.entries(table.idf));
/** A term the corpus never uses is as informative as the rarest one it does. */
const unseen = Math.log(1 + table.documents);

export const TERM_IDF_VERSION = table.version;

/** A term some corpus question or answer uses: a word, not a typo. */
export function isCorpusTerm(term: string): boolean {
  return idf.has(term);
}

/**
 * A term used in one corpus document in twenty or more is common to the whole field ("sample", "decision", "train",
 * "problem", "data"): sharing only such terms with the model answer says nothing about which question an answer is
 * about, and two steps naming only such a term do not work on one thing.
 */
export const FIELD_COMMON_IDF = Math.log(1 + 20);

export function termWeight(term: string): number {
  return idf.get(term) ?? unseen;
}
