import { classifyQuestion } from '../contracts/classify-question.js';
import type { Feedback, GradeResult } from '../contracts/feedback-schema.js';
import type { SessionEvent, StartOptions } from '../contracts/protocol.js';
import type { QuestionKind } from '../contracts/question-schema.js';
import type { QuestionType } from '../contracts/question-type.js';
import { TurnStatus } from '../contracts/turn-status.js';
import { ConflictError } from '../errors.js';
import { normalizeAnswer, sanitizeAnswer } from '../text/sanitize.js';
import { pickFollowUp } from './follow-ups.js';
import { advancesOnAccept, feedbackDuringInterview, gradingsSettled, waitsForNext } from './pacing.js';
import type { MissedStatus, NewTurn, PlannedQuestion, SessionRow, TurnRow } from './session-repository.js';

/*
 * The interview state machine as a pure function: (session state, event) → (new state, effects). It reads no
 * clock (time comes in on the event), draws no random ids (a new turn's id comes in on the event), and touches
 * no database, socket or timer: it only says what is to happen, as data. The live-session registry
 * (live-sessions.ts) loads the state inside a transaction, runs a transition, carries out the effects that
 * persist inside that same transaction, and only after the commit sends frames, arms timers and starts
 * gradings ("commit, then send").
 *
 * A request the state refuses throws the domain error the candidate sees (a ConflictError), before any
 * effect: nothing is half done.
 */

/** What the transitions read about a session. `grading` and `stalled` are the registry's in-memory facts. */
export interface SessionState {
  session: Pick<SessionRow, 'id' | 'user_id' | 'status' | 'end_requested_at'>;
  options: StartOptions;
  plan: readonly PlannedQuestion[];
  /** Every turn asked so far, in order of asking. */
  turns: readonly TurnRow[];
  /** Answers whose grading runs now. */
  grading: ReadonlySet<string>;
  /**
   * Answers whose grading failed and is retried later: a realistic interview does not hold its summary back
   * for them (their feedback follows when it comes, as after any late grade).
   */
  stalled: ReadonlySet<string>;
}

/**
 * The corpus as the transitions see it: data loaded at start-up and never changed while the server runs
 * (CorpusService satisfies it; a test passes a plain object).
 */
export interface QuestionCatalogue {
  find(questionId: string): { type: QuestionType; followUps: readonly string[] } | undefined;
}

export type EndReason = Extract<SessionEvent, { type: 'session.ended' }>['reason'];

/** A new turn's id, drawn by the caller: any event that may move the interview on may ask a question. */
interface Asks {
  newTurnId: string;
}

export type InterviewEvent =
  | ({ type: 'answer'; at: number; turnId: string; clientId: string; text: string; transcriptionId?: string | undefined } & Asks)
  | ({ type: 'skip'; at: number; turnId: string } & Asks)
  /** A deadline timer fired; `pendingDraft` is the autosave held in memory and not written yet, if any. */
  | ({ type: 'time-up'; at: number; turnId: string; pendingDraft?: string | undefined } & Asks)
  /** Practice pacing: the candidate read the feedback; `feedback` is the latest turn's, if it has one. */
  | ({ type: 'next'; at: number; feedback?: GradeResult | undefined } & Asks)
  | { type: 'end'; at: number }
  /** An answer's grade, stored inside the transaction that runs this transition. */
  | ({ type: 'grading.finished'; at: number; turnId: string; feedback: Feedback } & Asks)
  | ({ type: 'grading.failed'; at: number; turnId: string } & Asks);

