import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock, TimerHandle } from '../clock.js';
import type { CorpusService } from '../corpus/corpus-service.js';
import { curatedAnswerNote } from '../contracts/curation.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { Feedback, GradeResult } from '../contracts/feedback-schema.js';
import type { GradingService } from '../grading/grading-service.js';
import { RUBRIC_FOR_TYPE } from '../contracts/rubric-schema.js';
import { classifyQuestion } from '../contracts/classify-question.js';
import type { QuestionType } from '../contracts/question-type.js';
import { normalizeAnswer, normalizeCandidateText, sanitizeAnswer } from '../text/sanitize.js';
import type { Db } from '../store/db.js';
import { createPreviousAttempts } from '../grading/previous-attempts.js';
import { pickFollowUp } from './follow-ups.js';
import { advancesOnAccept, feedbackDuringInterview, gradingsSettled, waitsForNext } from './pacing.js';
import { planChosenQuestions, planQuestions } from './planner.js';
import { createPracticeRepository } from '../practice/practice-repository.js';
import { createPracticeService, type PracticeService } from '../practice/practice-service.js';
import type { Requirement } from '../practice/job-description.js';
import type { QuestionWriter } from '../practice/question-writer.js';
import { MAX_WRITTEN_QUESTIONS, placeWritten, type WrittenQuestion } from '../practice/written-questions.js';
import type { QuestionKind } from '../contracts/question-schema.js';
import type { ConnectionMessage, SessionEvent, SessionMessage, StartOptions } from '../contracts/protocol.js';
import type { PlannedQuestion } from './session-repository.js';
import {
  sessionOptions,
  sessionPlan,
  type SessionRepository,
  type SessionRow,
  type TurnRow,
} from './session-repository.js';
import { summarise } from './summary.js';
import type { Delivery } from '../contracts/voice-schemas.js';
import { TurnStatus } from '../contracts/turn-status.js';

/** A connection listening to a session; the websocket layer implements it. */
export interface Subscriber {
  send(message: SessionMessage | (ConnectionMessage & { seq: 0; at: number })): void;
  /**
   * Sends the next page of a resume's replay once the connection may take it (its user's replay budget
   * allows, what it was sent before has drained): only then is `read` called for the page, so a resume that
   * waits costs no reading. `read` returns undefined when the replay was superseded. Resolves to whether
   * the replay may go on, false when the connection is gone.
   */
  replay(read: () => readonly SessionMessage[] | undefined): Promise<boolean>;
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
  /** Deadlines to arm: one timer per turn, so arming one turn never touches another's. */
  arm: Array<{ turnId: string; deadline: number }>;
  /** Turns that closed: their own deadline timers are cleared, and only theirs. */
  disarm: string[];
  grade?: string;
}

const noEffects = (): Effects => ({ messages: [], arm: [], disarm: [] });

/** How a subscriber follows a session: replaying the transcript from the database, or live. */
interface Follow {
  live: boolean;
  /** Bumped by each resume, so a superseded replay stops. */
  generation: number;
}

interface Live {
  subscribers: Map<Subscriber, Follow>;
  /** Deadline timers by turn. */
  deadlines: Map<string, TimerHandle>;
  /** Gradings in flight by turn. */
  grading: Map<string, Promise<void>>;
  /** Gradings that failed and will be tried again, by turn: the timer and the attempts made. */
  retries: Map<string, { timer: TimerHandle; attempts: number }>;
}

/** A draft held in memory until the next write (see DRAFT_SAVE_INTERVAL_MS). */
interface PendingDraft {
  sessionId: string;
  userId: string;
  text: string;
  at: number;
}

/** Interviews one user may have in progress at once. */
export const MAX_ACTIVE_SESSIONS = 10;
/** Transcript messages read and sent per page of a resume's replay. */
export const REPLAY_PAGE_SIZE = 20;
/** Delays before a failed grading is tried again; after the last one it waits for the next start. */
const GRADING_RETRY_DELAYS_MS = [5_000, 30_000, 120_000] as const;

/** What the sessions table's mode column says about a plan: the kinds it asks. */
function kindsOf(plan: readonly PlannedQuestion[]): 'behavioural' | 'technical' | 'mixed' {
  const kinds = new Set(plan.map((question) => question.kind));
  return kinds.size === 1 && kinds.has('behavioural') ? 'behavioural' : kinds.size === 1 ? 'technical' : 'mixed';
}

const newTurnId = () => `t_${randomBytes(12).toString('hex')}`;
const newSessionId = () => `s_${randomBytes(16).toString('hex')}`;

export interface InterviewOptions {
  /** Milliseconds between writes of the drafts typed since the last write. */
  draftSaveIntervalMs: number;
  /** Bytes of draft history one user may store. */
  draftQuotaBytes: number;
}

