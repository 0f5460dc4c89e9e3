/*
 * The two baselines every agreement figure is shown beside, computed in the same run on the same answers:
 * a TF-IDF cosine between answer and reference (IDF over the set's own answers and references), and
 * reference-word overlap recall (the share of the reference's distinct content words the answer uses).
 * Plain lower-cased words without stop words, no stemming: what a grader has to beat.
 */

const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then else of to in on at by for with from into onto about as is are was were be been being ' +
    'it its this that these those there here which who whom whose what when where why how not no nor so than too very ' +
    'can could will would shall should may might must do does did done have has had having i me my we our you your he ' +
    'him his she her they them their one all any each every some such only own same other also just more most much many'
  ).split(' '),
);

export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:[+#]+)?/gu) ?? []).filter((word) => !STOP_WORDS.has(word));
}

export function overlapRecall(answer: string, reference: string): number {
  const referenceWords = new Set(contentWords(reference));
  if (referenceWords.size === 0) return 0;
  const answerWords = new Set(contentWords(answer));
  let found = 0;
  for (const word of referenceWords) if (answerWords.has(word)) found += 1;
  return found / referenceWords.size;
}

/** IDF over a collection of documents (the set's answers and references). */
export function inverseDocumentFrequency(documents: readonly string[]): (word: string) => number {
  const frequency = new Map<string, number>();
  for (const document of documents) for (const word of new Set(contentWords(document))) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const n = documents.length;
  return (word) => Math.log((1 + n) / (1 + (frequency.get(word) ?? 0))) + 1;
}

function vector(text: string, idf: (word: string) => number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of contentWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const [word, count] of counts) counts.set(word, count * idf(word));
  return counts;
}

export function tfidfCosine(answer: string, reference: string, idf: (word: string) => number): number {
  const a = vector(answer, idf);
  const b = vector(reference, idf);
  let dot = 0;
  for (const [word, value] of a) dot += value * (b.get(word) ?? 0);
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((sum, value) => sum + value * value, 0));
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}
