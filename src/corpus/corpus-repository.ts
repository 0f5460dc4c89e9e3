import { QuestionTypeSchema, type QuestionType } from '../contracts/question-type.js';
import type { Db } from '../store/db.js';
import { sourceTitleOf } from '../contracts/curation.js';
import {
  CoachingTipSchema,
  QuestionRecordSchema,
  type CoachingTip,
  type QuestionKind,
  type QuestionRecord,
} from '../contracts/question-schema.js';

interface QuestionRow {
  id: string;
  kind: string;
  type: string;
  topic: string;
  text: string;
  answers: string;
  expected_level: string | null;
  follow_ups: string;
  notes: string;
  sources: string;
}

export interface QuestionSummary {
  id: string;
  kind: QuestionKind;
  type: QuestionType;
  topic: string;
  text: string;
  hasModelAnswer: boolean;
}

export interface QuestionFilter {
  kind?: QuestionKind | undefined;
  type?: QuestionType | undefined;
  topic?: string | undefined;
  /** An FTS5 MATCH expression, already sanitised by the caller. */
  match?: string | undefined;
  limit: number;
  offset: number;
}

function toRecord(row: QuestionRow): QuestionRecord {
  return QuestionRecordSchema.parse({
    id: row.id,
    kind: row.kind,
    type: row.type,
    topic: row.topic,
    text: row.text,
    answers: JSON.parse(row.answers),
    expectedLevel: row.expected_level,
    followUps: JSON.parse(row.follow_ups),
    notes: JSON.parse(row.notes),
    sources: JSON.parse(row.sources),
  });
}

