import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock, TimerHandle } from '../clock.js';
import { curatedAnswerNote } from '../contracts/curation.js';
import type { Feedback } from '../contracts/feedback-schema.js';
import type { ConnectionMessage, SessionEvent, SessionMessage } from '../contracts/protocol.js';
import { RUBRIC_FOR_TYPE } from '../contracts/rubric-schema.js';
import { TurnStatus } from '../contracts/turn-status.js';
import type { Delivery } from '../contracts/voice-schemas.js';
import type { CorpusService } from '../corpus/corpus-service.js';
import { NotFoundError } from '../errors.js';
import type { GradingService } from '../grading/grading-service.js';
import type { PreviousAttempts } from '../grading/previous-attempts.js';
import type { PracticeService } from '../practice/practice-service.js';
import type { Db } from '../store/db.js';
import type { DraftAutosave } from './draft-autosave.js';
import { sessionOptions, sessionPlan, type SessionRepository, type TurnRow } from './session-repository.js';
import { summarise } from './summary.js';
import { questionTypeOf, recoveryEffects, transition, writtenFor, type Effect, type SessionState, type Transition } from './transitions.js';

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

/** How a subscriber follows a session: replaying the transcript from the database, or live. */
interface Follow {
  live: boolean;
  /** Bumped by each resume, so a superseded replay stops. */
  generation: number;
}

interface Live {
  subscribers: Map<Subscriber, Follow>;
  deadlines: Map<string, TimerHandle>;
  grading: Map<string, Promise<void>>;
  /** Gradings that failed and will be tried again, by turn: the timer and the attempts made. */
  retries: Map<string, { timer: TimerHandle; attempts: number }>;
}

/** What a committed transition leaves to do: frames to send, and the effects that follow the commit. */
interface Outcome {
  messages: SessionMessage[];
  acks: SessionMessage[];
  after: Array<Extract<Effect, { type: 'arm' | 'disarm' | 'grade' }>>;
}

/** A transition to commit, with the feedback it stored (so its message is built without reading it back). */
type Decision = Transition & { known?: Feedback };

/** Transcript messages read and sent per page of a resume's replay. */
export const REPLAY_PAGE_SIZE = 20;
/** Delays before a failed grading is tried again; after the last one it waits for the next start. */
const GRADING_RETRY_DELAYS_MS = [5_000, 30_000, 120_000] as const;
/** Streamed model text is coalesced into one frame per this many milliseconds rather than one per token. */
const DELTA_FRAME_MS = 100;

/**
 * The registry of live sessions, around the pure transitions (transitions.ts): it owns the subscribers of
 * each session, its deadline timers (on the injected clock), its gradings in flight and their retries, and
 * resume and recovery. `commit` runs a transition in one IMMEDIATE transaction that carries out its
 * persisting effects (turn rows, transcript events with gapless seq); frames are sent, timers armed and
 * gradings started only after that commit, so nothing a client is told can be lost.
 */
