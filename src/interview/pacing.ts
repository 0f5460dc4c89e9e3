import type { Pacing } from '../contracts/protocol.js';
import { TurnStatus } from '../contracts/turn-status.js';
import type { TurnRow } from './session-repository.js';

/*
 * Pacing decides when an interview moves on (README, "Pacing"):
 * - practice: a graded answer's feedback is shown and the interview waits for the candidate's `next`; the
 *   next question's deadline starts then, not while the feedback is read. A skipped or timed-out question
 *   has no feedback to read, so the interview moves on at once.
 * - realistic: the next question follows as soon as an answer is accepted; feedback is held back and sent
 *   with the summary, once every answer is graded.
 * Nothing here is stored apart from the option: whether a practice session waits for `next` and whether a
 * realistic one waits for its gradings both follow from its turns, so both survive a restart.
 */

/** Whether closing `turn` waits for the candidate's `next` before another question is asked. */
export function waitsForNext(pacing: Pacing, turn: Pick<TurnRow, 'status'>): boolean {
  return pacing === 'practice' && turn.status === TurnStatus.graded;
}

/** Whether the interview moves on when an answer is accepted, rather than when it is graded. */
export const advancesOnAccept = (pacing: Pacing): boolean => pacing === 'realistic';

/** Whether a turn's feedback goes out as soon as it is graded (else with the summary). */
export const feedbackDuringInterview = (pacing: Pacing): boolean => pacing === 'practice';

/**
 * A realistic interview with nothing left to ask has finished once no question is open and no answer is
 * waiting for its grade: `pending` tells which answered turns are still to be graded (one whose grading
 * failed and is retried later does not hold the summary up).
 */
export function gradingsSettled(turns: readonly TurnRow[], pending: (turnId: string) => boolean): boolean {
  return !turns.some((turn) => turn.status === TurnStatus.asked || (turn.status === TurnStatus.answered && pending(turn.id)));
}
