import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock, TimerHandle } from '../clock.js';
import type { CorpusService } from '../corpus/corpus-service.js';
import { curatedAnswerNote } from '../corpus/curation.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { GradeResult } from '../grading/feedback-schema.js';
import type { GradingService } from '../grading/grading-service.js';
import { classifyQuestion } from '../question-types/classify-question.js';
import type { QuestionType } from '../question-types/question-type.js';
import { sanitizeAnswer } from '../text/sanitize.js';
import type { Db } from '../store/db.js';
import { pickFollowUp } from './follow-ups.js';
import { planQuestions } from './planner.js';
import type { QuestionKind } from '../corpus/question-schema.js';
import type { ConnectionMessage, SessionEvent, SessionMessage, StartOptions } from './protocol.js';
import {
  sessionOptions,
  sessionPlan,
  type SessionRepository,
  type SessionRow,
  type TurnRow,
} from './session-repository.js';
import { summarise } from './summary.js';
import type { Delivery } from '../voice/voice-schemas.js';

/** A connection listening to a session; the websocket layer implements it. */
export interface Subscriber {
  send(message: SessionMessage | (ConnectionMessage & { seq: 0; at: number })): void;
}

/** Recorded answers (the voice feature): an answer may name the transcription it was spoken as. */
export interface SpokenAnswers {
  /** Throws unless the transcription is the user's and not used for another answer yet. */
  checkUnused(userId: string, transcriptionId: string): void;
  /** Links the transcription to the turn; runs inside the answer's transaction. */
  attachToTurn(transcriptionId: string, sessionId: string, turnId: string): void;
  /** The delivery metrics of a turn answered by voice. */
  deliveryForTurn(turnId: string): Delivery | undefined;
}

/** What a committed transaction asks to happen once it is durable. */
interface Effects {
  messages: SessionMessage[];
  schedule?: { turnId: string; deadline: number };
  grade?: string;
}

interface Live {
  subscribers: Set<Subscriber>;
  timer?: TimerHandle;
  grading: Promise<void> | null;
}

const DRAFT_COALESCE_MS = 2_000;
/** Interviews one user may have in progress at once. */
export const MAX_ACTIVE_SESSIONS = 10;

const newTurnId = () => `t_${randomBytes(12).toString('hex')}`;
const newSessionId = () => `s_${randomBytes(16).toString('hex')}`;

/**
 * The interview state machine. Every transition runs in one IMMEDIATE transaction that updates the
 * turn and appends the resulting server messages to the transcript; messages are sent, timers armed
 * and grading started only after that commit, so nothing a client is told can be lost.
 */
