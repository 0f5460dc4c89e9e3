import { subjectTerms } from '../corpus/related-questions.js';

/*
 * Okapi BM25 over a fixed set of documents (the corpus's questions, each with its reference answer),
 * on the same stemmed subject terms the corpus's relatedness index uses. A few hundred documents: the
 * index is built once, in memory, and a query scores every document in well under a millisecond.
 */

const K1 = 1.2;
const B = 0.75;

export interface TermDocument {
  id: string;
  /** The question's words count twice: they say what is asked; the reference says what a good answer covers. */
  title: string;
  body: string;
}

export function createTermIndex(documents: readonly TermDocument[]) {
  const frequencies = new Map<string, Map<string, number>>();
  const lengths = new Map<string, number>();
  const documentFrequency = new Map<string, number>();
  for (const document of documents) {
    const title = subjectTerms(document.title);
    const terms = [...title, ...title, ...subjectTerms(document.body)];
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    frequencies.set(document.id, counts);
    lengths.set(document.id, terms.length);
    for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const total = documents.length;
  const averageLength = [...lengths.values()].reduce((sum, length) => sum + length, 0) / Math.max(total, 1);
  const idf = (term: string): number => {
    const df = documentFrequency.get(term) ?? 0;
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  };

  return {
    /** Distinct query terms that occur in at least one document: what the corpus can say something about. */
    known: (terms: readonly string[]): string[] => [...new Set(terms)].filter((term) => documentFrequency.has(term)),

    idf,

    /** BM25 of one document for distinct query terms; 0 for an unknown document. */
    score(documentId: string, terms: readonly string[]): number {
      const counts = frequencies.get(documentId);
      if (!counts) return 0;
      const length = lengths.get(documentId) ?? 0;
      let sum = 0;
      for (const term of new Set(terms)) {
        const tf = counts.get(term);
        if (tf === undefined) continue;
        sum += (idf(term) * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength));
      }
      return sum;
    },
  };
}
export type TermIndex = ReturnType<typeof createTermIndex>;
