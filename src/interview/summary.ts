import type { Feedback } from '../contracts/feedback-schema.js';
import { RUBRIC_LABELS, type RubricId } from '../contracts/rubric-schema.js';
import { getRubric, meanScore, roundScore } from '../grading/rubrics.js';
import type { SessionEvent } from '../contracts/protocol.js';
import { MISSED_TURN_STATUSES, TurnStatus } from '../contracts/turn-status.js';
import type { TurnRow } from './session-repository.js';

type Summary = Extract<SessionEvent, { type: 'session.summary' }>;

/** The score a skipped or unanswered question counts as, on every dimension of its rubric. */
export const MISSED_SCORE = 1;

/** A "strongest answer" is only named among at least this many answers: one answer is not the strongest of anything. */
export const MIN_ANSWERS_FOR_STRONGEST = 2;

/**
 * Scores per dimension, strongest and weakest answers, and the topics and skills to practise next.
 * A skipped or unanswered question counts as MISSED_SCORE on every dimension of its rubric (`rubricOf`), in
 * the dimension averages and in the overall: skipping a hard question must never raise the score. An answer
 * still waiting for its grade counts neither way.
 */
export function summarise(
  sessionId: string,
  turns: readonly TurnRow[],
  graded: ReadonlyArray<{ turn: TurnRow; feedback: Feedback }>,
  rubricOf: (turn: TurnRow) => RubricId,
): Summary {
  const missed = turns.filter((turn) => MISSED_TURN_STATUSES.some((status) => status === turn.status));
  const scored = [
    ...graded.map(({ feedback }) => ({ rubric: feedback.rubric, dimensions: feedback.dimensions, overall: feedback.overall })),
    ...missed.map((turn) => {
      const rubric = getRubric(rubricOf(turn));
      return {
        rubric: rubric.id,
        dimensions: rubric.dimensions.map((dimension) => ({ key: dimension.key, label: dimension.label, score: MISSED_SCORE })),
        overall: MISSED_SCORE,
      };
    }),
  ];

  const byDimension = new Map<string, { rubric: RubricId; key: string; label: string; total: number; count: number }>();
  for (const entry of scored) {
    for (const dimension of entry.dimensions) {
      const id = `${entry.rubric}:${dimension.key}`;
      const total = byDimension.get(id) ?? { rubric: entry.rubric, key: dimension.key, label: dimension.label, total: 0, count: 0 };
      total.total += dimension.score;
      total.count += 1;
      byDimension.set(id, total);
    }
  }
  const order = (rubric: RubricId, key: string) => getRubric(rubric).dimensions.findIndex((d) => d.key === key);
  const dimensions = [...byDimension.values()]
    .map(({ total, ...entry }) => ({ ...entry, average: roundScore(total / entry.count) }))
    .sort((a, b) => a.rubric.localeCompare(b.rubric) || order(a.rubric, a.key) - order(b.rubric, b.key));

  const highlights = graded
    .map(({ turn, feedback }) => ({ turnId: turn.id, question: turn.question_text, topic: turn.topic, overall: feedback.overall }))
    .sort((a, b) => b.overall - a.overall);
  const enough = highlights.length >= MIN_ANSWERS_FOR_STRONGEST;
  const strongest = enough ? (highlights[0] ?? null) : null;
  const weakest = enough ? (highlights[highlights.length - 1] ?? null) : null;

  const weakTopics = highlights.filter((entry) => entry.overall < 3.5).map((entry) => entry.topic);
  const missedTopics = missed.map((turn) => turn.topic);
  const weakSkills = dimensions
    .filter((dimension) => dimension.average < 3)
    .sort((a, b) => a.average - b.average)
    .slice(0, 2)
    .map((dimension) => `${dimension.label} (${RUBRIC_LABELS[dimension.rubric]} answers)`);
  const practiseNext = [...new Set([...weakTopics.reverse(), ...missedTopics, ...weakSkills])].slice(0, 5);

  const overall = scored.length > 0 ? meanScore(scored.map((entry) => entry.overall)) : null;
  return {
    type: 'session.summary',
    sessionId,
    overall,
    answered: graded.length,
    skipped: turns.filter((turn) => turn.status === TurnStatus.skipped).length,
    unanswered: turns.filter((turn) => turn.status === TurnStatus.unanswered).length,
    dimensions,
    strongest,
    weakest,
    practiseNext,
  };
}