/** What a transition asks to happen. The first group runs inside its transaction, in order; the second after it commits. */
export type Effect =
  | {
      type: 'insert-session';
      session: { id: string; userId: string; mode: SessionRow['mode']; options: StartOptions; plan: PlannedQuestion[]; startClientId: string | null; createdAt: number };
    }
  | { type: 'insert-turn'; turn: NewTurn }
  /** Writes the turn's autosave held in memory, if there is one (before the turn closes: drafts are kept only for open turns). */
  | { type: 'write-draft'; turnId: string }
  /** Checks that the recording is the user's and unused, and links it to the turn. */
  | { type: 'claim-transcription'; turnId: string; transcriptionId: string }
  | { type: 'answer-turn'; turnId: string; text: string; clientId: string | null; source: 'submitted' | 'draft_at_time_up'; at: number }
  | { type: 'close-turn'; turnId: string; status: MissedStatus; at: number }
  | { type: 'grade-turn'; turnId: string; feedbackId: string }
  | { type: 'record-client-event'; turnId: string; kind: 'answer' | 'skip'; at: number; text: string | null }
  /** Appends a message to the transcript (it gets the next seq) and sends it once committed. */
  | { type: 'append'; event: SessionEvent }
  /** Appends the turn's feedback message: its stored feedback with the model answer, delivery and previous attempt. */
  | { type: 'append-feedback'; turnId: string; feedbackId: string }
  /** Appends the summary and `session.ended`, and marks the session ended with the summary's overall score. */
  | { type: 'finish'; reason: EndReason; at: number }
  /** Stores that the candidate asked to end: the last grading the summary waits for ends the interview. */
  | { type: 'request-end'; at: number }
  /** Sends the stored acknowledgement of a resent answer again, to the connection that resent it. */
  | { type: 'resend-ack'; turnId: string }
  | { type: 'arm'; turnId: string; deadline: number }
  | { type: 'disarm'; turnId: string }
  | { type: 'grade'; turnId: string };

export interface Transition {
  state: SessionState;
  effects: Effect[];
}

const CLOSED_MESSAGE = 'this question is closed: it was already answered, skipped or timed out';

/** What the sessions table's mode column says about a plan: the kinds it asks. */
function kindsOf(plan: readonly PlannedQuestion[]): SessionRow['mode'] {
  const kinds = new Set(plan.map((question) => question.kind));
  return kinds.size === 1 && kinds.has('behavioural') ? 'behavioural' : kinds.size === 1 ? 'technical' : 'mixed';
}

/** The model-written question of the session's plan with this id, if it is one. */
export function writtenFor(state: Pick<SessionState, 'plan'>, questionId: string | null, catalogue: QuestionCatalogue) {
  if (questionId === null || catalogue.find(questionId)) return undefined;
  return state.plan.find((planned) => planned.questionId === questionId)?.written;
}

/**
 * A turn's question type: its corpus record's, or for a follow-up the type of the question it follows
 * up (an answer to "why?" after an opinion is still an opinion).
 */
export function questionTypeOf(
  state: Pick<SessionState, 'plan' | 'turns'>,
  turn: Pick<TurnRow, 'question_id' | 'parent_turn_id' | 'question_text'>,
  catalogue: QuestionCatalogue,
): QuestionType {
  const record = turn.question_id ? catalogue.find(turn.question_id) : undefined;
  if (record) return record.type;
  const written = writtenFor(state, turn.question_id, catalogue);
  if (written) return written.type;
  const parent = turn.parent_turn_id ? state.turns.find((candidate) => candidate.id === turn.parent_turn_id) : undefined;
  return parent ? questionTypeOf(state, parent, catalogue) : classifyQuestion(turn.question_text).type;
}

/**
 * One transition under way: a copy of the state that the steps below update as they add effects, so each
 * step sees what the previous ones did (as the transaction's reads would).
 */
class Step {
  readonly effects: Effect[] = [];
  session: SessionState['session'];
  turns: TurnRow[];

  constructor(
    readonly state: SessionState,
    readonly at: number,
    readonly catalogue: QuestionCatalogue,
    readonly newTurnId: string | undefined,
  ) {
    this.session = { ...state.session };
    this.turns = [...state.turns];
  }

  get pacing() {
    return this.state.options.pacing;
  }

  result(): Transition {
    return { state: { ...this.state, session: this.session, turns: this.turns }, effects: this.effects };
  }

  turn(turnId: string): TurnRow | undefined {
    return this.turns.find((turn) => turn.id === turnId);
  }

