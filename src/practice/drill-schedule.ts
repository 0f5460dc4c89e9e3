/*
 * The drill's spaced-repetition schedule: Leitner boxes, replayed from a question's attempts in order.
 * Every question the candidate has met in an interview sits in one of five boxes; each box has a
 * waiting time before the question is due again. A good answer moves the question up one box (it comes
 * back later), a middling one keeps it where it is, and a poor, skipped or unanswered one sends it back
 * to box 1 (it comes back soon). The rules are data so the README can print them as they are.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Waiting time after the latest attempt, by box (index 0 is box 1). */
export const BOX_INTERVALS_MS = [10 * MINUTE, 1 * DAY, 3 * DAY, 7 * DAY, 21 * DAY] as const;
export const BOX_COUNT = BOX_INTERVALS_MS.length;
/** An overall at or above this moves the question up a box. */
export const PROMOTE_AT = 4;
/** An overall below this (or a skipped or unanswered question) sends it back to box 1. */
export const DEMOTE_BELOW = 3;

/** One attempt at a question: its overall score, or null when it was skipped or left unanswered. */
export interface Attempt {
  questionId: string;
  at: number;
  overall: number | null;
}

export interface ScheduledQuestion {
  questionId: string;
  /** 1..BOX_COUNT */
  box: number;
  lastAt: number;
  lastOverall: number | null;
  attempts: number;
  /** Epoch ms from which the question is due again. */
  dueAt: number;
}

/** The box after an attempt; a question never seen before counts as sitting in box 1. */
export function nextBox(box: number | undefined, overall: number | null): number {
  const current = box ?? 1;
  if (overall === null || overall < DEMOTE_BELOW) return 1;
  if (overall >= PROMOTE_AT) return Math.min(current + 1, BOX_COUNT);
  return current;
}

export function intervalOf(box: number): number {
  return BOX_INTERVALS_MS[Math.min(Math.max(box, 1), BOX_COUNT) - 1] ?? BOX_INTERVALS_MS[0];
}

/** Replays every question's attempts in time order into its current box and due time. */
export function schedule(attempts: readonly Attempt[]): Map<string, ScheduledQuestion> {
  const byQuestion = new Map<string, ScheduledQuestion>();
  const ordered = [...attempts].sort((a, b) => a.at - b.at);
  for (const attempt of ordered) {
    const previous = byQuestion.get(attempt.questionId);
    const box = nextBox(previous?.box, attempt.overall);
    byQuestion.set(attempt.questionId, {
      questionId: attempt.questionId,
      box,
      lastAt: attempt.at,
      lastOverall: attempt.overall,
      attempts: (previous?.attempts ?? 0) + 1,
      dueAt: attempt.at + intervalOf(box),
    });
  }
  return byQuestion;
}