/**
 * The interview state machine. Every transition runs in one IMMEDIATE transaction that updates the
 * turn and appends the resulting server messages to the transcript; messages are sent, timers armed
 * and grading started only after that commit, so nothing a client is told can be lost.
 *
 * Drafts are the exception: they are autosaves, kept in memory and written all together at most every
 * `draftSaveIntervalMs` (one commit for every user's drafts), and at time-up, answer, skip, end and shutdown.
 * A crash loses at most the last interval of typing, never an acknowledged answer.
 */
export function createInterviewService(deps: {
  db: Db;
  sessions: SessionRepository;
  corpus: CorpusService;
  grading: GradingService;
  clock: Clock;
  log: FastifyBaseLogger;
  options: InterviewOptions;
  spoken?: SpokenAnswers;
  /** Drills and job-description interviews; built from `db` and `corpus` when not given. */
  practice?: PracticeService;
  /** With a model configured: writes a few questions for a job description's requirements. */
  writer?: QuestionWriter;
}) {
  const { db, sessions, corpus, grading, clock, log, options, spoken, writer } = deps;
  const practice = deps.practice ?? createPracticeService({ corpus, repository: createPracticeRepository(db) });
  const previousAttempts = createPreviousAttempts(db);
  const live = new Map<string, Live>();
  let closed = false;
  // Aborted on shutdown: an answer whose grading is cut short stays 'answered' and is graded after the restart.
  // Every grading in flight listens to it, so it may have any number of listeners.
  const shutdown = new AbortController();
  setMaxListeners(0, shutdown.signal);
  let replayGeneration = 0;

  const pendingDrafts = new Map<string, PendingDraft>();
  let draftTimer: TimerHandle | null = null;
  /** Draft history bytes per user, read from the database once and kept up to date. */
  const draftUsage = new Map<string, number>();
  /** Users a draft was not recorded for because their history is full. */
  const historyFull = new Set<string>();
  /**
   * Answers whose grading failed and is retried later: a realistic interview does not hold its summary back
   * for them (their feedback follows when it comes, as after any late grade).
   */
  const stalled = new Set<string>();

  function liveOf(sessionId: string): Live {
    let state = live.get(sessionId);
    if (!state) {
      state = { subscribers: new Map(), deadlines: new Map(), grading: new Map(), retries: new Map() };
      live.set(sessionId, state);
    }
    return state;
  }

  /** Drops the in-memory state of a session nobody watches and nothing is pending for. */
  function pruneIfIdle(sessionId: string): void {
    const state = live.get(sessionId);
    if (state && state.subscribers.size === 0 && state.deadlines.size === 0 && state.grading.size === 0 && state.retries.size === 0) {
      live.delete(sessionId);
    }
  }

  function broadcast(sessionId: string, message: Parameters<Subscriber['send']>[0]): void {
    for (const [subscriber, follow] of live.get(sessionId)?.subscribers ?? []) {
      // A replaying subscriber gets transcript messages from the database, in order, when its replay reaches
      // them; streamed text for a turn it has not been shown yet would only confuse it.
      if (!follow.live && (message.seq > 0 || message.type === 'feedback.delta')) continue;
      subscriber.send(message);
    }
  }

  function arm(sessionId: string, turnId: string, deadline: number): void {
    const state = liveOf(sessionId);
    const existing = state.deadlines.get(turnId);
    if (existing) clock.clearTimeout(existing);
    const handle = clock.setTimeout(() => {
      if (state.deadlines.get(turnId) === handle) state.deadlines.delete(turnId);
      timeUp(sessionId, turnId);
    }, deadline - clock.now());
    state.deadlines.set(turnId, handle);
  }

  function disarm(sessionId: string, turnId: string): void {
    const state = live.get(sessionId);
    const handle = state?.deadlines.get(turnId);
    if (!state || !handle) return;
    clock.clearTimeout(handle);
    state.deadlines.delete(turnId);
  }

  function commit(sessionId: string, transition: () => Effects): void {
    const effects = db.transaction(transition).immediate();
    for (const message of effects.messages) broadcast(sessionId, message);
    for (const turnId of effects.disarm) disarm(sessionId, turnId);
    for (const { turnId, deadline } of effects.arm) arm(sessionId, turnId, deadline);
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

  /* ---------------------------------------------------------------------------------------------- */
  /* Drafts                                                                                          */

  function draftBytesOf(userId: string): number {
    let used = draftUsage.get(userId);
    if (used === undefined) {
      used = sessions.draftBytesOfUser(userId);
      draftUsage.set(userId, used);
    }
    return used;
  }

  /**
   * Writes a draft: the turn's latest draft (graded if the time runs out) always, and a row of the replay
   * history while the user's quota lasts. Inside a transaction.
   */
  function writeDraft(turnId: string, draft: PendingDraft): void {
    if (!sessions.saveDraft(turnId, draft.text, draft.at)) return;
    const bytes = Buffer.byteLength(draft.text, 'utf8');
    const used = draftBytesOf(draft.userId);
    if (used + bytes > options.draftQuotaBytes) {
      historyFull.add(draft.userId);
      return;
    }
    sessions.recordClientEvent(draft.sessionId, turnId, 'draft', draft.at, draft.text);
    sessions.addDraftBytes(draft.sessionId, bytes);
    draftUsage.set(draft.userId, used + bytes);
  }

  /** Writes the turn's pending draft, if any, inside the caller's transaction. */
  function takeDraft(turnId: string): PendingDraft | undefined {
    const draft = pendingDrafts.get(turnId);
    if (!draft) return undefined;
    pendingDrafts.delete(turnId);
    writeDraft(turnId, draft);
    return draft;
  }

  /** Writes every pending draft in one transaction. */
  function flushDrafts(): void {
    if (draftTimer) clock.clearTimeout(draftTimer);
    draftTimer = null;
    if (pendingDrafts.size === 0) return;
    const drafts = [...pendingDrafts];
    pendingDrafts.clear();
    try {
      db.transaction(() => {
        for (const [turnId, draft] of drafts) writeDraft(turnId, draft);
      }).immediate();
    } catch (error) {
      // The quota cache may now count bytes that were not written: read it again when next needed.
      draftUsage.clear();
      historyFull.clear();
      log.error({ err: error, drafts: drafts.length }, 'writing drafts failed');
    }
  }

  /* ---------------------------------------------------------------------------------------------- */
  /* Transitions                                                                                     */

  /** The model-written question of a session's plan with this id, if it is one. */
  function writtenFor(sessionId: string, questionId: string | null) {
    if (questionId === null || corpus.find(questionId)) return undefined;
    const session = sessions.session(sessionId);
    return session ? sessionPlan(session).find((planned) => planned.questionId === questionId)?.written : undefined;
  }

  /**
   * Asks the model for a few questions on the job's requirements and puts them in place of the last questions
   * of their kind not asked yet. The interview does not wait: until they arrive, and if they never do, it
   * asks its corpus questions.
   */
  async function writeForJob(
    userId: string,
    sessionId: string,
    requirements: readonly Requirement[],
    startOptions: StartOptions,
  ): Promise<void> {
    if (!writer) return;
    const count = Math.min(MAX_WRITTEN_QUESTIONS, Math.floor(startOptions.count / 2));
    if (count === 0) return;
    const kind: QuestionKind = startOptions.mode === 'behavioural' ? 'behavioural' : 'technical';
    let written: WrittenQuestion[];
    try {
      written = await writer.write({ userId, requirements, kind, count, signal: shutdown.signal });
    } catch (error) {
      if (!closed) log.warn({ err: error, sessionId }, 'writing questions for the job failed; the interview keeps its corpus questions');
      return;
    }
    if (closed || written.length === 0) return;
    try {
      db.transaction(() => {
        const session = sessions.session(sessionId);
        if (!session || session.status !== 'active') return;
        const asked = Math.max(0, ...sessions.turns(sessionId).map((turn) => turn.main_index));
        sessions.replacePlan(sessionId, placeWritten(sessionPlan(session), asked, written, kind, clock.now()));
      }).immediate();
    } catch (error) {
      log.error({ err: error, sessionId }, 'storing the questions written for the job failed; the interview keeps its corpus questions');
    }
  }

  /**
   * A turn's question type: its corpus record's, or for a follow-up the type of the question it follows
   * up (an answer to "why?" after an opinion is still an opinion).
   */
  function questionTypeOf(turn: Pick<TurnRow, 'session_id' | 'question_id' | 'parent_turn_id' | 'question_text'>): QuestionType {
    const record = turn.question_id ? corpus.find(turn.question_id) : undefined;
    if (record) return record.type;
    const written = writtenFor(turn.session_id, turn.question_id);
    if (written) return written.type;
    const parent = turn.parent_turn_id ? sessions.turn(turn.parent_turn_id) : undefined;
    return parent ? questionTypeOf(parent) : classifyQuestion(turn.question_text).type;
  }

  /**
   * Opens a turn with its server-side deadline and tells the candidate: a main question of the plan, or
   * a follow-up to `parent`. Inside a transaction.
   */
  function askTurn(
    session: SessionRow,
    question: {
      mainIndex: number;
      parent: TurnRow | null;
      questionId: string | null;
      text: string;
      kind: QuestionKind;
      topic: string;
      reason?: string | undefined;
    },
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
    const questionType = questionTypeOf({
      session_id: session.id,
      question_id: question.questionId,
      parent_turn_id: question.parent?.id ?? null,
      question_text: question.text,
    });
    const common = { turnId, index: question.mainIndex, total, text: question.text, kind: question.kind, questionType, topic: question.topic, deadline };
    const event: SessionEvent = question.parent
      ? { type: 'followup', parentTurnId: question.parent.id, ...common }
      : { type: 'question', questionId: question.questionId, ...(question.reason ? { reason: question.reason } : {}), ...common };
    append(session.id, event, effects.messages);
    effects.arm.push({ turnId, deadline });
  }

  /** Asks main question `index` (1-based) of the plan; inside a transaction. */
  function askMain(session: SessionRow, index: number, effects: Effects): void {
    const planned = sessionPlan(session)[index - 1];
    if (!planned) throw new Error(`plan of ${session.id} has no question ${index}`);
    askTurn(session, { mainIndex: index, parent: null, ...planned }, effects);
  }

  /** The transcript message of a turn's feedback, with the user's previous attempt at the question. */
  function feedbackEvent(session: SessionRow, turn: TurnRow, feedback: Feedback): SessionEvent {
    const { id, questionId: _questionId, question: _question, createdAt: _createdAt, disputes: _disputes, ...graded } = feedback;
    const record = turn.question_id ? corpus.find(turn.question_id) : undefined;
    const written = writtenFor(session.id, turn.question_id);
    const delivery = spoken?.deliveryForTurn(turn.id);
    const previous = previousAttempts.before(session.user_id, { id, questionId: feedback.questionId, question: feedback.question, result: graded }, { oneShot: false });
    return {
      type: 'feedback',
      turnId: turn.id,
      feedbackId: id,
      modelAnswer: record?.answers[0] ?? written?.answer ?? null,
      modelAnswerNote: record
        ? curatedAnswerNote(record)
        : written
          ? `Written by the model (${written.model}) for this job description, with the question.`
          : null,
      ...graded,
      ...(delivery ? { delivery } : {}),
      ...(previous ? { previous } : {}),
    };
  }

  function finish(session: SessionRow, reason: 'completed' | 'ended_by_user', effects: Effects): void {
    const turns = sessions.turns(session.id);
    const graded = turns.flatMap((turn) => {
      if (!turn.feedback_id) return [];
      return [{ turn, feedback: grading.get(session.user_id, turn.feedback_id) }];
    });
    // Realistic pacing held the feedback back until now.
    if (!feedbackDuringInterview(sessionOptions(session).pacing)) {
      for (const { turn, feedback } of graded) append(session.id, feedbackEvent(session, turn, feedback), effects.messages);
    }
    const jobDescription = sessionOptions(session).jobDescription;
    const mains = turns.flatMap((turn) =>
      turn.parent_turn_id === null && turn.question_id !== null
        ? [
            {
              turnId: turn.id,
              questionId: turn.question_id,
              answered: turn.feedback_id !== null,
              requirement: writtenFor(session.id, turn.question_id)?.requirement,
            },
          ]
        : [],
    );
    const summary = {
      ...summarise(session.id, turns, graded, (turn) => RUBRIC_FOR_TYPE[questionTypeOf(turn)]),
      ...(jobDescription === undefined ? {} : { requirements: practice.coverageFor(jobDescription, mains) }),
    };
    append(session.id, summary, effects.messages);
    append(session.id, { type: 'session.ended', sessionId: session.id, reason }, effects.messages);
    sessions.endSession(session.id, clock.now(), summary.overall);
  }

  /**
   * Ends the interview, unless realistic pacing still grades answers whose feedback belongs with the summary:
   * then the last of those gradings ends it (an end asked for by the candidate is stored for it).
   */
  function finishWhenGraded(session: SessionRow, reason: 'completed' | 'ended_by_user', effects: Effects, failedTurnId?: string): void {
    if (!feedbackDuringInterview(sessionOptions(session).pacing)) {
      const pending = (turnId: string) => turnId !== failedTurnId && !stalled.has(turnId);
      if (!gradingsSettled(sessions.turns(session.id), pending)) {
        if (reason === 'ended_by_user') sessions.requestEnd(session.id, clock.now());
        return;
      }
    }
    finish(session, reason, effects);
  }

  /**
   * After a turn closes (or, with realistic pacing, is answered): a follow-up, the next main question, or the
   * end; inside a transaction. With practice pacing, a graded answer waits for the candidate's `next`
   * (`requested`) before anything more is asked.
   */
  function advance(session: SessionRow, closedTurn: TurnRow, feedback: GradeResult | undefined, effects: Effects, requested = false): void {
    if (session.end_requested_at !== null) return finishWhenGraded(session, 'ended_by_user', effects);
    const { pacing } = sessionOptions(session);
    const hasMore = closedTurn.main_index < sessionPlan(session).length || mayFollowUp(session, closedTurn);
    if (hasMore && !requested && waitsForNext(pacing, closedTurn)) {
      append(session.id, { type: 'next.ready', turnId: closedTurn.id }, effects.messages);
      return;
    }
    const answered = closedTurn.status === TurnStatus.graded || (closedTurn.status === TurnStatus.answered && advancesOnAccept(pacing));
    if (sessionOptions(session).followUps && closedTurn.parent_turn_id === null && answered) {
      const record = closedTurn.question_id ? corpus.find(closedTurn.question_id) : undefined;
      const text = pickFollowUp(record?.followUps ?? [], feedback);
      if (text) {
        const { main_index: mainIndex, kind, topic } = closedTurn;
        return askTurn(session, { mainIndex, parent: closedTurn, questionId: null, text, kind, topic }, effects);
      }
    }
    if (closedTurn.main_index < sessionPlan(session).length) return askMain(session, closedTurn.main_index + 1, effects);
    return finishWhenGraded(session, 'completed', effects);
  }

  /**
   * Whether a follow-up may come after `turn`: follow-ups are on and it is a main question. Which one (or
   * none, after a strong answer) is decided when it would be asked; a practice interview offers `next` in
   * either case, so the candidate reads the feedback before anything more happens.
   */
  function mayFollowUp(session: SessionRow, turn: TurnRow): boolean {
    return sessionOptions(session).followUps && turn.parent_turn_id === null;
  }

  /** Whether `turn` is the session's latest: only closing the latest turn moves the interview on. */
  function isLatest(turn: TurnRow): boolean {
    return sessions.turns(turn.session_id).at(-1)?.id === turn.id;
  }

  function startGrading(sessionId: string, turnId: string): void {
    const state = liveOf(sessionId);
    if (state.grading.has(turnId)) return;
    const retry = state.retries.get(turnId);
    if (retry) clock.clearTimeout(retry.timer);
    state.retries.delete(turnId);
    const run = gradeTurn(sessionId, turnId, retry?.attempts ?? 0).finally(() => {
      if (state.grading.get(turnId) === run) state.grading.delete(turnId);
      pruneIfIdle(sessionId);
    });
    state.grading.set(turnId, run);
  }

  /** Tries a failed grading again later, a few times; after that, the next start grades it. */
  function scheduleRetry(sessionId: string, turnId: string, attempts: number): void {
    const delay = GRADING_RETRY_DELAYS_MS[attempts];
    if (delay === undefined) {
      log.error({ sessionId, turnId, attempts }, 'grading failed repeatedly; the answer is graded again at the next start');
      return;
    }
    const state = liveOf(sessionId);
    const timer = clock.setTimeout(() => {
      if (state.retries.get(turnId)?.timer !== timer) return;
      state.retries.delete(turnId);
      if (closed) return;
      const run = gradeTurn(sessionId, turnId, attempts + 1).finally(() => {
        if (state.grading.get(turnId) === run) state.grading.delete(turnId);
        pruneIfIdle(sessionId);
      });
      state.grading.set(turnId, run);
    }, delay);
    state.retries.set(turnId, { timer, attempts: attempts + 1 });
  }

  async function gradeTurn(sessionId: string, turnId: string, attempts: number): Promise<void> {
    const session = sessions.session(sessionId);
    const turn = sessions.turn(turnId);
    if (!session || !turn || turn.status !== TurnStatus.answered || turn.answer_text === null) return;
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
    const written = writtenFor(sessionId, turn.question_id);
    let evaluation: Awaited<ReturnType<GradingService['evaluate']>>;
    try {
      evaluation = await grading.evaluate(
        { userId: session.user_id, sessionId, turnId },
        {
          // A question the model wrote is graded against the model answer written with it.
          questionId: written ? undefined : (turn.question_id ?? undefined),
          question: turn.question_id && !written ? undefined : turn.question_text,
          answer: turn.answer_text,
          questionType: questionTypeOf(turn),
          ...(written ? { referenceAnswer: written.answer } : {}),
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
      // The answer stays stored (status 'answered') and is tried again; the interview goes on meanwhile.
      log.error({ err: error, sessionId, turnId, attempts }, 'grading failed');
      broadcast(sessionId, {
        type: 'error',
        code: 'grading_failed',
        message: 'this answer could not be graded yet; it is saved and will be graded shortly',
        seq: 0,
        at: clock.now(),
      });
      if (!live.has(sessionId)) return;
      stalled.add(turnId);
      commit(sessionId, () => {
        const effects = noEffects();
        const current = sessions.session(sessionId);
        const latest = sessions.turn(turnId);
        if (current?.status !== 'active' || !latest) return effects;
        if (advancesOnAccept(sessionOptions(current).pacing)) {
          // The interview moved on when the answer was accepted; only a summary held back for it is due.
          finishIfDone(current, effects, turnId);
        } else if (isLatest(latest)) {
          advance(current, latest, undefined, effects);
        }
        return effects;
      });
      scheduleRetry(sessionId, turnId, attempts);
      return;
    }
    flushDelta();
    stalled.delete(turnId);
    // A session deleted while its answer was graded has nothing left to add the feedback to.
    if (closed || !live.has(sessionId)) return;
    commit(sessionId, () => {
      const effects = noEffects();
      const current = sessions.session(sessionId);
      const latest = sessions.turn(turnId);
      if (!current || latest?.status !== TurnStatus.answered) return effects;
      // Feedback row, turn state and transcript event commit together.
      const feedback = evaluation.store();
      sessions.gradeTurn(turnId, feedback.id);
      const updated = sessions.turn(turnId);
      if (!updated) return effects;
      const { pacing } = sessionOptions(current);
      // Realistic pacing holds feedback back for the summary; once the interview is over, a late grade is sent.
      if (current.status === 'ended' || feedbackDuringInterview(pacing)) append(sessionId, feedbackEvent(current, updated, feedback), effects.messages);
      if (current.status !== 'active') return effects;
      if (advancesOnAccept(pacing)) finishIfDone(current, effects);
      // A late grade (after a failure moved the interview on, or after a restart) only adds its feedback.
      else if (isLatest(updated)) advance(current, updated, feedback, effects);
      return effects;
    });
  }

  /**
   * Realistic pacing: ends an interview that has nothing left to ask once its answers are graded (`failedTurnId`
   * just failed and is retried later). An interview still asking questions is left alone.
   */
  function finishIfDone(session: SessionRow, effects: Effects, failedTurnId?: string): void {
    const turns = sessions.turns(session.id);
    const last = turns.at(-1);
    if (!last || last.status === TurnStatus.asked) return;
    const reason = session.end_requested_at !== null ? 'ended_by_user' : 'completed';
    finishWhenGraded(session, reason, effects, failedTurnId);
  }

  /** Realistic pacing asks the next question as soon as an answer is in, without waiting for its grade. */
  function moveOnIfRealistic(sessionId: string, turnId: string, effects: Effects): void {
    const session = sessions.session(sessionId);
    const turn = sessions.turn(turnId);
    if (session?.status === 'active' && turn && advancesOnAccept(sessionOptions(session).pacing)) advance(session, turn, undefined, effects);
  }

  function timeUp(sessionId: string, turnId: string): void {
    if (closed) return;
    commit(sessionId, () => {
      const effects = noEffects();
      const session = sessions.session(sessionId);
      const turn = sessions.turn(turnId);
      if (!session || session.status !== 'active' || !turn || turn.status !== TurnStatus.asked) return effects;
      // Timers may fire early after a clock adjustment; the stored deadline is the authority.
      if (turn.deadline !== null && clock.now() < turn.deadline) {
        effects.arm.push({ turnId, deadline: turn.deadline });
        return effects;
      }
      const pending = takeDraft(turnId);
      // Drafts are normalised when they arrive; one saved by an older version is normalised here.
      const draft = sanitizeAnswer(pending?.text ?? turn.draft_text ?? '');
      if (draft !== '') {
        sessions.answerTurn(turnId, draft, null, 'draft_at_time_up', clock.now());
        append(sessionId, { type: 'time.up', turnId, graded: 'draft' }, effects.messages);
        effects.grade = turnId;
        moveOnIfRealistic(sessionId, turnId, effects);
        return effects;
      }
      sessions.closeTurn(turnId, TurnStatus.unanswered, clock.now());
      append(sessionId, { type: 'time.up', turnId, graded: 'none' }, effects.messages);
      const updated = sessions.turn(turnId);
      if (updated) advance(session, updated, undefined, effects);
      return effects;
    });
  }

  /**
   * Re-sends every message after `lastSeq` in order, then keeps the subscriber updated. The replay is read
   * from the database a page at a time and each page waits until the connection has taken the previous one
   * (its buffer drained, its user's replay budget refilled), so a resume never piles a whole transcript into
   * memory and one user's resumes cannot crowd out other users.
   */
  function resumeSession(userId: string, sessionId: string, lastSeq: number, subscriber: Subscriber): void {
    requireSession(userId, sessionId);
    replayGeneration += 1;
    const follow: Follow = { live: false, generation: replayGeneration };
    liveOf(sessionId).subscribers.set(subscriber, follow);
    void replay(sessionId, lastSeq, subscriber, follow);
  }

  async function replay(sessionId: string, fromSeq: number, subscriber: Subscriber, follow: Follow): Promise<void> {
    const current = () => !closed && live.get(sessionId)?.subscribers.get(subscriber) === follow;
    let cursor = fromSeq;
    const read = (): readonly SessionMessage[] | undefined => {
      if (!current()) return undefined;
      const page = sessions.eventsPage(sessionId, cursor, REPLAY_PAGE_SIZE);
      const last = page.at(-1);
      if (last) {
        cursor = last.seq;
        return page;
      }
      // Caught up: from here on, new messages go out as they are committed (this runs in the same tick as
      // the read that found nothing more, so nothing committed in between is missed).
      const session = sessions.session(sessionId);
      if (!session) return undefined;
      follow.live = true;
      subscriber.send({ type: 'session.resumed', sessionId, lastSeq: session.last_seq, status: session.status, seq: 0, at: clock.now() });
      return page;
    };
    try {
      while (!follow.live) {
        if (!(await subscriber.replay(read))) return;
      }
    } catch (error) {
      log.error({ err: error, sessionId }, 'resume replay failed');
      subscriber.send({ type: 'error', code: 'internal_error', message: 'the interview could not be resumed; try again', seq: 0, at: clock.now() });
    }
  }

  function endNow(userId: string, sessionId: string): void {
    commit(sessionId, () => {
      const effects = noEffects();
      const current = requireSession(userId, sessionId);
      if (current.status === 'ended') return effects;
      const now = clock.now();
      for (const turn of sessions.turns(sessionId)) {
        if (turn.status !== TurnStatus.asked) continue;
        takeDraft(turn.id);
        sessions.closeTurn(turn.id, TurnStatus.unanswered, now);
        effects.disarm.push(turn.id);
      }
      finishWhenGraded(current, 'ended_by_user', effects);
      return effects;
    });
  }

  /** The main questions of a new session: a drill, ranked for a job description, or by kind and topic. */
  function planFor(
    userId: string,
    startOptions: StartOptions,
    topics: readonly string[],
  ): { plan: PlannedQuestion[]; requirements?: ReturnType<PracticeService['requirements']> } {
    const { mode, jobDescription, count } = startOptions;
    // A retake asks exactly the questions chosen, whatever the mode or job.
    if (startOptions.questionIds) return { plan: planChosenQuestions(startOptions.questionIds, (id) => corpus.find(id)) };
    if (mode === 'drill') {
      if (jobDescription !== undefined) {
        throw new ValidationError('jobDescription: a drill follows your history; choose behavioural, technical or mixed for a job');
      }
      return { plan: practice.planDrill(userId, { count, topics }, clock.now()) };
    }
    const recent = sessions.recentQuestionIds(userId, 200);
    const candidatesOf = (kind: QuestionKind) => corpus.candidates(kind, topics);
    if (jobDescription === undefined) return { plan: planQuestions(startOptions, candidatesOf, recent) };
    const requirements = practice.requirements(jobDescription);
    const plan = planQuestions(startOptions, candidatesOf, recent, undefined, (candidates) =>
      practice
        .rankForJob(candidates, requirements, recent, count)
        .map(({ item, requirement }) => (requirement === undefined ? item : { ...item, reason: `For the job: ${requirement}` })),
    );
    return { plan, requirements };
  }

  function stopTimers(state: Live): void {
    for (const handle of state.deadlines.values()) clock.clearTimeout(handle);
    state.deadlines.clear();
    for (const { timer } of state.retries.values()) clock.clearTimeout(timer);
    state.retries.clear();
  }

  return {
    start(userId: string, startOptions: StartOptions, subscriber?: Subscriber): string {
      const started = startOptions.clientId === undefined ? undefined : sessions.sessionByStart(userId, startOptions.clientId);
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
      const topics = startOptions.topics ?? [];
      const { plan, requirements } = planFor(userId, startOptions, topics);
      if (plan.length === 0) throw new ValidationError('topics: no questions match this mode and these topics');
      const sessionId = newSessionId();
      if (subscriber) liveOf(sessionId).subscribers.set(subscriber, { live: true, generation: 0 });
      try {
        commit(sessionId, () => {
          const effects = noEffects();
          sessions.insertSession({
            id: sessionId,
            userId,
            // The column predates drills and records the kinds of question asked; the options keep the mode.
            mode: startOptions.mode === 'drill' ? kindsOf(plan) : startOptions.mode,
            options: startOptions,
            plan,
            startClientId: startOptions.clientId ?? null,
            createdAt: clock.now(),
          });
          append(
            sessionId,
            {
              type: 'session.started',
              sessionId,
              mode: startOptions.mode,
              total: plan.length,
              secondsPerQuestion: startOptions.secondsPerQuestion,
              followUps: startOptions.followUps,
              topics,
              ...(requirements ? { requirements: requirements.map((requirement) => requirement.text) } : {}),
              pacing: startOptions.pacing,
            },
            effects.messages,
          );
          const session = sessions.session(sessionId);
          if (!session) throw new Error('session insert failed');
          askMain(session, 1, effects);
          return effects;
        });
      } catch (error) {
        live.delete(sessionId);
        throw error;
      }
      if (requirements) void writeForJob(userId, sessionId, requirements, startOptions);
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
      if (turn.status !== TurnStatus.asked) throw new ConflictError('this question is closed: it was already answered, skipped or timed out');
      const answer = normalizeAnswer(text);
      if (transcriptionId !== undefined) {
        if (!spoken) throw new NotFoundError('transcription');
        spoken.checkUnused(userId, transcriptionId);
      }
      commit(sessionId, () => {
        const effects = noEffects();
        const now = clock.now();
        takeDraft(turnId);
        if (!sessions.answerTurn(turnId, answer, clientId, 'submitted', now)) {
          throw new ConflictError('this question is closed: it was already answered, skipped or timed out');
        }
        if (transcriptionId !== undefined) spoken?.attachToTurn(transcriptionId, sessionId, turnId);
        sessions.recordClientEvent(sessionId, turnId, 'answer', now, answer);
        append(sessionId, { type: 'answer.accepted', turnId, clientId }, effects.messages);
        effects.disarm.push(turnId);
        effects.grade = turnId;
        moveOnIfRealistic(sessionId, turnId, effects);
        return effects;
      });
    },

    /**
     * Keeps the latest draft of an open turn; it is written within `draftSaveIntervalMs`. Returns whether
     * the user's draft history is full: the draft is still kept (and graded if the time runs out), but no
     * longer recorded for replay.
     */
    draft(userId: string, sessionId: string, turnId: string, text: string): { historyFull: boolean } {
      const { turn } = requireOpenTurn(userId, sessionId, turnId);
      const draft = normalizeCandidateText(text, 'draft');
      const full = historyFull.has(userId) || draftBytesOf(userId) >= options.draftQuotaBytes;
      if (turn.status !== TurnStatus.asked) return { historyFull: full };
      const latest = pendingDrafts.get(turnId)?.text ?? turn.draft_text;
      if (latest === draft) return { historyFull: full };
      pendingDrafts.set(turnId, { sessionId, userId, text: draft, at: clock.now() });
      draftTimer ??= clock.setTimeout(flushDrafts, options.draftSaveIntervalMs);
      return { historyFull: full };
    },

    skip(userId: string, sessionId: string, turnId: string): void {
      const { turn } = requireOpenTurn(userId, sessionId, turnId);
      if (turn.status !== TurnStatus.asked) throw new ConflictError('this question is closed: it was already answered, skipped or timed out');
      commit(sessionId, () => {
        const effects = noEffects();
        const session = requireSession(userId, sessionId);
        const now = clock.now();
        takeDraft(turnId);
        if (!sessions.closeTurn(turnId, TurnStatus.skipped, now)) return effects;
        sessions.recordClientEvent(sessionId, turnId, 'skip', now, null);
        append(sessionId, { type: 'turn.skipped', turnId }, effects.messages);
        effects.disarm.push(turnId);
        const updated = sessions.turn(turnId);
        if (updated) advance(session, updated, undefined, effects);
        return effects;
      });
    },

    /** Practice pacing: the candidate has read the feedback; asks the next question, its deadline from now. */
    next(userId: string, sessionId: string): void {
      commit(sessionId, () => {
        const effects = noEffects();
        const session = requireSession(userId, sessionId);
        if (session.status === 'ended') throw new ConflictError('this interview has ended');
        if (advancesOnAccept(sessionOptions(session).pacing)) {
          throw new ConflictError('this interview moves on by itself: realistic pacing asks the next question once an answer is in');
        }
        const latest = sessions.turns(sessionId).at(-1);
        if (!latest || latest.status === TurnStatus.asked) throw new ConflictError('answer or skip the current question first');
        if (latest.status === TurnStatus.answered) throw new ConflictError('this answer is still being graded; its feedback comes first');
        const feedback = latest.feedback_id ? grading.get(userId, latest.feedback_id) : undefined;
        advance(session, latest, feedback, effects, true);
        return effects;
      });
    },

    end(userId: string, sessionId: string): void {
      const session = requireSession(userId, sessionId);
      if (session.status === 'ended') return;
      const latest = sessions.turns(sessionId).at(-1);
      // Realistic pacing waits for every answer's grade, whichever turn it was (see finishWhenGraded).
      const waitsForLatest = !advancesOnAccept(sessionOptions(session).pacing);
      if (waitsForLatest && latest?.status === TurnStatus.answered && live.get(sessionId)?.grading.has(latest.id)) {
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
      for (const [turnId, draft] of pendingDrafts) if (draft.sessionId === sessionId) pendingDrafts.delete(turnId);
      // Its draft history goes with it.
      draftUsage.delete(userId);
      historyFull.delete(userId);
      const state = live.get(sessionId);
      if (!state) return;
      stopTimers(state);
      for (const subscriber of state.subscribers.keys()) {
        subscriber.send({ type: 'error', code: 'session_deleted', message: 'this interview was deleted', seq: 0, at: clock.now() });
      }
      live.delete(sessionId);
    },

    /**
     * At start-up: re-arm every pending deadline (firing overdue ones) and grade answers left ungraded. Each
     * deadline has its own timer, so grading an old answer can never disturb the current question's.
     */
    recover(): { timers: number; grading: number } {
      let timers = 0;
      let pending = 0;
      for (const turn of sessions.pendingTurns()) {
        const session = sessions.session(turn.session_id);
        if (!session) continue;
        if (turn.status === TurnStatus.asked && turn.deadline !== null && session.status === 'active') {
          arm(turn.session_id, turn.id, turn.deadline);
          timers += 1;
        } else if (turn.status === TurnStatus.answered) {
          // Also in an ended session: an acknowledged answer is always graded.
          startGrading(turn.session_id, turn.id);
          pending += 1;
        }
      }
      return { timers, grading: pending };
    },

    /** Writes the drafts held in memory now (shutdown does it too). */
    flushDrafts,

    /**
     * Writes pending drafts, stops timers and in-flight model calls (their answers are graded again at the
     * next start) and waits for gradings to settle; the stored deadlines survive for the next start.
     */
    async close(): Promise<void> {
      flushDrafts();
      closed = true;
      shutdown.abort();
      const inFlight: Array<Promise<void>> = [];
      for (const state of live.values()) {
        stopTimers(state);
        inFlight.push(...state.grading.values());
      }
      await Promise.allSettled(inFlight);
      live.clear();
    },
  };
}
export type InterviewService = ReturnType<typeof createInterviewService>;