  /** Whether `turn` is the session's latest: only closing the latest turn moves the interview on. */
  isLatest(turnId: string): boolean {
    return this.turns.at(-1)?.id === turnId;
  }

  update(turnId: string, patch: Partial<TurnRow>): TurnRow {
    const index = this.turns.findIndex((turn) => turn.id === turnId);
    const turn = this.turns[index];
    if (!turn) throw new Error(`turn ${turnId} is not in session ${this.session.id}`);
    const updated = { ...turn, ...patch };
    this.turns[index] = updated;
    return updated;
  }

  append(event: SessionEvent): void {
    this.effects.push({ type: 'append', event });
  }

  answer(turnId: string, text: string, clientId: string | null, source: 'submitted' | 'draft_at_time_up'): TurnRow {
    this.effects.push({ type: 'answer-turn', turnId, text, clientId, source, at: this.at });
    return this.update(turnId, { status: TurnStatus.answered, answer_text: text, answer_client_id: clientId, answer_source: source, answered_at: this.at });
  }

  close(turnId: string, status: MissedStatus): TurnRow {
    this.effects.push({ type: 'close-turn', turnId, status, at: this.at });
    return this.update(turnId, { status, answered_at: this.at });
  }

  requestEnd(): void {
    this.effects.push({ type: 'request-end', at: this.at });
    this.session = { ...this.session, end_requested_at: this.session.end_requested_at ?? this.at };
  }

  /** Opens a turn with its server-side deadline and tells the candidate: a main question of the plan, or a follow-up to `parent`. */
  askTurn(question: {
    mainIndex: number;
    parent: TurnRow | null;
    questionId: string | null;
    text: string;
    kind: QuestionKind;
    topic: string;
    reason?: string | undefined;
  }): void {
    if (this.newTurnId === undefined) throw new Error('a transition that asks a question needs a new turn id');
    const turnId = this.newTurnId;
    const deadline = this.at + this.state.options.secondsPerQuestion * 1000;
    const turn: NewTurn = {
      id: turnId,
      session_id: this.session.id,
      position: this.turns.length + 1,
      main_index: question.mainIndex,
      parent_turn_id: question.parent?.id ?? null,
      question_id: question.questionId,
      question_text: question.text,
      kind: question.kind,
      topic: question.topic,
      asked_at: this.at,
      deadline,
    };
    this.effects.push({ type: 'insert-turn', turn });
    this.turns.push({
      ...turn,
      status: TurnStatus.asked,
      answer_text: null,
      answer_client_id: null,
      answer_source: null,
      answered_at: null,
      draft_text: null,
      draft_at: null,
      feedback_id: null,
    });
    const questionType = questionTypeOf({ plan: this.state.plan, turns: this.turns }, turn, this.catalogue);
    const total = this.state.plan.length;
    const common = { turnId, index: question.mainIndex, total, text: question.text, kind: question.kind, questionType, topic: question.topic, deadline };
    this.append(
      question.parent
        ? { type: 'followup', parentTurnId: question.parent.id, ...common }
        : { type: 'question', questionId: question.questionId, ...(question.reason ? { reason: question.reason } : {}), ...common },
    );
    this.effects.push({ type: 'arm', turnId, deadline });
  }

  /** Asks main question `index` (1-based) of the plan. */
  askMain(index: number): void {
    const planned = this.state.plan[index - 1];
    if (!planned) throw new Error(`plan of ${this.session.id} has no question ${index}`);
    this.askTurn({ mainIndex: index, parent: null, ...planned });
  }

  /** Realistic pacing held each graded answer's feedback back until the summary. */
  finish(reason: EndReason): void {
    if (!feedbackDuringInterview(this.pacing)) {
      for (const turn of this.turns) {
        if (turn.feedback_id) this.effects.push({ type: 'append-feedback', turnId: turn.id, feedbackId: turn.feedback_id });
      }
    }
    this.effects.push({ type: 'finish', reason, at: this.at });
    this.session = { ...this.session, status: 'ended' };
  }

