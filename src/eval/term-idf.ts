import { createHash } from 'node:crypto';
import type { CorpusService } from '../corpus/corpus-service.js';
import { markdownToLines } from '../grading/offline/markdown.js';
import { analyzeText } from '../grading/offline/nlp.js';

/**
 * Inverse document frequency of every matching key over the corpus: each question with its answers is
 * one document; idf = ln(1 + N / df). Values are rounded so the file diffs cleanly; the version is a
 * hash of the content, so the same corpus and NLP pipeline always give the same table.
 */
export function corpusTermIdf(corpus: CorpusService): { version: string; documents: number; idf: Record<string, number> } {
  const records = [...corpus.candidates('technical', []), ...corpus.candidates('behavioural', [])].sort((a, b) => a.id.localeCompare(b.id));
  const frequency = new Map<string, number>();
  for (const record of records) {
    const terms = new Set<string>();
    for (const text of [record.text, ...record.answers]) {
      for (const line of markdownToLines(text)) {
        for (const sentence of analyzeText(line)) for (const token of sentence.tokens) if (token.term !== '') terms.add(token.term);
      }
    }
    for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  }
  const idf: Record<string, number> = {};
  for (const term of [...frequency.keys()].sort()) {
    idf[term] = Math.round(Math.log(1 + records.length / (frequency.get(term) ?? 1)) * 1e4) / 1e4;
  }
  const version = `idf-${createHash('sha256').update(JSON.stringify([records.length, idf])).digest('hex').slice(0, 12)}`;
  return { version, documents: records.length, idf };
}
