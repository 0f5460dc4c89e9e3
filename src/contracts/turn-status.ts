import { z } from 'zod';

/*
 * Where a turn (one question asked in an interview) stands. The one list of them: the store, the interview's
 * state machine, its pacing and summary, the history API and the browser all take them from here.
 * - asked: open, waiting for an answer until its deadline;
 * - answered: an answer is stored and waits for its grade (after a crash, it is graded at the next start);
 * - graded: its feedback is stored;
 * - skipped: the candidate skipped it;
 * - unanswered: the time ran out with nothing typed.
 * A leaf module (zod only).
 */
export const TurnStatusSchema = z.enum(['asked', 'answered', 'graded', 'skipped', 'unanswered']);
export type TurnStatus = z.infer<typeof TurnStatusSchema>;
/** The statuses by name, so code spells `TurnStatus.graded` rather than a loose string. */
export const TurnStatus = TurnStatusSchema.enum;

/** The statuses a closed turn without an answer has: they count as missed. */
export const MISSED_TURN_STATUSES = [TurnStatus.skipped, TurnStatus.unanswered] as const;
