import { z } from 'zod';
import { QuestionKindSchema } from '../contracts/question-schema.js';
import { QuestionTypeSchema } from '../contracts/question-type.js';
import type { Db } from '../store/db.js';
import { createStoredCodec } from '../store/stored-codec.js';
import { SessionEventSchema, StartOptionsSchema, type SessionEvent, type SessionMessage, type StartOptions } from '../contracts/protocol.js';
import { TurnStatus } from '../contracts/turn-status.js';

/** How a closed turn without an answer was closed. */
export type MissedStatus = typeof TurnStatus.skipped | typeof TurnStatus.unanswered;

export interface SessionRow {
  id: string;
  user_id: string;
  mode: 'behavioural' | 'technical' | 'mixed';
  options: string;
  options_format: number;
  plan: string;
  plan_format: number;
  status: 'active' | 'ended';
  created_at: number;
  ended_at: number | null;
  end_requested_at: number | null;
  last_seq: number;
  overall: number | null;
  /** Bytes of draft history (client_events drafts) the session holds, for the user's quota. */
  draft_bytes: number;
}

export interface TurnRow {
  id: string;
  session_id: string;
  position: number;
  main_index: number;
  parent_turn_id: string | null;
  question_id: string | null;
  question_text: string;
  kind: 'behavioural' | 'technical';
  topic: string;
  status: TurnStatus;
  asked_at: number | null;
  deadline: number | null;
  answer_text: string | null;
  answer_client_id: string | null;
  answer_source: 'submitted' | 'draft_at_time_up' | null;
  answered_at: number | null;
  draft_text: string | null;
  draft_at: number | null;
  feedback_id: string | null;
}

interface StoredEvent {
  seq: number;
  at: number;
  payload: string;
  format: number;
}

export type NewTurn = Pick<
  TurnRow,
  'id' | 'session_id' | 'position' | 'main_index' | 'parent_turn_id' | 'question_id' | 'question_text' | 'kind' | 'topic' | 'asked_at' | 'deadline'
>;

export const PlannedQuestionSchema = z.object({
  questionId: z.string(),
  text: z.string(),
  kind: QuestionKindSchema,
  topic: z.string(),
  /** Why a drill or a job description chose it (absent in plans made before them). */
  reason: z.string().optional(),
  /** A question the model wrote for the job description, with its model answer and provenance. */
  written: z
    .object({
      type: QuestionTypeSchema,
      answer: z.string(),
      requirement: z.string(),
      model: z.string(),
      promptVersion: z.string(),
      writtenAt: z.number(),
    })
    .optional(),
});
export type PlannedQuestion = z.infer<typeof PlannedQuestionSchema>;

/*
 * The stored formats of a session's JSON columns (see src/store/stored-codec.ts). Today's formats are the
 * protocol's shapes; when the protocol changes a shape in a way old rows do not fit, the codec gets an upgrade
 * step from the old shape, instead of the protocol schema growing optional fields for old rows.
 */
export const sessionOptionsCodec = createStoredCodec('session options', StartOptionsSchema);
export const sessionPlanCodec = createStoredCodec('session plan', z.array(PlannedQuestionSchema));
export const sessionEventCodec = createStoredCodec('transcript event', SessionEventSchema);

export const sessionPlan = (row: SessionRow): PlannedQuestion[] => sessionPlanCodec.decode(row.plan, row.plan_format);

export const sessionOptions = (row: SessionRow): StartOptions => sessionOptionsCodec.decode(row.options, row.options_format);