export function createInterviewService(deps: {
  db: Db;
  sessions: SessionRepository;
  corpus: CorpusService;
  grading: GradingService;
  clock: Clock;
  log: FastifyBaseLogger;
  spoken?: SpokenAnswers;
}) {
  const { db, sessions, corpus, grading, clock, log, spoken } = deps;
  const live = new Map<string, Live>();
  let closed = false;
  // Aborted on shutdown: an answer whose grading is cut short stays 'answered' and is graded after the restart.
  const shutdown = new AbortController();

  function liveOf(sessionId: string): Live {
    let state = live.get(sessionId);
    if (!state) {
      state = { subscribers: new Set(), grading: null };
      live.set(sessionId, state);
    }
    return state;
  }

  /** Drops the in-memory state of a session nobody watches and nothing is pending for. */
  function pruneIfIdle(sessionId: string): void {
    const state = live.get(sessionId);
    if (state && state.subscribers.size === 0 && !state.timer && state.grading === null) live.delete(sessionId);
  }

  function broadcast(sessionId: string, message: Parameters<Subscriber['send']>[0]): void {
    for (const subscriber of live.get(sessionId)?.subscribers ?? []) subscriber.send(message);
  }

  function commit(sessionId: string, transition: () => Effects): void {
    const effects = db.transaction(transition).immediate();
    const state = liveOf(sessionId);
    for (const message of effects.messages) broadcast(sessionId, message);
    if (state.timer) clock.clearTimeout(state.timer);
    state.timer = undefined;
    if (effects.schedule) {
      const { turnId, deadline } = effects.schedule;
      state.timer = clock.setTimeout(() => timeUp(sessionId, turnId), deadline - clock.now());
    }
    if (effects.grade) startGrading(sessionId, effects.grade);
    pruneIfIdle(sessionId);
  }

  function append(sessionId: string, event: SessionEvent, into: SessionMessage[]): void {
    into.push(sessions.appendEvent(sessionId, event, clock.now()));
  }

  function requireSession(userId: string, sessionId: string): SessionRow {
    const session = sessions.sessionForUser(sessionId, userId);
    if (!session) throw new NotFoundError('session');
    return session;
  }

  function requireOpenTurn(userId: string, sessionId: string, turnId: string): { session: SessionRow; turn: TurnRow } {
    const session = requireSession(userId, sessionId);
    const turn = sessions.turn(turnId);
    if (!turn || turn.session_id !== session.id) throw new NotFoundError('turn');
    return { session, turn };
  }

  /**
   * A turn's question type: its corpus record's, or for a follow-up the type of the question it follows
   * up (an answer to "why?" after an opinion is still an opinion).
   */
  function questionTypeOf(turn: Pick<TurnRow, 'question_id' | 'parent_turn_id' | 'question_text'>): QuestionType {
    const record = turn.question_id ? corpus.find(turn.question_id) : undefined;
    if (record) return record.type;
    const parent = turn.parent_turn_id ? sessions.turn(turn.parent_turn_id) : undefined;
    return parent ? questionTypeOf(parent) : classifyQuestion(turn.question_text).type;
  }

  /**
   * Opens a turn with its server-side deadline and tells the candidate: a main question of the plan, or
   * a follow-up to `parent`. Inside a transaction.
   */
  function askTurn(
    session: SessionRow,
    question: { mainIndex: number; parent: TurnRow | null; questionId: string | null; text: string; kind: QuestionKind; topic: string },
    effects: Effects,
  ): void {
    const total = sessionPlan(session).length;
    const now = clock.now();
    const deadline = now + sessionOptions(session).secondsPerQuestion * 1000;
    const turnId = newTurnId();
    sessions.insertTurn({
      id: turnId,
      session_id: session.id,
      position: sessions.turns(session.id).length + 1,
      main_index: question.mainIndex,
      parent_turn_id: question.parent?.id ?? null,
      question_id: question.questionId,
      question_text: question.text,
      kind: question.kind,
      topic: question.topic,
      asked_at: now,
      deadline,
    });
    const questionType = questionTypeOf({ question_id: question.questionId, parent_turn_id: question.parent?.id ?? null, question_text: question.text });
    const common = { turnId, index: question.mainIndex, total, text: question.text, kind: question.kind, questionType, topic: question.topic, deadline };
    const event: SessionEvent = question.parent
      ? { type: 'followup', parentTurnId: question.parent.id, ...common }
      : { type: 'question', questionId: question.questionId, ...common };
    append(session.id, event, effects.messages);
    effects.schedule = { turnId, deadline };
  }

  /** Asks main question `index` (1-based) of the plan; inside a transaction. */
  function askMain(session: SessionRow, index: number, effects: Effects): void {
    const planned = sessionPlan(session)[index - 1];
    if (!planned) throw new Error(`plan of ${session.id} has no question ${index}`);
    askTurn(session, { mainIndex: index, parent: null, ...planned }, effects);
  }

  function finish(session: SessionRow, reason: 'completed' | 'ended_by_user', effects: Effects): void {
    const turns = sessions.turns(session.id);
    const graded = turns.flatMap((turn) => {
      if (!turn.feedback_id) return [];
      return [{ turn, feedback: grading.get(session.user_id, turn.feedback_id) }];
    });
    const summary = summarise(session.id, turns, graded);
    append(session.id, summary, effects.messages);
    append(session.id, { type: 'session.ended', sessionId: session.id, reason }, effects.messages);
    sessions.endSession(session.id, clock.now(), summary.overall);
  }

  /** After a turn closes: a follow-up, the next main question, or the end; inside a transaction. */
  function advance(session: SessionRow, closedTurn: TurnRow, feedback: GradeResult | undefined, effects: Effects): void {
    if (session.end_requested_at !== null) return finish(session, 'ended_by_user', effects);
    if (sessionOptions(session).followUps && closedTurn.parent_turn_id === null && closedTurn.status === 'graded') {
      const record = closedTurn.question_id ? corpus.find(closedTurn.question_id) : undefined;
      const text = pickFollowUp(record?.followUps ?? [], feedback);
      if (text) {
        const { main_index: mainIndex, kind, topic } = closedTurn;
        return askTurn(session, { mainIndex, parent: closedTurn, questionId: null, text, kind, topic }, effects);
      }
    }
    if (closedTurn.main_index < sessionPlan(session).length) return askMain(session, closedTurn.main_index + 1, effects);
    return finish(session, 'completed', effects);
  }

  /** Whether `turn` is the session's latest: only closing the latest turn moves the interview on. */
  function isLatest(turn: TurnRow): boolean {
    return sessions.turns(turn.session_id).at(-1)?.id === turn.id;
  }

  function startGrading(sessionId: string, turnId: string): void {
    const state = liveOf(sessionId);
    const run = gradeTurn(sessionId, turnId).finally(() => {
      if (state.grading === run) state.grading = null;
      pruneIfIdle(sessionId);
    });
    state.grading = run;
  }

  async function gradeTurn(sessionId: string, turnId: string): Promise<void> {
    const session = sessions.session(sessionId);
    const turn = sessions.turn(turnId);
    if (!session || !turn || turn.status !== 'answered' || turn.answer_text === null) return;
    // Streamed model text is coalesced into one frame per 100 ms rather than one per token.
    let pendingDelta = '';
    let deltaTimer: TimerHandle | null = null;
    const flushDelta = () => {
      if (deltaTimer) clock.clearTimeout(deltaTimer);
      deltaTimer = null;
      if (pendingDelta === '') return;
      broadcast(sessionId, { type: 'feedback.delta', sessionId, turnId, text: pendingDelta, seq: 0, at: clock.now() });
      pendingDelta = '';
    };
    let evaluation: Awaited<ReturnType<GradingService['evaluate']>>;
    try {
      evaluation = await grading.evaluate(
        { userId: session.user_id, sessionId, turnId },
        {
          questionId: turn.question_id ?? undefined,
          question: turn.question_id ? undefined : turn.question_text,
          answer: turn.answer_text,
          questionType: questionTypeOf(turn),
        },
        {
          signal: shutdown.signal,
          onDelta: (text) => {
            pendingDelta += text;
            deltaTimer ??= clock.setTimeout(flushDelta, 100);
          },
        },
      );
    } catch (error) {
      flushDelta();
      if (closed) return;
      // The answer stays stored (status 'answered', graded again at the next start); the interview goes on.
      log.error({ err: error, sessionId, turnId }, 'grading failed');
      broadcast(sessionId, {
        type: 'error',
        code: 'grading_failed',
        message: 'this answer could not be graded; it is saved and will be graded later',
        seq: 0,
        at: clock.now(),
      });
      commit(sessionId, () => {
        const effects: Effects = { messages: [] };
        const current = sessions.session(sessionId);
        const latest = sessions.turn(turnId);
        if (current?.status === 'active' && latest && isLatest(latest)) advance(current, latest, undefined, effects);
        return effects;
      });
      return;
    }
    flushDelta();
    if (closed) return;
    commit(sessionId, () => {
      const effects: Effects = { messages: [] };
      const current = sessions.session(sessionId);
      const latest = sessions.turn(turnId);
      if (!current || latest?.status !== 'answered') return effects;
      // Feedback row, turn state and transcript event commit together.
      const feedback = evaluation.store();
      sessions.gradeTurn(turnId, feedback.id);
      const { id, questionId: _questionId, question: _question, createdAt: _createdAt, ...graded } = feedback;
      const record = turn.question_id ? corpus.find(turn.question_id) : undefined;
      const delivery = spoken?.deliveryForTurn(turnId);
      append(
        sessionId,
        {
          type: 'feedback',
          turnId,
          feedbackId: id,
          modelAnswer: record?.answers[0] ?? null,
          modelAnswerNote: record ? curatedAnswerNote(record) : null,
          ...graded,
          ...(delivery ? { delivery } : {}),
        },
        effects.messages,
      );
      // A late grade (after a failure moved the interview on, or after a restart) only adds its feedback.
      const updated = sessions.turn(turnId);
      if (current.status === 'active' && updated && isLatest(updated)) advance(current, updated, graded, effects);
      return effects;
    });
  }

  function timeUp(sessionId: string, turnId: string): void {
    if (closed) return;
    commit(sessionId, () => {
      const effects: Effects = { messages: [] };
      const session = sessions.session(sessionId);
      const turn = sessions.turn(turnId);
      if (!session || session.status !== 'active' || !turn || turn.status !== 'asked') return effects;
      // Timers may fire early after a clock adjustment; the stored deadline is the authority.
      if (turn.deadline !== null && clock.now() < turn.deadline) {
        effects.schedule = { turnId, deadline: turn.deadline };
        return effects;
      }
      const draft = sanitizeAnswer(turn.draft_text ?? '');
      if (draft !== '') {
        sessions.answerTurn(turnId, draft, null, 'draft_at_time_up', clock.now());
        append(sessionId, { type: 'time.up', turnId, graded: 'draft' }, effects.messages);
        effects.grade = turnId;
        return effects;
      }
      sessions.closeTurn(turnId, 'unanswered', clock.now());
      append(sessionId, { type: 'time.up', turnId, graded: 'none' }, effects.messages);
      const updated = sessions.turn(turnId);
      if (updated) advance(session, updated, undefined, effects);
      return effects;
    });
  }

  /** Re-sends every message after `lastSeq`, in order, then keeps the subscriber updated. */
  function resumeSession(userId: string, sessionId: string, lastSeq: number, subscriber: Subscriber): void {
    const session = requireSession(userId, sessionId);
    liveOf(sessionId).subscribers.add(subscriber);
    for (const message of sessions.eventsAfter(sessionId, lastSeq)) subscriber.send(message);
    subscriber.send({
      type: 'session.resumed',
      sessionId,
      lastSeq: session.last_seq,
      status: session.status,
      seq: 0,
      at: clock.now(),
    });
  }

  function endNow(userId: string, sessionId: string): void {
    commit(sessionId, () => {
      const effects: Effects = { messages: [] };
      const current = requireSession(userId, sessionId);
      if (current.status === 'ended') return effects;
      const now = clock.now();
      for (const turn of sessions.turns(sessionId)) {
        if (turn.status === 'asked') sessions.closeTurn(turn.id, 'unanswered', now);
      }
      finish(current, 'ended_by_user', effects);
      return effects;
    });
  }

  return {
    start(userId: string, options: StartOptions, subscriber?: Subscriber): string {
      const started = options.clientId === undefined ? undefined : sessions.sessionByStart(userId, options.clientId);
      if (started) {
        // A start resent after a lost connection: the client never saw this session, so it gets all of it.
        if (subscriber) resumeSession(userId, started.id, 0, subscriber);
        return started.id;
      }
      // Each live interview holds a timer and memory until it ends: one user cannot pile them up.
      if (sessions.activeCount(userId) >= MAX_ACTIVE_SESSIONS) {
        throw new AppError(
          409,
          'too_many_sessions',
          `you have ${MAX_ACTIVE_SESSIONS} interviews in progress; finish or end one before starting another`,
        );
      }
      const recent = sessions.recentQuestionIds(userId, 200);
      const topics = options.topics ?? [];
      const plan = planQuestions(options, (kind) => corpus.candidates(kind, topics), recent);
      if (plan.length === 0) throw new ValidationError('topics: no questions match this mode and these topics');
      const sessionId = newSessionId();
      if (subscriber) liveOf(sessionId).subscribers.add(subscriber);
      commit(sessionId, () => {
        const effects: Effects = { messages: [] };
        sessions.insertSession({
          id: sessionId,
          userId,
          mode: options.mode,
          options,
          plan,
          startClientId: options.clientId ?? null,
          createdAt: clock.now(),
        });
        append(
          sessionId,
          {
            type: 'session.started',
            sessionId,
            mode: options.mode,
            total: plan.length,
            secondsPerQuestion: options.secondsPerQuestion,
            followUps: options.followUps,
            topics,
          },
          effects.messages,
        );
        const session = sessions.session(sessionId);
        if (!session) throw new Error('session insert failed');
        askMain(session, 1, effects);
        return effects;
      });
      return sessionId;
    },

    resume: resumeSession,

    detach(sessionId: string, subscriber: Subscriber): void {
      live.get(sessionId)?.subscribers.delete(subscriber);
      pruneIfIdle(sessionId);
    },

    answer(
      userId: string,
      sessionId: string,
      turnId: string,
      clientId: string,
      text: string,
      subscriber: Subscriber,
      transcriptionId?: string,
    ): void {
      const { turn } = requireOpenTurn(userId, sessionId, turnId);
      if (turn.answer_client_id === clientId) {
        // A resent answer: stored once, acknowledged again with the original message.
        const ack = sessions.ackFor(sessionId, turnId);
        if (ack) subscriber.send(ack);
        return;
      }
      if (turn.status !== 'asked') throw new ConflictError('this question is closed: it was already answered, skipped or timed out');
      const answer = grading.cleanAnswer(text);
      if (transcriptionId !== undefined) {
        if (!spoken) throw new NotFoundError('transcription');
        spoken.checkUnused(userId, transcriptionId);
      }
      commit(sessionId, () => {
        const effects: Effects = { messages: [] };
        const now = clock.now();
        if (!sessions.answerTurn(turnId, answer, clientId, 'submitted', now)) {
          throw new ConflictError('this question is closed: it was already answered, skipped or timed out');
        }
        if (transcriptionId !== undefined) spoken?.attachToTurn(transcriptionId, sessionId, turnId);
        sessions.recordClientEvent(sessionId, turnId, 'answer', now, answer);
        append(sessionId, { type: 'answer.accepted', turnId, clientId }, effects.messages);
        effects.grade = turnId;
        return effects;
      });
    },

    draft(userId: string, sessionId: string, turnId: string, text: string): void {
      const { turn } = requireOpenTurn(userId, sessionId, turnId);
      if (turn.status !== 'asked' || turn.draft_text === text) return;
      db.transaction(() => {
        const now = clock.now();
        sessions.saveDraft(turnId, text, now);
        // Replay needs how the answer grew, not every keystroke batch: drafts within 2 s share one row.
        const last = sessions.lastDraftEvent(turnId);
        if (last && now - last.at < DRAFT_COALESCE_MS) sessions.updateDraftEvent(last.id, text);
        else sessions.recordClientEvent(sessionId, turnId, 'draft', now, text);
      }).immediate();
    },

    skip(userId: string, sessionId: string, turnId: string): void {
      const { turn } = requireOpenTurn(userId, sessionId, turnId);
      if (turn.status !== 'asked') throw new ConflictError('this question is closed: it was already answered, skipped or timed out');
      commit(sessionId, () => {
        const effects: Effects = { messages: [] };
        const session = requireSession(userId, sessionId);
        const now = clock.now();
        if (!sessions.closeTurn(turnId, 'skipped', now)) return effects;
        sessions.recordClientEvent(sessionId, turnId, 'skip', now, null);
        append(sessionId, { type: 'turn.skipped', turnId }, effects.messages);
        const updated = sessions.turn(turnId);
        if (updated) advance(session, updated, undefined, effects);
        return effects;
      });
    },

    end(userId: string, sessionId: string): void {
      const session = requireSession(userId, sessionId);
      if (session.status === 'ended') return;
      if (liveOf(sessionId).grading !== null) {
        // Let the answer being graded get its feedback first; the session ends right after it (also after
        // a restart: the request is stored).
        sessions.requestEnd(sessionId, clock.now());
        return;
      }
      endNow(userId, sessionId);
    },

    /** Stops a session about to be deleted: no timer fires for it and its sockets stop following it. */
    discard(userId: string, sessionId: string): void {
      requireSession(userId, sessionId);
      const state = live.get(sessionId);
      if (!state) return;
      if (state.timer) clock.clearTimeout(state.timer);
      for (const subscriber of state.subscribers) {
        subscriber.send({ type: 'error', code: 'session_deleted', message: 'this interview was deleted', seq: 0, at: clock.now() });
      }
      live.delete(sessionId);
    },

    /** At start-up: re-arm every pending deadline (firing overdue ones) and grade answers left ungraded. */
    recover(): { timers: number; grading: number } {
      let timers = 0;
      let pending = 0;
      for (const turn of sessions.pendingTurns()) {
        const session = sessions.session(turn.session_id);
        if (!session || session.status !== 'active') continue;
        if (turn.status === 'asked' && turn.deadline !== null) {
          const state = liveOf(turn.session_id);
          const sessionId = turn.session_id;
          state.timer = clock.setTimeout(() => timeUp(sessionId, turn.id), turn.deadline - clock.now());
          timers += 1;
        } else if (turn.status === 'answered') {
          startGrading(turn.session_id, turn.id);
          pending += 1;
        }
      }
      return { timers, grading: pending };
    },

    /**
     * Stops timers and in-flight model calls (their answers are graded again at the next start) and waits
     * for gradings to settle; the stored deadlines survive for the next start.
     */
    async close(): Promise<void> {
      closed = true;
      shutdown.abort();
      const inFlight: Array<Promise<void>> = [];
      for (const state of live.values()) {
        if (state.timer) clock.clearTimeout(state.timer);
        if (state.grading) inFlight.push(state.grading);
      }
      await Promise.allSettled(inFlight);
      live.clear();
    },

  };
}
export type InterviewService = ReturnType<typeof createInterviewService>;
