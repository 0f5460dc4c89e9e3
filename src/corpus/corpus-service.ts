import { NotFoundError } from '../errors.js';
import type { CorpusRepository, QuestionSummary } from './corpus-repository.js';
import { sourceTitleOf } from '../contracts/curation.js';
import type { QuestionType } from '../contracts/question-type.js';
import type { QuestionKind, QuestionRecord } from '../contracts/question-schema.js';
import { createRelatedIndex, questionSubject, type RelatedIndex } from './related-questions.js';

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

/*
 * Questions share their frame ("What is the difference between … and …?"), so sharing most words says little: "…
 * LayerNorm and BatchNorm?" shares 6 of 10 words with "… bagging and pasting?" and was graded against it. A pasted
 * question is a corpus question only when it also asks about the same things: its subject terms and the corpus
 * form's share one and differ by one at most ("…a list and a tuple?" is "…a list and a tuple in Python?"), or share
 * half of all of them (a clause of the corpus question left out: "How does batch normalization work?").
 */
function sameSubject(asked: ReadonlySet<string>, form: ReadonlySet<string>): boolean {
  if (asked.size === 0 && form.size === 0) return true;
  let shared = 0;
  for (const term of asked) if (form.has(term)) shared += 1;
  const differing = asked.size + form.size - 2 * shared;
  return shared > 0 && (differing <= 1 || shared >= differing);
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
  type?: QuestionType | undefined;
  topic?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * What a question is graded against. `answers` empty means there is no reference: the graders then say
 * that they graded without one and never list missed key points taken from another question.
 */
export interface GradingReference {
  answers: string[];
  notes: string[];
  /** The answers belong to other, clearly related technical questions (a pasted question outside the corpus). */
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
  let relatedIndex: RelatedIndex | undefined;
  const related = () => {
    relatedIndex ??= createRelatedIndex([...records().values()]);
    return relatedIndex;
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

    /** Every question, in the order they were loaded. */
    all: (): QuestionRecord[] => [...records().values()],

    topics: () => repo.topics(),

    /** Questions of a kind, optionally limited to some topics, for planning an interview. */
    candidates: (kind: QuestionKind, topics: readonly string[]) =>
      [...records().values()].filter((record) => record.kind === kind && (topics.length === 0 || topics.includes(record.topic))),

    /**
     * Finds the corpus question a pasted question text refers to, if it clearly is one: asked in its
     * words, or by the bare title its source document gives it.
     */
    matchQuestion(text: string): QuestionRecord | undefined {
      const expression = toMatchExpression(text, 'OR');
      if (expression === undefined) return undefined;
      const asked = words(text);
      const subject = questionSubject(text);
      const best = repo
        .list({ match: expression, limit: 5, offset: 0 })
        .items.flatMap((item) => {
          const record = records().get(item.id);
          if (record === undefined) return [];
          const forms = [record.text, sourceTitleOf(record)].filter((form): form is string => form !== undefined && sameSubject(subject, questionSubject(form)));
          return forms.length === 0 ? [] : [{ record, similarity: Math.max(...forms.map((form) => jaccard(asked, words(form)))) }];
        })
        .sort((a, b) => b.similarity - a.similarity)[0];
      return best && best.similarity >= 0.6 ? best.record : undefined;
    },

    /**
     * Reference material for grading. A corpus question is graded against its own answers and notes only
     * (every technical question has an answer; a behavioural one may have only its notes). A pasted
     * question outside the corpus borrows the answers of technical questions clearly related to it, by
     * the measured threshold of `related-questions.ts`; with none, it has no reference at all.
     */
    referenceFor(question: { id: string | null; text: string }, record: QuestionRecord | undefined): GradingReference {
      if (record) return { answers: record.answers, notes: record.notes, fromRelated: false };
      const lent = related().related(question.text);
      return {
        answers: lent.flatMap(({ record: other }) => other.answers.slice(0, 1)),
        notes: [],
        fromRelated: lent.length > 0,
      };
    },

    tips: (category?: string) => repo.tips().filter((tip) => category === undefined || tip.category === category),

    isLoaded: () => repo.count() > 0,
    count: () => repo.count(),
  };
}
export type CorpusService = ReturnType<typeof createCorpusService>;
