import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { CorpusService } from '../corpus/corpus-service.js';
import { AppError, NotFoundError, ValidationError } from '../errors.js';
import type { GradingService } from '../grading/grading-service.js';
import type { Db } from '../store/db.js';
import { createPreviousAttempts } from '../grading/previous-attempts.js';
import { planChosenQuestions, planQuestions } from './planner.js';
import { createPracticeRepository } from '../practice/practice-repository.js';
import { createPracticeService, type PracticeService } from '../practice/practice-service.js';
import type { Requirement } from '../practice/job-description.js';
import type { QuestionWriter } from '../practice/question-writer.js';
import { MAX_WRITTEN_QUESTIONS, placeWritten, type WrittenQuestion } from '../practice/written-questions.js';
import type { QuestionKind } from '../contracts/question-schema.js';
import type { StartOptions } from '../contracts/protocol.js';
import { TurnStatus } from '../contracts/turn-status.js';
import { normalizeCandidateText } from '../text/sanitize.js';
import { createDraftAutosave } from './draft-autosave.js';
import { createLiveSessions, type SpokenAnswers, type Subscriber } from './live-sessions.js';
import { sessionPlan, type PlannedQuestion, type SessionRepository } from './session-repository.js';
import { startInterview, transition } from './transitions.js';

/** Interviews one user may have in progress at once. */
export const MAX_ACTIVE_SESSIONS = 10;

const newSessionId = () => `s_${randomBytes(16).toString('hex')}`;

export interface InterviewOptions {
  /** Milliseconds between writes of the drafts typed since the last write. */
  draftSaveIntervalMs: number;
  /** Bytes of draft history one user may store. */
  draftQuotaBytes: number;
}