  /**
   * Ends the interview, unless realistic pacing still grades answers whose feedback belongs with the summary:
   * then the last of those gradings ends it (an end asked for by the candidate is stored for it).
   */
  finishWhenGraded(reason: EndReason, failedTurnId?: string): void {
    if (!feedbackDuringInterview(this.pacing)) {
      const pending = (turnId: string) => turnId !== failedTurnId && !this.state.stalled.has(turnId);
      if (!gradingsSettled(this.turns, pending)) {
        if (reason === 'ended_by_user') this.requestEnd();
        return;
      }
    }
    this.finish(reason);
  }

  /**
   * Realistic pacing: ends an interview that has nothing left to ask once its answers are graded (`failedTurnId`
   * just failed and is retried later). An interview still asking questions is left alone.
   */
  finishIfDone(failedTurnId?: string): void {
    const last = this.turns.at(-1);
    if (!last || last.status === TurnStatus.asked) return;
    this.finishWhenGraded(this.session.end_requested_at !== null ? 'ended_by_user' : 'completed', failedTurnId);
  }

  /**
   * Whether a follow-up may come after `turn`: follow-ups are on and it is a main question. Which one (or
   * none, after a strong answer) is decided when it would be asked; a practice interview offers `next` in
   * either case, so the candidate reads the feedback before anything more happens.
   */
  mayFollowUp(turn: TurnRow): boolean {
    return this.state.options.followUps && turn.parent_turn_id === null;
  }

  /**
   * After a turn closes (or, with realistic pacing, is answered): a follow-up, the next main question, or the
   * end. With practice pacing, a graded answer waits for the candidate's `next` (`requested`) before anything
   * more is asked.
   */
  advance(closedTurn: TurnRow, feedback: GradeResult | undefined, requested = false): void {
    if (this.session.end_requested_at !== null) return this.finishWhenGraded('ended_by_user');
    const hasMore = closedTurn.main_index < this.state.plan.length || this.mayFollowUp(closedTurn);
    if (hasMore && !requested && waitsForNext(this.pacing, closedTurn)) {
      this.append({ type: 'next.ready', turnId: closedTurn.id });
      return;
    }
    const answered = closedTurn.status === TurnStatus.graded || (closedTurn.status === TurnStatus.answered && advancesOnAccept(this.pacing));
    if (this.mayFollowUp(closedTurn) && answered) {
      const record = closedTurn.question_id ? this.catalogue.find(closedTurn.question_id) : undefined;
      const text = pickFollowUp(record?.followUps ?? [], feedback);
      if (text) {
        const { main_index: mainIndex, kind, topic } = closedTurn;
        return this.askTurn({ mainIndex, parent: closedTurn, questionId: null, text, kind, topic });
      }
    }
    if (closedTurn.main_index < this.state.plan.length) return this.askMain(closedTurn.main_index + 1);
    return this.finishWhenGraded('completed');
  }

  /** Realistic pacing asks the next question as soon as an answer is in, without waiting for its grade. */
  moveOnIfRealistic(answered: TurnRow): void {
    if (this.session.status === 'active' && advancesOnAccept(this.pacing)) this.advance(answered, undefined);
  }
}

/** A new interview: the session row, `session.started` and its first question. */
export function startInterview(
  start: {
    sessionId: string;
    userId: string;
    options: StartOptions;
    plan: PlannedQuestion[];
    /** The requirement phrases read from a job description. */
    requirements?: readonly string[] | undefined;
    at: number;
    newTurnId: string;
  },
  catalogue: QuestionCatalogue,
): Transition {
  const { sessionId, userId, options, plan, at } = start;
  const state: SessionState = {
    session: { id: sessionId, user_id: userId, status: 'active', end_requested_at: null },
    options,
    plan,
    turns: [],
    grading: new Set(),
    stalled: new Set(),
  };
  const step = new Step(state, at, catalogue, start.newTurnId);
  step.effects.push({
    type: 'insert-session',
    session: {
      id: sessionId,
      userId,
      // The column predates drills and records the kinds of question asked; the options keep the mode.
      mode: options.mode === 'drill' ? kindsOf(plan) : options.mode,
      options,
      plan,
      startClientId: options.clientId ?? null,
      createdAt: at,
    },
  });
  step.append({
    type: 'session.started',
    sessionId,
    mode: options.mode,
    total: plan.length,
    secondsPerQuestion: options.secondsPerQuestion,
    followUps: options.followUps,
    topics: options.topics ?? [],
    ...(start.requirements ? { requirements: [...start.requirements] } : {}),
    pacing: options.pacing,
  });
  step.askMain(1);
  return step.result();
}

