import { NotFoundError } from '../errors.js';
import type { CorpusRepository, QuestionSummary } from './corpus-repository.js';
import type { QuestionKind, QuestionRecord } from './question-schema.js';

const WORD = /[\p{L}\p{N}]+/gu;

function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).filter((word) => word.length > 1);
}

/**
 * Turns free text into a safe FTS5 expression: every word becomes a quoted string, so operators,
 * column filters and unbalanced quotes typed by a user are searched for as text, never interpreted.
 */
export function toMatchExpression(text: string, operator: 'AND' | 'OR' = 'AND'): string | undefined {
  const terms = [...new Set(words(text))].slice(0, 32);
  if (terms.length === 0) return undefined;
  return terms.map((term) => `"${term}"`).join(` ${operator} `);
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / (left.size + right.size - shared || 1);
}

export interface SearchQuery {
  kind?: QuestionKind | undefined;
  topic?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export interface GradingReference {
  answers: string[];
  notes: string[];
  fromRelated: boolean;
}

/**
 * The corpus changes only when it is loaded at start-up, so records are read from SQLite once and then
 * served from memory (a few hundred records): interview starts and grading never re-query them.
 */
export function createCorpusService(repo: CorpusRepository) {
  let byId: Map<string, QuestionRecord> | undefined;
  const records = () => {
    byId ??= new Map(repo.all().map((record) => [record.id, record]));
    return byId;
  };

  return {
    search(query: SearchQuery): { total: number; items: QuestionSummary[] } {
      if (query.q === undefined || query.q.trim() === '') return repo.list(query);
      const strict = toMatchExpression(query.q, 'AND');
      if (strict === undefined) return { total: 0, items: [] };
      const found = repo.list({ ...query, match: strict });
      // All words rarely co-occur in long queries; fall back to any-word ranking rather than nothing.
      return found.total > 0 ? found : repo.list({ ...query, match: toMatchExpression(query.q, 'OR') });
    },

    get(id: string): QuestionRecord {
      const record = records().get(id);
      if (!record) throw new NotFoundError('question');
      return record;
    },

    find: (id: string) => records().get(id),

    topics: () => repo.topics(),

    /** Questions of a kind, optionally limited to some topics, for planning an interview. */
    candidates: (kind: QuestionKind, topics: readonly string[]) =>
      [...records().values()].filter((record) => record.kind === kind && (topics.length === 0 || topics.includes(record.topic))),

    /** Finds the corpus question a pasted question text refers to, if it clearly is one. */
    matchQuestion(text: string): QuestionRecord | undefined {
      const expression = toMatchExpression(text, 'OR');
      if (expression === undefined) return undefined;
      const asked = words(text);
      const best = repo.list({ match: expression, limit: 5, offset: 0 }).items
        .map((item) => ({ item, similarity: jaccard(asked, words(item.text)) }))
        .sort((a, b) => b.similarity - a.similarity)[0];
      return best && best.similarity >= 0.6 ? repo.get(best.item.id) : undefined;
    },

    /** Reference material for grading: the question's own answers, else the most related corpus answers. */
    referenceFor(question: { id: string | null; text: string }, record: QuestionRecord | undefined): GradingReference {
      if (record && record.answers.length > 0) {
        return { answers: record.answers, notes: record.notes, fromRelated: false };
      }
      const expression = toMatchExpression(question.text, 'OR');
      const related = expression ? repo.related(expression, question.id ?? '', 3) : [];
      return {
        answers: related.flatMap((item) => item.answers.slice(0, 1)),
        notes: record?.notes ?? [],
        fromRelated: true,
      };
    },

    tips: (category?: string) => repo.tips().filter((tip) => category === undefined || tip.category === category),

    isLoaded: () => repo.count() > 0,
    count: () => repo.count(),
  };
}
export type CorpusService = ReturnType<typeof createCorpusService>;