/**
 * Interviews: the wiring of the pure state machine (transitions.ts) to the registry of live sessions
 * (live-sessions.ts), which commits each transition in one transaction and sends, arms and grades after the
 * commit; drafts are autosaves beside them (draft-autosave.ts). What stays here is what a request needs
 * before the machine runs: the plan of a new interview, the user's own session, the clock's time and new ids.
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
  const drafts = createDraftAutosave({ db, sessions, clock, log, intervalMs: options.draftSaveIntervalMs, quotaBytes: options.draftQuotaBytes });
  const live = createLiveSessions({ db, sessions, corpus, grading, clock, log, drafts, practice, spoken, previousAttempts: createPreviousAttempts(db) });

  function requireSession(userId: string, sessionId: string) {
    const session = sessions.sessionForUser(sessionId, userId);
    if (!session) throw new NotFoundError('session');
    return session;
  }

  function requireTurn(userId: string, sessionId: string, turnId: string) {
    const session = requireSession(userId, sessionId);
    const turn = sessions.turn(turnId);
    if (!turn || turn.session_id !== session.id) throw new NotFoundError('turn');
    return turn;
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
      written = await writer.write({ userId, requirements, kind, count, signal: live.signal });
    } catch (error) {
      if (!live.closed) log.warn({ err: error, sessionId }, 'writing questions for the job failed; the interview keeps its corpus questions');
      return;
    }
    if (live.closed || written.length === 0) return;
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

  return {
    start(userId: string, startOptions: StartOptions, subscriber?: Subscriber): string {
      const started = startOptions.clientId === undefined ? undefined : sessions.sessionByStart(userId, startOptions.clientId);
      if (started) {
        // A start resent after a lost connection: the client never saw this session, so it gets all of it.
        if (subscriber) live.resume(started.id, 0, subscriber);
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
      const { plan, requirements } = planFor(userId, startOptions, startOptions.topics ?? []);
      if (plan.length === 0) throw new ValidationError('topics: no questions match this mode and these topics');
      const sessionId = newSessionId();
      if (subscriber) live.follow(sessionId, subscriber);
      try {
        live.commit(sessionId, () =>
          startInterview(
            {
              sessionId,
              userId,
              options: startOptions,
              plan,
              requirements: requirements?.map((requirement) => requirement.text),
              at: clock.now(),
              newTurnId: live.newTurnId(),
            },
            corpus,
          ),
        );
      } catch (error) {
        if (subscriber) live.detach(sessionId, subscriber);
        throw error;
      }
      if (requirements) void writeForJob(userId, sessionId, requirements, startOptions);
      return sessionId;
    },

    /** Re-sends every message after `lastSeq` in order, then keeps the subscriber updated. */
    resume(userId: string, sessionId: string, lastSeq: number, subscriber: Subscriber): void {
      requireSession(userId, sessionId);
      live.resume(sessionId, lastSeq, subscriber);
    },

    detach: (sessionId: string, subscriber: Subscriber): void => live.detach(sessionId, subscriber),

    answer(
      userId: string,
      sessionId: string,
      turnId: string,
      clientId: string,
      text: string,
      subscriber: Subscriber,
      transcriptionId?: string,
    ): void {
      requireTurn(userId, sessionId, turnId);
      live.commit(
        sessionId,
        () =>
          transition(
            live.stateFor(userId, sessionId),
            { type: 'answer', at: clock.now(), turnId, clientId, text, transcriptionId, newTurnId: live.newTurnId() },
            corpus,
          ),
        subscriber,
      );
    },

    /**
     * Keeps the latest draft of an open turn; it is written within `draftSaveIntervalMs`. Returns whether
     * the user's draft history is full: the draft is still kept (and graded if the time runs out), but no
     * longer recorded for replay.
     */
    draft(userId: string, sessionId: string, turnId: string, text: string): { historyFull: boolean } {
      const turn = requireTurn(userId, sessionId, turnId);
      const draft = normalizeCandidateText(text, 'draft');
      const historyFull = drafts.historyFull(userId);
      if (turn.status === TurnStatus.asked) drafts.hold(turnId, turn.draft_text, { sessionId, userId, text: draft });
      return { historyFull };
    },

    skip(userId: string, sessionId: string, turnId: string): void {
      requireTurn(userId, sessionId, turnId);
      live.commit(sessionId, () =>
        transition(live.stateFor(userId, sessionId), { type: 'skip', at: clock.now(), turnId, newTurnId: live.newTurnId() }, corpus),
      );
    },

    /** Practice pacing: the candidate has read the feedback; asks the next question, its deadline from now. */
    next(userId: string, sessionId: string): void {
      live.commit(sessionId, () => {
        const state = live.stateFor(userId, sessionId);
        const latest = state.turns.at(-1);
        const feedback = latest?.status === TurnStatus.graded && latest.feedback_id ? grading.get(userId, latest.feedback_id) : undefined;
        return transition(state, { type: 'next', at: clock.now(), feedback, newTurnId: live.newTurnId() }, corpus);
      });
    },

    end(userId: string, sessionId: string): void {
      live.commit(sessionId, () => transition(live.stateFor(userId, sessionId), { type: 'end', at: clock.now() }, corpus));
    },

    /** Stops a session about to be deleted: no timer fires for it and its sockets stop following it. */
    discard(userId: string, sessionId: string): void {
      requireSession(userId, sessionId);
      drafts.discard(sessionId, userId);
      live.discard(sessionId);
    },

    /**
     * At start-up: re-arm every pending deadline (firing overdue ones) and grade answers left ungraded. Each
     * deadline has its own timer, so grading an old answer can never disturb the current question's.
     */
    recover: (): { timers: number; grading: number } => live.recover(),

    /** Writes the drafts held in memory now (shutdown does it too). */
    flushDrafts: drafts.flush,

    /**
     * Writes pending drafts, stops timers and in-flight model calls (their answers are graded again at the
     * next start) and waits for gradings to settle; the stored deadlines survive for the next start.
     */
    async close(): Promise<void> {
      drafts.flush();
      await live.close();
    },
  };
}
export type InterviewService = ReturnType<typeof createInterviewService>;
