import { describe, expect, it } from 'vitest';
import { FeedbackSchema, type Feedback } from '../../src/contracts/feedback-schema.js';
import type { StartOptions } from '../../src/contracts/protocol.js';
import { TurnStatus } from '../../src/contracts/turn-status.js';
import { ConflictError, ValidationError } from '../../src/errors.js';
import type { PlannedQuestion, TurnRow } from '../../src/interview/session-repository.js';
import {
  recoveryEffects,
  startInterview,
  transition,
  type Effect,
  type QuestionCatalogue,
  type SessionState,
} from '../../src/interview/transitions.js';

/*
 * The interview state machine as plain function calls: no database, socket, clock or timer. Each test builds a
 * session state by hand, applies one event and reads the new state and the effects.
 */

const AT = 1_000_000;
const FOLLOW_UP = 'How would you detect it in a model you already shipped?';

const plan: PlannedQuestion[] = [
  { questionId: 'q1', text: 'What is overfitting?', kind: 'technical', topic: 'ml' },
  { questionId: 'q2', text: 'Explain dropout.', kind: 'technical', topic: 'deep-learning' },
];

const catalogue: QuestionCatalogue = {
  find: (questionId) =>
    questionId === 'q1' ? { type: 'explanation', followUps: [FOLLOW_UP] } : questionId === 'q2' ? { type: 'explanation', followUps: [] } : undefined,
};

function options(overrides: Partial<StartOptions> = {}): StartOptions {
  return { mode: 'technical', count: 2, secondsPerQuestion: 60, followUps: false, pacing: 'practice', ...overrides };
}

function turn(overrides: Partial<TurnRow> & Pick<TurnRow, 'id'>): TurnRow {
  return {
    session_id: 's1',
    position: 1,
    main_index: 1,
    parent_turn_id: null,
    question_id: 'q1',
    question_text: 'What is overfitting?',
    kind: 'technical',
    topic: 'ml',
    status: TurnStatus.asked,
    asked_at: AT - 60_000,
    deadline: AT,
    answer_text: null,
    answer_client_id: null,
    answer_source: null,
    answered_at: null,
    draft_text: null,
    draft_at: null,
    feedback_id: null,
    ...overrides,
  };
}

function state(turns: TurnRow[], overrides: Partial<SessionState> & { pacing?: StartOptions['pacing']; followUps?: boolean } = {}): SessionState {
  const { pacing, followUps, ...rest } = overrides;
  return {
    session: { id: 's1', user_id: 'u1', status: 'active', end_requested_at: null },
    options: options({ ...(pacing ? { pacing } : {}), ...(followUps === undefined ? {} : { followUps }) }),
    plan,
    turns,
    grading: new Set(),
    stalled: new Set(),
    ...rest,
  };
}

function feedback(id: string, overall: number): Feedback {
  return FeedbackSchema.parse({
    id,
    questionId: 'q1',
    question: 'What is overfitting?',
    createdAt: '2026-11-26T00:00:00.000Z',
    disputes: [],
    rubric: 'technical',
    overall,
    dimensions: ['coverage', 'depth', 'correctness', 'clarity'].map((key) => ({ key, label: key, score: overall, rationale: 'fixture' })),
    strengths: [],
    improvements: [],
    missingPoints: [],
    grader: { kind: 'offline', rubricVersion: 'test', promptVersion: 'test' },
  });
}

const types = (effects: Effect[]) => effects.map((effect) => (effect.type === 'append' ? `append ${effect.event.type}` : effect.type));