export function createLiveSessions(deps: {
  db: Db;
  sessions: SessionRepository;
  corpus: CorpusService;
  grading: GradingService;
  clock: Clock;
  log: FastifyBaseLogger;
  drafts: DraftAutosave;
  previousAttempts: PreviousAttempts;
  practice: PracticeService;
  spoken?: SpokenAnswers | undefined;
}) {
  const { db, sessions, corpus, grading, clock, log, drafts, previousAttempts, practice, spoken } = deps;
  const live = new Map<string, Live>();
  let closed = false;
  // Aborted on shutdown: an answer whose grading is cut short stays 'answered' and is graded after the restart.
  // Every grading in flight listens to it, so it may have any number of listeners.
  const shutdown = new AbortController();
  setMaxListeners(0, shutdown.signal);
  let replayGeneration = 0;
  /** Answers whose grading failed and is retried later (see SessionState.stalled). */
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

  /** The session as the transitions see it, read inside the caller's transaction. */
  function stateOf(sessionId: string): SessionState | undefined {
    const session = sessions.session(sessionId);
    if (!session) return undefined;
    return {
      session,
      options: sessionOptions(session),
      plan: sessionPlan(session),
      turns: sessions.turns(sessionId),
      grading: new Set(live.get(sessionId)?.grading.keys()),
      stalled,
    };
  }

  /** The user's session, or NotFoundError. */
  function stateFor(userId: string, sessionId: string): SessionState {
    const state = stateOf(sessionId);
    if (state?.session.user_id !== userId) throw new NotFoundError('session');
    return state;
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

  /** The transcript message of a turn's feedback, with the user's previous attempt at the question. */
  function feedbackEvent(state: SessionState, turn: TurnRow, feedback: Feedback): SessionEvent {
    const { id, questionId: _questionId, question: _question, createdAt: _createdAt, disputes: _disputes, ...graded } = feedback;
    const record = turn.question_id ? corpus.find(turn.question_id) : undefined;
    const written = writtenFor(state, turn.question_id, corpus);
    const delivery = spoken?.deliveryForTurn(turn.id);
    const previous = previousAttempts.before(
      state.session.user_id,
      { id, questionId: feedback.questionId, question: feedback.question, result: graded },
      { oneShot: false },
    );
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

  /** The summary and the end of the interview, from the turns as this transaction has left them. */
  function finish(state: SessionState, reason: 'completed' | 'ended_by_user', at: number, feedbackOf: (feedbackId: string) => Feedback, into: SessionMessage[]): void {
    const { session } = state;
    const turns = sessions.turns(session.id);
    const graded = turns.flatMap((turn) => (turn.feedback_id ? [{ turn, feedback: feedbackOf(turn.feedback_id) }] : []));
    const { jobDescription } = state.options;
    const mains = turns.flatMap((turn) =>
      turn.parent_turn_id === null && turn.question_id !== null
        ? [{ turnId: turn.id, questionId: turn.question_id, answered: turn.feedback_id !== null, requirement: writtenFor(state, turn.question_id, corpus)?.requirement }]
        : [],
    );
    const summary = {
      ...summarise(session.id, turns, graded, (turn) => RUBRIC_FOR_TYPE[questionTypeOf({ plan: state.plan, turns }, turn, corpus)]),
      ...(jobDescription === undefined ? {} : { requirements: practice.coverageFor(jobDescription, mains) }),
    };
    into.push(sessions.appendEvent(session.id, summary, clock.now()));
    into.push(sessions.appendEvent(session.id, { type: 'session.ended', sessionId: session.id, reason }, clock.now()));
    sessions.endSession(session.id, at, summary.overall);
  }

  /** Carries out a transition's persisting effects, in order, inside the caller's transaction. */
  function persist(sessionId: string, { state, effects, known }: Decision): Outcome {
    const outcome: Outcome = { messages: [], acks: [], after: [] };
    const feedback = new Map<string, Feedback>(known ? [[known.id, known]] : []);
    const feedbackOf = (feedbackId: string): Feedback => {
      let found = feedback.get(feedbackId);
      if (!found) {
        found = grading.get(state.session.user_id, feedbackId);
        feedback.set(feedbackId, found);
      }
      return found;
    };
    const stored = (changed: boolean, what: string) => {
      // The state was read in this same transaction, so the store cannot disagree with it.
      if (!changed) throw new Error(`${what} changed nothing in session ${sessionId}`);
    };
    for (const effect of effects) {
      switch (effect.type) {
        case 'insert-session':
          sessions.insertSession(effect.session);
          break;
        case 'insert-turn':
          sessions.insertTurn(effect.turn);
          break;
        case 'write-draft':
          drafts.take(effect.turnId);
          break;
        case 'claim-transcription':
          if (!spoken) throw new NotFoundError('transcription');
          spoken.checkUnused(state.session.user_id, effect.transcriptionId);
          spoken.attachToTurn(effect.transcriptionId, sessionId, effect.turnId);
          break;
        case 'answer-turn':
          stored(sessions.answerTurn(effect.turnId, effect.text, effect.clientId, effect.source, effect.at), 'answering a turn');
          break;
        case 'close-turn':
          stored(sessions.closeTurn(effect.turnId, effect.status, effect.at), 'closing a turn');
          break;
        case 'grade-turn':
          stored(sessions.gradeTurn(effect.turnId, effect.feedbackId), 'grading a turn');
          break;
        case 'record-client-event':
          sessions.recordClientEvent(sessionId, effect.turnId, effect.kind, effect.at, effect.text);
          break;
        case 'append':
          outcome.messages.push(sessions.appendEvent(sessionId, effect.event, clock.now()));
          break;
        case 'append-feedback': {
          const turn = state.turns.find((candidate) => candidate.id === effect.turnId);
          if (!turn) throw new Error(`turn ${effect.turnId} is not in session ${sessionId}`);
          outcome.messages.push(sessions.appendEvent(sessionId, feedbackEvent(state, turn, feedbackOf(effect.feedbackId)), clock.now()));
          break;
        }
        case 'finish':
          finish(state, effect.reason, effect.at, feedbackOf, outcome.messages);
          break;
        case 'request-end':
          sessions.requestEnd(sessionId, effect.at);
          break;
        case 'resend-ack': {
          const ack = sessions.ackFor(sessionId, effect.turnId);
          if (ack) outcome.acks.push(ack);
          break;
        }
        case 'arm':
        case 'disarm':
        case 'grade':
          outcome.after.push(effect);
          break;
      }
    }
    return outcome;
  }

  /**
   * Runs `decide` (which reads the state and returns a transition, or nothing to do) and persists its effects in
   * one IMMEDIATE transaction; then sends, to every subscriber, what was appended, and a resent acknowledgement
   * to `requester`; then clears and arms deadlines and starts gradings.
   */
  function commit(sessionId: string, decide: () => Decision | undefined, requester?: Subscriber): void {
    const outcome = db
      .transaction((): Outcome | undefined => {
        const decided = decide();
        return decided ? persist(sessionId, decided) : undefined;
      })
      .immediate();
    if (outcome) {
      for (const message of outcome.messages) broadcast(sessionId, message);
      for (const ack of outcome.acks) requester?.send(ack);
      for (const effect of outcome.after) if (effect.type === 'disarm') disarm(sessionId, effect.turnId);
      for (const effect of outcome.after) if (effect.type === 'arm') arm(sessionId, effect.turnId, effect.deadline);
      for (const effect of outcome.after) if (effect.type === 'grade') startGrading(sessionId, effect.turnId);
    }
    pruneIfIdle(sessionId);
  }

  const newTurnId = () => `t_${randomBytes(12).toString('hex')}`;

  function timeUp(sessionId: string, turnId: string): void {
    if (closed) return;
    commit(sessionId, () => {
      const state = stateOf(sessionId);
      if (!state) return undefined;
      return transition(state, { type: 'time-up', at: clock.now(), turnId, pendingDraft: drafts.peek(turnId), newTurnId: newTurnId() }, corpus);
    });
  }

  function startGrading(sessionId: string, turnId: string): void {
    const state = liveOf(sessionId);
    if (state.grading.has(turnId)) return;
    const retry = state.retries.get(turnId);
    if (retry) clock.clearTimeout(retry.timer);
    state.retries.delete(turnId);
    runGrading(sessionId, turnId, retry?.attempts ?? 0);
  }

  function runGrading(sessionId: string, turnId: string, attempts: number): void {
    const state = liveOf(sessionId);
    const run = gradeTurn(sessionId, turnId, attempts).finally(() => {
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
      runGrading(sessionId, turnId, attempts + 1);
    }, delay);
    state.retries.set(turnId, { timer, attempts: attempts + 1 });
  }

  async function gradeTurn(sessionId: string, turnId: string, attempts: number): Promise<void> {
    const state = stateOf(sessionId);
    const turn = state?.turns.find((candidate) => candidate.id === turnId);
    if (!state || !turn || turn.status !== TurnStatus.answered || turn.answer_text === null) return;
    let pendingDelta = '';
    let deltaTimer: TimerHandle | null = null;
    const flushDelta = () => {
      if (deltaTimer) clock.clearTimeout(deltaTimer);
      deltaTimer = null;
      if (pendingDelta === '') return;
      broadcast(sessionId, { type: 'feedback.delta', sessionId, turnId, text: pendingDelta, seq: 0, at: clock.now() });
      pendingDelta = '';
    };
    const written = writtenFor(state, turn.question_id, corpus);
    let evaluation: Awaited<ReturnType<GradingService['evaluate']>>;
    try {
      evaluation = await grading.evaluate(
        { userId: state.session.user_id, sessionId, turnId },
        {
          // A question the model wrote is graded against the model answer written with it.
          questionId: written ? undefined : (turn.question_id ?? undefined),
          question: turn.question_id && !written ? undefined : turn.question_text,
          answer: turn.answer_text,
          questionType: questionTypeOf(state, turn, corpus),
          ...(written ? { referenceAnswer: written.answer } : {}),
        },
        {
          signal: shutdown.signal,
          onDelta: (text) => {
            pendingDelta += text;
            deltaTimer ??= clock.setTimeout(flushDelta, DELTA_FRAME_MS);
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
        const current = stateOf(sessionId);
        if (!current) return undefined;
        return transition(current, { type: 'grading.failed', at: clock.now(), turnId, newTurnId: newTurnId() }, corpus);
      });
      scheduleRetry(sessionId, turnId, attempts);
      return;
    }
    flushDelta();
    stalled.delete(turnId);
    // A session deleted while its answer was graded has nothing left to add the feedback to.
    if (closed || !live.has(sessionId)) return;
    commit(sessionId, () => {
      const current = stateOf(sessionId);
      if (current?.turns.find((candidate) => candidate.id === turnId)?.status !== TurnStatus.answered) return undefined;
      // The feedback row commits with the turn's state and the transcript event.
      const feedback = evaluation.store();
      return { ...transition(current, { type: 'grading.finished', at: clock.now(), turnId, feedback, newTurnId: newTurnId() }, corpus), known: feedback };
    });
  }

  /**
   * Re-sends every message after `lastSeq` in order, then keeps the subscriber updated. The replay is read
   * from the database a page at a time and each page waits until the connection has taken the previous one
   * (its buffer drained, its user's replay budget refilled), so a resume never piles a whole transcript into
   * memory and one user's resumes cannot crowd out other users.
   */
  function resume(sessionId: string, lastSeq: number, subscriber: Subscriber): void {
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

  function stopTimers(state: Live): void {
    for (const handle of state.deadlines.values()) clock.clearTimeout(handle);
    state.deadlines.clear();
    for (const { timer } of state.retries.values()) clock.clearTimeout(timer);
    state.retries.clear();
  }

  return {
    commit,
    stateFor,
    newTurnId,
    resume,

    /** Aborted at shutdown: work started for a session (a model call) listens to it. */
    signal: shutdown.signal,
    get closed(): boolean {
      return closed;
    },

    /** A new session's subscriber follows it live from its first message. */
    follow(sessionId: string, subscriber: Subscriber): void {
      liveOf(sessionId).subscribers.set(subscriber, { live: true, generation: 0 });
    },

    detach(sessionId: string, subscriber: Subscriber): void {
      live.get(sessionId)?.subscribers.delete(subscriber);
      pruneIfIdle(sessionId);
    },

    /** Stops a session about to be deleted: no timer fires for it and its sockets stop following it. */
    discard(sessionId: string): void {
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
        for (const effect of recoveryEffects(session, turn)) {
          if (effect.type === 'arm') {
            arm(turn.session_id, effect.turnId, effect.deadline);
            timers += 1;
          } else if (effect.type === 'grade') {
            startGrading(turn.session_id, effect.turnId);
            pending += 1;
          }
        }
      }
      return { timers, grading: pending };
    },

    /** Stops timers and in-flight model calls (their answers are graded again at the next start) and waits for gradings to settle. */
    async close(): Promise<void> {
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
export type LiveSessions = ReturnType<typeof createLiveSessions>;