/** Data access for the corpus tables; every statement is prepared once with bound parameters. */
export function createCorpusRepository(db: Db) {
  const getById = db.prepare<[string], QuestionRow>('SELECT * FROM questions WHERE id = ?');
  const hashes = db.prepare<[], { id: string; content_hash: string }>('SELECT id, content_hash FROM questions');
  const upsertQuestion = db.prepare(
    `INSERT INTO questions (id, kind, type, topic, text, answers, expected_level, follow_ups, notes, sources, content_hash)
     VALUES (@id, @kind, @type, @topic, @text, @answers, @expectedLevel, @followUps, @notes, @sources, @contentHash)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, type = excluded.type, topic = excluded.topic, text = excluded.text,
       answers = excluded.answers, expected_level = excluded.expected_level, follow_ups = excluded.follow_ups,
       notes = excluded.notes, sources = excluded.sources, content_hash = excluded.content_hash`,
  );
  const deleteQuestion = db.prepare<[string]>('DELETE FROM questions WHERE id = ?');
  const deleteFts = db.prepare<[string]>('DELETE FROM questions_fts WHERE question_id = ?');
  const insertFts = db.prepare<[string, string, string, string]>(
    'INSERT INTO questions_fts (question_id, text, answers, topic) VALUES (?, ?, ?, ?)',
  );
  const tipHashes = db.prepare<[], { id: string; content_hash: string }>('SELECT id, content_hash FROM coaching_tips');
  const upsertTip = db.prepare(
    `INSERT INTO coaching_tips (id, category, title, body, source, content_hash)
     VALUES (@id, @category, @title, @body, @source, @contentHash)
     ON CONFLICT (id) DO UPDATE SET category = excluded.category, title = excluded.title, body = excluded.body,
       source = excluded.source, content_hash = excluded.content_hash`,
  );
  const deleteTip = db.prepare<[string]>('DELETE FROM coaching_tips WHERE id = ?');
  const allTips = db.prepare<[], { id: string; category: string; title: string; body: string; source: string }>(
    'SELECT id, category, title, body, source FROM coaching_tips ORDER BY category, title',
  );
  const filesHash = db.prepare<[], { files_hash: string }>('SELECT files_hash FROM corpus_state WHERE id = 1');
  const setFilesHash = db.prepare<[string, string]>(
    `INSERT INTO corpus_state (id, files_hash, loaded_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET files_hash = excluded.files_hash, loaded_at = excluded.loaded_at`,
  );
  const questionCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM questions');
  const topics = db.prepare<[], { kind: QuestionKind; topic: string; count: number }>(
    'SELECT kind, topic, count(*) AS count FROM questions GROUP BY kind, topic ORDER BY kind, topic',
  );

  // Filters are optional: `? IS NULL OR column = ?` keeps one prepared statement per query shape.
  const listPlain = db.prepare<
    { kind: string | null; type: string | null; topic: string | null; limit: number; offset: number },
    QuestionRow & { total: number }
  >(
    `SELECT q.*, count(*) OVER () AS total FROM questions q
     WHERE (@kind IS NULL OR q.kind = @kind) AND (@type IS NULL OR q.type = @type) AND (@topic IS NULL OR q.topic = @topic)
     ORDER BY q.kind, q.topic, q.rowid LIMIT @limit OFFSET @offset`,
  );
  // bm25 column weights: question_id, text, answers, topic — a hit in the question itself counts most.
  // Ranking is materialised first because SQLite cannot evaluate bm25() beside a window function.
  const listMatch = db.prepare<
    { kind: string | null; type: string | null; topic: string | null; match: string; limit: number; offset: number },
    QuestionRow & { total: number }
  >(
    `WITH hits AS MATERIALIZED (
       SELECT question_id, bm25(questions_fts, 0.0, 10.0, 1.0, 3.0) AS score FROM questions_fts
       WHERE questions_fts MATCH @match
     )
     SELECT q.*, count(*) OVER () AS total FROM hits h JOIN questions q ON q.id = h.question_id
     WHERE (@kind IS NULL OR q.kind = @kind) AND (@type IS NULL OR q.type = @type) AND (@topic IS NULL OR q.topic = @topic)
     ORDER BY h.score, q.rowid LIMIT @limit OFFSET @offset`,
  );
  const allQuestions = db.prepare<[], QuestionRow>('SELECT * FROM questions ORDER BY rowid');

  const toSummary = (row: QuestionRow): QuestionSummary => ({
    id: row.id,
    kind: row.kind === 'behavioural' ? 'behavioural' : 'technical',
    type: QuestionTypeSchema.parse(row.type),
    topic: row.topic,
    text: row.text,
    hasModelAnswer: row.answers !== '[]',
  });

  return {
    get(id: string): QuestionRecord | undefined {
      const row = getById.get(id);
      return row ? toRecord(row) : undefined;
    },
    list(filter: QuestionFilter): { total: number; items: QuestionSummary[] } {
      const params = {
        kind: filter.kind ?? null,
        type: filter.type ?? null,
        topic: filter.topic ?? null,
        limit: filter.limit,
        offset: filter.offset,
      };
      const rows = filter.match ? listMatch.all({ ...params, match: filter.match }) : listPlain.all(params);
      return { total: rows[0]?.total ?? 0, items: rows.map(toSummary) };
    },
    all: (): QuestionRecord[] => allQuestions.all().map(toRecord),
    topics: () => topics.all(),
    count: () => questionCount.get()?.n ?? 0,
    tips(): CoachingTip[] {
      return allTips.all().map((row) => CoachingTipSchema.parse({ ...row, source: JSON.parse(row.source) }));
    },
    filesHash: () => filesHash.get()?.files_hash,
    questionHashes: () => new Map(hashes.all().map((row) => [row.id, row.content_hash])),
    tipHashes: () => new Map(tipHashes.all().map((row) => [row.id, row.content_hash])),
    upsertQuestion(record: QuestionRecord, contentHash: string): void {
      upsertQuestion.run({
        id: record.id,
        kind: record.kind,
        type: record.type,
        topic: record.topic,
        text: record.text,
        answers: JSON.stringify(record.answers),
        expectedLevel: record.expectedLevel,
        followUps: JSON.stringify(record.followUps),
        notes: JSON.stringify(record.notes),
        sources: JSON.stringify(record.sources),
        contentHash,
      });
      deleteFts.run(record.id);
      // A question the team wrote out stays findable by the bare title its source gives ("Adam vs SGD").
      const asked = [record.text, sourceTitleOf(record)].filter((text) => text !== undefined).join('\n');
      insertFts.run(record.id, asked, record.answers.join('\n\n'), record.topic);
    },
    deleteQuestion(id: string): void {
      deleteFts.run(id);
      deleteQuestion.run(id);
    },
    upsertTip(tip: CoachingTip, contentHash: string): void {
      upsertTip.run({ ...tip, source: JSON.stringify(tip.source), contentHash });
    },
    deleteTip: (id: string) => void deleteTip.run(id),
    setFilesHash: (hash: string, at: string) => void setFilesHash.run(hash, at),
  };
}
export type CorpusRepository = ReturnType<typeof createCorpusRepository>;