describe('interview transitions', () => {
  it('a new interview inserts the session, announces it and asks its first question with a deadline counted from the start', () => {
    const { state: started, effects } = startInterview({ sessionId: 's1', userId: 'u1', options: options(), plan, at: AT, newTurnId: 't1' }, catalogue);
    expect(types(effects)).toEqual(['insert-session', 'append session.started', 'insert-turn', 'append question', 'arm']);
    expect(effects).toContainEqual({ type: 'arm', turnId: 't1', deadline: AT + 60_000 });
    expect(effects).toContainEqual(expect.objectContaining({ type: 'append', event: expect.objectContaining({ type: 'question', questionType: 'explanation', index: 1, total: 2 }) }));
    expect(started.turns.map((t) => [t.id, t.status, t.position])).toEqual([['t1', TurnStatus.asked, 1]]);
  });

  it('a time-up with an empty draft marks the turn unanswered and, with nothing to read, asks the next question at once in practice pacing', () => {
    const { state: after, effects } = transition(state([turn({ id: 't1' })]), { type: 'time-up', at: AT, turnId: 't1', newTurnId: 't2' }, catalogue);
    expect(types(effects)).toEqual(['write-draft', 'close-turn', 'append time.up', 'insert-turn', 'append question', 'arm']);
    expect(effects).toContainEqual({ type: 'close-turn', turnId: 't1', status: TurnStatus.unanswered, at: AT });
    expect(effects).toContainEqual({ type: 'append', event: { type: 'time.up', turnId: 't1', graded: 'none' } });
    expect(after.turns.map((t) => t.status)).toEqual([TurnStatus.unanswered, TurnStatus.asked]);
  });

  it('a time-up grades the draft typed so far, preferring the one still held in memory over the stored one', () => {
    const { state: after, effects } = transition(
      state([turn({ id: 't1', draft_text: 'an older draft' })]),
      { type: 'time-up', at: AT, turnId: 't1', pendingDraft: 'the latest draft', newTurnId: 't2' },
      catalogue,
    );
    expect(types(effects)).toEqual(['write-draft', 'answer-turn', 'append time.up', 'grade']);
    expect(effects).toContainEqual({ type: 'answer-turn', turnId: 't1', text: 'the latest draft', clientId: null, source: 'draft_at_time_up', at: AT });
    expect(after.turns[0]?.status).toBe(TurnStatus.answered);
  });

  it('a deadline timer that fires before the stored deadline only arms it again', () => {
    const { effects } = transition(state([turn({ id: 't1' })]), { type: 'time-up', at: AT - 5, turnId: 't1', newTurnId: 't2' }, catalogue);
    expect(effects).toEqual([{ type: 'arm', turnId: 't1', deadline: AT }]);
  });

  it('a time-up for a turn that is already closed, or in an ended interview, does nothing', () => {
    const answered = state([turn({ id: 't1', status: TurnStatus.answered })]);
    expect(transition(answered, { type: 'time-up', at: AT, turnId: 't1', newTurnId: 't2' }, catalogue).effects).toEqual([]);
    const ended = state([turn({ id: 't1' })], { session: { id: 's1', user_id: 'u1', status: 'ended', end_requested_at: null } });
    expect(transition(ended, { type: 'time-up', at: AT, turnId: 't1', newTurnId: 't2' }, catalogue).effects).toEqual([]);
  });

  it('an accepted answer writes the draft first, stores and acknowledges the answer, stops its timer and grades it; practice pacing waits for the grade', () => {
    const { effects } = transition(state([turn({ id: 't1' })]), { type: 'answer', at: AT - 1, turnId: 't1', clientId: 'c1', text: '  Overfitting is memorising noise.  ', newTurnId: 't2' }, catalogue);
    expect(types(effects)).toEqual(['write-draft', 'answer-turn', 'record-client-event', 'append answer.accepted', 'disarm', 'grade']);
    expect(effects).toContainEqual(expect.objectContaining({ type: 'answer-turn', text: 'Overfitting is memorising noise.', source: 'submitted' }));
  });

  it('realistic pacing asks the next question as soon as an answer is accepted', () => {
    const { effects } = transition(
      state([turn({ id: 't1' })], { pacing: 'realistic' }),
      { type: 'answer', at: AT - 1, turnId: 't1', clientId: 'c1', text: 'An answer.', newTurnId: 't2' },
      catalogue,
    );
    expect(types(effects)).toEqual(['write-draft', 'answer-turn', 'record-client-event', 'append answer.accepted', 'disarm', 'grade', 'insert-turn', 'append question', 'arm']);
  });

  it('an answer naming a recording claims it before anything is written, so a used recording refuses the answer whole', () => {
    const { effects } = transition(
      state([turn({ id: 't1' })]),
      { type: 'answer', at: AT - 1, turnId: 't1', clientId: 'c1', text: 'Spoken.', transcriptionId: 'tr1', newTurnId: 't2' },
      catalogue,
    );
    expect(effects[0]).toEqual({ type: 'claim-transcription', turnId: 't1', transcriptionId: 'tr1' });
  });

  it('a resent answer with the same client id only sends its acknowledgement again', () => {
    const resent = state([turn({ id: 't1', status: TurnStatus.graded, answer_client_id: 'c1', feedback_id: 'f1' })]);
    const { state: after, effects } = transition(resent, { type: 'answer', at: AT, turnId: 't1', clientId: 'c1', text: 'Again.', newTurnId: 't2' }, catalogue);
    expect(effects).toEqual([{ type: 'resend-ack', turnId: 't1' }]);
    expect(after.turns).toEqual(resent.turns);
  });

  it('refuses an answer or a skip for a turn that already timed out, before any effect', () => {
    const closed = state([turn({ id: 't1', status: TurnStatus.unanswered })]);
    expect(() => transition(closed, { type: 'answer', at: AT, turnId: 't1', clientId: 'c2', text: 'Late.', newTurnId: 't2' }, catalogue)).toThrow(ConflictError);
    expect(() => transition(closed, { type: 'skip', at: AT, turnId: 't1', newTurnId: 't2' }, catalogue)).toThrow(ConflictError);
  });

  it('refuses an empty answer with a validation error', () => {
    expect(() => transition(state([turn({ id: 't1' })]), { type: 'answer', at: AT, turnId: 't1', clientId: 'c1', text: '   ', newTurnId: 't2' }, catalogue)).toThrow(
      ValidationError,
    );
  });

  it('skipping the last question closes it, records the skip and finishes the interview with its summary', () => {
    const first = turn({ id: 't1', status: TurnStatus.graded, feedback_id: 'f1' });
    const last = turn({ id: 't2', position: 2, main_index: 2, question_id: 'q2', question_text: 'Explain dropout.' });
    const { state: after, effects } = transition(state([first, last]), { type: 'skip', at: AT, turnId: 't2', newTurnId: 't3' }, catalogue);
    expect(types(effects)).toEqual(['write-draft', 'close-turn', 'record-client-event', 'append turn.skipped', 'disarm', 'finish']);
    expect(effects).toContainEqual({ type: 'finish', reason: 'completed', at: AT });
    expect(after.session.status).toBe('ended');
    expect(after.turns[1]?.status).toBe(TurnStatus.skipped);
  });

  it('in practice pacing a graded answer sends its feedback and offers next while questions remain', () => {
    const { state: after, effects } = transition(
      state([turn({ id: 't1', status: TurnStatus.answered, answer_text: 'An answer.' })]),
      { type: 'grading.finished', at: AT, turnId: 't1', feedback: feedback('f1', 4), newTurnId: 't2' },
      catalogue,
    );
    expect(types(effects)).toEqual(['grade-turn', 'append-feedback', 'append next.ready']);
    expect(after.turns[0]).toMatchObject({ status: TurnStatus.graded, feedback_id: 'f1' });
  });

  it('next after a graded main question asks its corpus follow-up when follow-ups are on, with the deadline counted from now', () => {
    const graded = state([turn({ id: 't1', status: TurnStatus.graded, feedback_id: 'f1' })], { followUps: true });
    const { effects } = transition(graded, { type: 'next', at: AT + 30_000, feedback: feedback('f1', 4), newTurnId: 't2' }, catalogue);
    expect(types(effects)).toEqual(['insert-turn', 'append followup', 'arm']);
    expect(effects).toContainEqual({ type: 'arm', turnId: 't2', deadline: AT + 90_000 });
    expect(effects).toContainEqual(expect.objectContaining({ event: expect.objectContaining({ type: 'followup', parentTurnId: 't1', text: FOLLOW_UP, questionType: 'explanation' }) }));
  });

  it('next is refused while the latest answer is still being graded, and in realistic pacing', () => {
    const grading = state([turn({ id: 't1', status: TurnStatus.answered })]);
    expect(() => transition(grading, { type: 'next', at: AT, newTurnId: 't2' }, catalogue)).toThrow(/still being graded/);
    const realistic = state([turn({ id: 't1', status: TurnStatus.graded, feedback_id: 'f1' })], { pacing: 'realistic' });
    expect(() => transition(realistic, { type: 'next', at: AT, newTurnId: 't2' }, catalogue)).toThrow(/moves on by itself/);
  });

  it('realistic pacing holds feedback back, and the last grade ends the interview with every feedback before the summary', () => {
    const turns = [
      turn({ id: 't1', status: TurnStatus.graded, feedback_id: 'f1' }),
      turn({ id: 't2', position: 2, main_index: 2, question_id: 'q2', status: TurnStatus.answered, answer_text: 'An answer.' }),
    ];
    const { effects } = transition(state(turns, { pacing: 'realistic' }), { type: 'grading.finished', at: AT, turnId: 't2', feedback: feedback('f2', 3), newTurnId: 't3' }, catalogue);
    expect(effects).toEqual([
      { type: 'grade-turn', turnId: 't2', feedbackId: 'f2' },
      { type: 'append-feedback', turnId: 't1', feedbackId: 'f1' },
      { type: 'append-feedback', turnId: 't2', feedbackId: 'f2' },
      { type: 'finish', reason: 'completed', at: AT },
    ]);
  });

  it('realistic pacing does not hold the summary back for an answer whose grading failed and is retried later', () => {
    const turns = [
      turn({ id: 't1', status: TurnStatus.answered, answer_text: 'One.' }),
      turn({ id: 't2', position: 2, main_index: 2, question_id: 'q2', status: TurnStatus.answered, answer_text: 'Two.' }),
    ];
    const waiting = transition(state(turns, { pacing: 'realistic' }), { type: 'grading.failed', at: AT, turnId: 't2', newTurnId: 't3' }, catalogue);
    expect(waiting.effects).toEqual([]);
    const stalled = transition(state(turns, { pacing: 'realistic', stalled: new Set(['t1']) }), { type: 'grading.failed', at: AT, turnId: 't2', newTurnId: 't3' }, catalogue);
    expect(types(stalled.effects)).toEqual(['finish']);
  });

  it('a failed grading in practice pacing moves the interview on without feedback', () => {
    const { effects } = transition(
      state([turn({ id: 't1', status: TurnStatus.answered, answer_text: 'An answer.' })]),
      { type: 'grading.failed', at: AT, turnId: 't1', newTurnId: 't2' },
      catalogue,
    );
    expect(types(effects)).toEqual(['insert-turn', 'append question', 'arm']);
  });

  it('a grade that arrives after the interview ended only adds its feedback', () => {
    const ended = state([turn({ id: 't1', status: TurnStatus.answered, answer_text: 'An answer.' })], {
      pacing: 'realistic',
      session: { id: 's1', user_id: 'u1', status: 'ended', end_requested_at: null },
    });
    const { effects } = transition(ended, { type: 'grading.finished', at: AT, turnId: 't1', feedback: feedback('f1', 4), newTurnId: 't2' }, catalogue);
    expect(effects).toEqual([
      { type: 'grade-turn', turnId: 't1', feedbackId: 'f1' },
      { type: 'append-feedback', turnId: 't1', feedbackId: 'f1' },
    ]);
  });

  it('ending in practice pacing closes every open turn as unanswered, writing its draft first, and finishes', () => {
    const { state: after, effects } = transition(state([turn({ id: 't1' })]), { type: 'end', at: AT - 10 }, catalogue);
    expect(types(effects)).toEqual(['write-draft', 'close-turn', 'disarm', 'finish']);
    expect(effects).toContainEqual({ type: 'finish', reason: 'ended_by_user', at: AT - 10 });
    expect(after.session.status).toBe('ended');
  });

  it('ending while realistic pacing grades the latest answer stores the request, and that grade then ends the interview', () => {
    const answered = turn({ id: 't1', status: TurnStatus.answered, answer_text: 'An answer.' });
    const asked = turn({ id: 't2', position: 2, main_index: 2, question_id: 'q2' });
    const grading = state([answered], { pacing: 'realistic', grading: new Set(['t1']) });
    const requested = transition(grading, { type: 'end', at: AT }, catalogue);
    expect(requested.effects).toEqual([{ type: 'request-end', at: AT }]);
    expect(requested.state.session.end_requested_at).toBe(AT);
    const { effects } = transition(
      { ...requested.state, turns: [answered, { ...asked, status: TurnStatus.unanswered }] },
      { type: 'grading.finished', at: AT + 1, turnId: 't1', feedback: feedback('f1', 4), newTurnId: 't3' },
      catalogue,
    );
    expect(effects.at(-1)).toEqual({ type: 'finish', reason: 'ended_by_user', at: AT + 1 });
  });

  it('an ended interview ignores a second end', () => {
    const ended = state([turn({ id: 't1', status: TurnStatus.skipped })], { session: { id: 's1', user_id: 'u1', status: 'ended', end_requested_at: null } });
    expect(transition(ended, { type: 'end', at: AT }, catalogue).effects).toEqual([]);
  });

  it('recovery arms the open question of an active interview and grades an acknowledged answer, also in an ended one', () => {
    const open = turn({ id: 't1' });
    expect(recoveryEffects({ status: 'active' }, open)).toEqual([{ type: 'arm', turnId: 't1', deadline: AT }]);
    expect(recoveryEffects({ status: 'ended' }, open)).toEqual([]);
    expect(recoveryEffects({ status: 'ended' }, turn({ id: 't2', status: TurnStatus.answered }))).toEqual([{ type: 'grade', turnId: 't2' }]);
  });

  it('leaves the state it was given unchanged', () => {
    const before = state([turn({ id: 't1' })]);
    const snapshot = structuredClone({ session: before.session, turns: before.turns });
    transition(before, { type: 'time-up', at: AT, turnId: 't1', newTurnId: 't2' }, catalogue);
    expect({ session: before.session, turns: before.turns }).toEqual(snapshot);
  });
});