function openTurn(step: Step, turnId: string): TurnRow {
  const turn = step.turn(turnId);
  if (!turn) throw new Error(`turn ${turnId} is not in session ${step.session.id}`);
  if (turn.status !== TurnStatus.asked) throw new ConflictError(CLOSED_MESSAGE);
  return turn;
}

function answer(step: Step, event: Extract<InterviewEvent, { type: 'answer' }>): void {
  const turn = step.turn(event.turnId);
  if (!turn) throw new Error(`turn ${event.turnId} is not in session ${step.session.id}`);
  if (turn.answer_client_id === event.clientId) {
    // A resent answer: stored once, acknowledged again with the original message.
    step.effects.push({ type: 'resend-ack', turnId: turn.id });
    return;
  }
  openTurn(step, event.turnId);
  const text = normalizeAnswer(event.text);
  // First: a recording that cannot be used refuses the answer before anything is written.
  if (event.transcriptionId !== undefined) step.effects.push({ type: 'claim-transcription', turnId: turn.id, transcriptionId: event.transcriptionId });
  step.effects.push({ type: 'write-draft', turnId: turn.id });
  const answered = step.answer(turn.id, text, event.clientId, 'submitted');
  step.effects.push({ type: 'record-client-event', turnId: turn.id, kind: 'answer', at: step.at, text });
  step.append({ type: 'answer.accepted', turnId: turn.id, clientId: event.clientId });
  step.effects.push({ type: 'disarm', turnId: turn.id }, { type: 'grade', turnId: turn.id });
  step.moveOnIfRealistic(answered);
}

function skip(step: Step, turnId: string): void {
  openTurn(step, turnId);
  step.effects.push({ type: 'write-draft', turnId });
  const skipped = step.close(turnId, TurnStatus.skipped);
  step.effects.push({ type: 'record-client-event', turnId, kind: 'skip', at: step.at, text: null });
  step.append({ type: 'turn.skipped', turnId });
  step.effects.push({ type: 'disarm', turnId });
  step.advance(skipped, undefined);
}

function timeUp(step: Step, event: Extract<InterviewEvent, { type: 'time-up' }>): void {
  const turn = step.turn(event.turnId);
  if (step.session.status !== 'active' || !turn || turn.status !== TurnStatus.asked) return;
  // Timers may fire early after a clock adjustment; the stored deadline is the authority.
  if (turn.deadline !== null && step.at < turn.deadline) {
    step.effects.push({ type: 'arm', turnId: turn.id, deadline: turn.deadline });
    return;
  }
  step.effects.push({ type: 'write-draft', turnId: turn.id });
  // Drafts are normalised when they arrive; one saved by an older version is normalised here.
  const draft = sanitizeAnswer(event.pendingDraft ?? turn.draft_text ?? '');
  if (draft !== '') {
    const answered = step.answer(turn.id, draft, null, 'draft_at_time_up');
    step.append({ type: 'time.up', turnId: turn.id, graded: 'draft' });
    step.effects.push({ type: 'grade', turnId: turn.id });
    step.moveOnIfRealistic(answered);
    return;
  }
  const missed = step.close(turn.id, TurnStatus.unanswered);
  step.append({ type: 'time.up', turnId: turn.id, graded: 'none' });
  step.advance(missed, undefined);
}