/** Data access for interviews; callers wrap related writes in one transaction. */
export function createSessionRepository(db: Db) {
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, user_id, mode, options, options_format, plan, plan_format, start_client_id, status, created_at)
     VALUES (@id, @userId, @mode, @options, @optionsFormat, @plan, @planFormat, @startClientId, 'active', @createdAt)`,
  );
  const sessionById = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?');
  const sessionByStart = db.prepare<[string, string], SessionRow>(
    'SELECT * FROM sessions WHERE user_id = ? AND start_client_id = ?',
  );
  const sessionForUser = db.prepare<[string, string], SessionRow>('SELECT * FROM sessions WHERE id = ? AND user_id = ?');
  const sessionsForUser = db.prepare<[TurnStatus, string, number, number], SessionRow & { questions: number; answered: number }>(
    `SELECT s.*, (SELECT count(*) FROM turns t WHERE t.session_id = s.id AND t.parent_turn_id IS NULL) AS questions,
            (SELECT count(*) FROM turns t WHERE t.session_id = s.id AND t.parent_turn_id IS NULL AND t.status = ?) AS answered
     FROM sessions s WHERE s.user_id = ? ORDER BY s.created_at DESC LIMIT ? OFFSET ?`,
  );
  const countForUser = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM sessions WHERE user_id = ?');
  const endSession = db.prepare<[number, number | null, string]>(
    "UPDATE sessions SET status = 'ended', ended_at = ?, overall = ? WHERE id = ?",
  );
  const activeForUser = db.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM sessions WHERE user_id = ? AND status = 'active'",
  );
  const requestEnd = db.prepare<[number, string]>(
    "UPDATE sessions SET end_requested_at = ? WHERE id = ? AND status = 'active' AND end_requested_at IS NULL",
  );
  const deleteSession = db.prepare<[string, string]>('DELETE FROM sessions WHERE id = ? AND user_id = ?');
  const replacePlan = db.prepare<[string, number, string]>(
    "UPDATE sessions SET plan = ?, plan_format = ? WHERE id = ? AND status = 'active'",
  );

  const insertTurn = db.prepare(
    `INSERT INTO turns (id, session_id, position, main_index, parent_turn_id, question_id, question_text, kind, topic,
       status, asked_at, deadline)
     VALUES (@id, @session_id, @position, @main_index, @parent_turn_id, @question_id, @question_text, @kind, @topic,
       @status, @asked_at, @deadline)`,
  );
  const turnById = db.prepare<[string], TurnRow>('SELECT * FROM turns WHERE id = ?');
  const turnsOf = db.prepare<[string], TurnRow>('SELECT * FROM turns WHERE session_id = ? ORDER BY position');
  const answerTurn = db.prepare<[TurnStatus, string, string | null, 'submitted' | 'draft_at_time_up', number, string, TurnStatus]>(
    'UPDATE turns SET status = ?, answer_text = ?, answer_client_id = ?, answer_source = ?, answered_at = ? WHERE id = ? AND status = ?',
  );
  const closeTurn = db.prepare<[MissedStatus, number, string, TurnStatus]>(
    'UPDATE turns SET status = ?, answered_at = ? WHERE id = ? AND status = ?',
  );
  const gradeTurn = db.prepare<[TurnStatus, string, string, TurnStatus]>(
    'UPDATE turns SET status = ?, feedback_id = ? WHERE id = ? AND status = ?',
  );
  const saveDraft = db.prepare<[string, number, string, TurnStatus]>('UPDATE turns SET draft_text = ?, draft_at = ? WHERE id = ? AND status = ?');
  // Spelled out, not bound: SQLite uses the partial index turns_pending (migration 002) only for a WHERE
  // clause that repeats its condition word for word: TurnStatus.asked and TurnStatus.answered.
  const pendingTurns = db.prepare<[], TurnRow>("SELECT * FROM turns WHERE status IN ('asked', 'answered')");
  const recentQuestionIds = db.prepare<[string, number], { question_id: string }>(
    `SELECT DISTINCT t.question_id FROM turns t JOIN sessions s ON s.id = t.session_id
     WHERE s.user_id = ? AND t.question_id IS NOT NULL
     ORDER BY t.asked_at DESC LIMIT ?`,
  );

  const nextSeq = db.prepare<[string], { last_seq: number }>(
    'UPDATE sessions SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
  );
  const insertEvent = db.prepare<[string, number, string, number, string, number]>(
    'INSERT INTO events (session_id, seq, type, at, payload, format) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const eventsAfter = db.prepare<[string, number], StoredEvent>(
    'SELECT seq, at, payload, format FROM events WHERE session_id = ? AND seq > ? ORDER BY seq',
  );
  const eventsPage = db.prepare<[string, number, number], StoredEvent>(
    'SELECT seq, at, payload, format FROM events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const ackFor = db.prepare<[string, string], StoredEvent>(
    `SELECT seq, at, payload, format FROM events WHERE session_id = ? AND type = 'answer.accepted' AND json_extract(payload, '$.turnId') = ?`,
  );
  const insertClientEvent = db.prepare<[string, string, 'draft' | 'answer' | 'skip', number, string | null]>(
    'INSERT INTO client_events (session_id, turn_id, type, at, text) VALUES (?, ?, ?, ?, ?)',
  );
  const addDraftBytes = db.prepare<[number, string]>('UPDATE sessions SET draft_bytes = draft_bytes + ? WHERE id = ?');
  const draftBytesOfUser = db.prepare<[string], { bytes: number }>(
    'SELECT coalesce(sum(draft_bytes), 0) AS bytes FROM sessions WHERE user_id = ?',
  );
  const clientEvents = db.prepare<[string], { turn_id: string; type: string; at: number; text: string | null }>(
    'SELECT turn_id, type, at, text FROM client_events WHERE session_id = ? ORDER BY id',
  );

  const toMessage = (sessionId: string, row: StoredEvent): SessionMessage => ({
    ...sessionEventCodec.decode(row.payload, row.format),
    seq: row.seq,
    at: row.at,
    sessionId,
  });

  return {
    insertSession: (session: {
      id: string;
      userId: string;
      mode: string;
      options: StartOptions;
      plan: PlannedQuestion[];
      startClientId: string | null;
      createdAt: number;
    }) =>
      void insertSession.run({
        ...session,
        options: sessionOptionsCodec.encode(session.options),
        optionsFormat: sessionOptionsCodec.version,
        plan: sessionPlanCodec.encode(session.plan),
        planFormat: sessionPlanCodec.version,
      }),
    sessionByStart: (userId: string, clientId: string) => sessionByStart.get(userId, clientId),
    session: (id: string) => sessionById.get(id),
    sessionForUser: (id: string, userId: string) => sessionForUser.get(id, userId),
    sessionsForUser: (userId: string, limit: number, offset: number) => ({
      total: countForUser.get(userId)?.n ?? 0,
      items: sessionsForUser.all(TurnStatus.graded, userId, limit, offset),
    }),
    endSession: (id: string, at: number, overall: number | null) => void endSession.run(at, overall, id),
    activeCount: (userId: string) => activeForUser.get(userId)?.n ?? 0,
    requestEnd: (id: string, at: number) => void requestEnd.run(at, id),
    deleteSession: (id: string, userId: string) => deleteSession.run(id, userId).changes > 0,
    /** Rewrites the questions still to come of an active session (the model's questions for a job). */
    replacePlan: (id: string, plan: PlannedQuestion[]) =>
      replacePlan.run(sessionPlanCodec.encode(plan), sessionPlanCodec.version, id).changes > 0,

    insertTurn: (turn: NewTurn) => void insertTurn.run({ ...turn, status: TurnStatus.asked }),
    turn: (id: string) => turnById.get(id),
    turns: (sessionId: string) => turnsOf.all(sessionId),
    answerTurn: (id: string, text: string, clientId: string | null, source: 'submitted' | 'draft_at_time_up', at: number) =>
      answerTurn.run(TurnStatus.answered, text, clientId, source, at, id, TurnStatus.asked).changes > 0,
    closeTurn: (id: string, status: MissedStatus, at: number) => closeTurn.run(status, at, id, TurnStatus.asked).changes > 0,
    gradeTurn: (id: string, feedbackId: string) => gradeTurn.run(TurnStatus.graded, feedbackId, id, TurnStatus.answered).changes > 0,
    saveDraft: (id: string, text: string, at: number) => saveDraft.run(text, at, id, TurnStatus.asked).changes > 0,
    pendingTurns: () => pendingTurns.all(),
    recentQuestionIds: (userId: string, limit: number) => recentQuestionIds.all(userId, limit).map((row) => row.question_id),

    /** Appends one server message to the transcript; must run inside the caller's transaction. */
    appendEvent(sessionId: string, event: SessionEvent, at: number): SessionMessage {
      const seq = nextSeq.get(sessionId)?.last_seq;
      if (seq === undefined) throw new Error(`session ${sessionId} vanished`);
      insertEvent.run(sessionId, seq, event.type, at, sessionEventCodec.encode(event), sessionEventCodec.version);
      return { ...event, seq, at, sessionId };
    },
    eventsAfter: (sessionId: string, seq: number) => eventsAfter.all(sessionId, seq).map((row) => toMessage(sessionId, row)),
    /** At most `limit` messages after `seq`, in order: a page of a resume's replay. */
    eventsPage: (sessionId: string, seq: number, limit: number) =>
      eventsPage.all(sessionId, seq, limit).map((row) => toMessage(sessionId, row)),
    ackFor(sessionId: string, turnId: string): SessionMessage | undefined {
      const row = ackFor.get(sessionId, turnId);
      return row ? toMessage(sessionId, row) : undefined;
    },
    recordClientEvent: (sessionId: string, turnId: string, type: 'draft' | 'answer' | 'skip', at: number, text: string | null) =>
      void insertClientEvent.run(sessionId, turnId, type, at, text),
    addDraftBytes: (sessionId: string, bytes: number) => void addDraftBytes.run(bytes, sessionId),
    /** Bytes of draft history all of a user's sessions hold. */
    draftBytesOfUser: (userId: string) => draftBytesOfUser.get(userId)?.bytes ?? 0,
    clientEvents: (sessionId: string) => clientEvents.all(sessionId),
  };
}
export type SessionRepository = ReturnType<typeof createSessionRepository>;