function next(step: Step, feedback: GradeResult | undefined): void {
  if (step.session.status === 'ended') throw new ConflictError('this interview has ended');
  if (advancesOnAccept(step.pacing)) {
    throw new ConflictError('this interview moves on by itself: realistic pacing asks the next question once an answer is in');
  }
  const latest = step.turns.at(-1);
  if (!latest || latest.status === TurnStatus.asked) throw new ConflictError('answer or skip the current question first');
  if (latest.status === TurnStatus.answered) throw new ConflictError('this answer is still being graded; its feedback comes first');
  step.advance(latest, feedback, true);
}

function end(step: Step): void {
  if (step.session.status === 'ended') return;
  const latest = step.turns.at(-1);
  // Realistic pacing waits for every answer's grade, whichever turn it was (see finishWhenGraded).
  if (!advancesOnAccept(step.pacing) && latest?.status === TurnStatus.answered && step.state.grading.has(latest.id)) {
    // Let the answer being graded get its feedback first; the session ends right after it (also after a
    // restart: the request is stored).
    step.requestEnd();
    return;
  }
  for (const turn of step.turns) {
    if (turn.status !== TurnStatus.asked) continue;
    step.effects.push({ type: 'write-draft', turnId: turn.id });
    step.close(turn.id, TurnStatus.unanswered);
    step.effects.push({ type: 'disarm', turnId: turn.id });
  }
  step.finishWhenGraded('ended_by_user');
}

function gradingFinished(step: Step, turnId: string, feedback: Feedback): void {
  if (step.turn(turnId)?.status !== TurnStatus.answered) return;
  step.effects.push({ type: 'grade-turn', turnId, feedbackId: feedback.id });
  const graded = step.update(turnId, { status: TurnStatus.graded, feedback_id: feedback.id });
  // Realistic pacing holds feedback back for the summary; once the interview is over, a late grade is sent.
  if (step.session.status === 'ended' || feedbackDuringInterview(step.pacing)) {
    step.effects.push({ type: 'append-feedback', turnId, feedbackId: feedback.id });
  }
  if (step.session.status !== 'active') return;
  if (advancesOnAccept(step.pacing)) step.finishIfDone();
  // A late grade (after a failure moved the interview on, or after a restart) only adds its feedback.
  else if (step.isLatest(turnId)) step.advance(graded, feedback);
}

function gradingFailed(step: Step, turnId: string): void {
  const turn = step.turn(turnId);
  if (step.session.status !== 'active' || !turn) return;
  // The interview moved on when the answer was accepted; only a summary held back for it is due.
  if (advancesOnAccept(step.pacing)) step.finishIfDone(turnId);
  else if (step.isLatest(turnId)) step.advance(turn, undefined);
}

/** The interview's answer to one event. Throws a ConflictError for a request the state refuses. */
export function transition(state: SessionState, event: InterviewEvent, catalogue: QuestionCatalogue): Transition {
  const step = new Step(state, event.at, catalogue, event.type === 'end' ? undefined : event.newTurnId);
  switch (event.type) {
    case 'answer':
      answer(step, event);
      break;
    case 'skip':
      skip(step, event.turnId);
      break;
    case 'time-up':
      timeUp(step, event);
      break;
    case 'next':
      next(step, event.feedback);
      break;
    case 'end':
      end(step);
      break;
    case 'grading.finished':
      gradingFinished(step, event.turnId, event.feedback);
      break;
    case 'grading.failed':
      gradingFailed(step, event.turnId);
      break;
  }
  return step.result();
}

/**
 * At start-up, what a turn left pending by the last run needs: an open question of an active interview gets
 * its deadline timer again (firing at once when overdue), and an acknowledged answer is graded, also in an
 * ended interview.
 */
export function recoveryEffects(session: Pick<SessionRow, 'status'>, turn: TurnRow): Effect[] {
  if (turn.status === TurnStatus.asked && turn.deadline !== null && session.status === 'active') {
    return [{ type: 'arm', turnId: turn.id, deadline: turn.deadline }];
  }
  if (turn.status === TurnStatus.answered) return [{ type: 'grade', turnId: turn.id }];
  return [];
}
