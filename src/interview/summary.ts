import type { Feedback } from '../grading/feedback-schema.js';
import { RUBRIC_LABELS, type RubricId } from '../grading/rubric-schema.js';
import { getRubric, meanScore, roundScore } from '../grading/rubrics.js';
import type { SessionEvent } from './protocol.js';
import type { TurnRow } from './session-repository.js';

type Summary = Extract<SessionEvent, { type: 'session.summary' }>;

/** Scores per dimension, strongest and weakest answers, and the topics and skills to practise next. */
export function summarise(
  sessionId: string,
  turns: readonly TurnRow[],
  graded: ReadonlyArray<{ turn: TurnRow; feedback: Feedback }>,
): Summary {
  const byDimension = new Map<string, { rubric: RubricId; key: string; label: string; total: number; count: number }>();
  for (const { feedback } of graded) {
    for (const dimension of feedback.dimensions) {
      const id = `${feedback.rubric}:${dimension.key}`;
      const entry = byDimension.get(id) ?? { rubric: feedback.rubric, key: dimension.key, label: dimension.label, total: 0, count: 0 };
      entry.total += dimension.score;
      entry.count += 1;
      byDimension.set(id, entry);
    }
  }
  const order = (rubric: RubricId, key: string) => getRubric(rubric).dimensions.findIndex((d) => d.key === key);
  const dimensions = [...byDimension.values()]
    .map(({ total, ...entry }) => ({ ...entry, average: roundScore(total / entry.count) }))
    .sort((a, b) => a.rubric.localeCompare(b.rubric) || order(a.rubric, a.key) - order(b.rubric, b.key));

  const highlights = graded
    .map(({ turn, feedback }) => ({ turnId: turn.id, question: turn.question_text, topic: turn.topic, overall: feedback.overall }))
    .sort((a, b) => b.overall - a.overall);
  const strongest = highlights[0] ?? null;
  const weakest = highlights.length > 1 ? (highlights[highlights.length - 1] ?? null) : null;

  const weakTopics = highlights.filter((entry) => entry.overall < 3.5).map((entry) => entry.topic);
  const missedTopics = turns.filter((turn) => turn.status === 'unanswered' || turn.status === 'skipped').map((turn) => turn.topic);
  const weakSkills = dimensions
    .filter((dimension) => dimension.average < 3)
    .sort((a, b) => a.average - b.average)
    .slice(0, 2)
    .map((dimension) => `${dimension.label} (${RUBRIC_LABELS[dimension.rubric]} answers)`);
  const practiseNext = [...new Set([...weakTopics.reverse(), ...missedTopics, ...weakSkills])].slice(0, 5);

  const overall = graded.length > 0 ? meanScore(graded.map((entry) => entry.feedback.overall)) : null;
  return {
    type: 'session.summary',
    sessionId,
    overall,
    answered: graded.length,
    skipped: turns.filter((turn) => turn.status === 'skipped').length,
    unanswered: turns.filter((turn) => turn.status === 'unanswered').length,
    dimensions,
    strongest,
    weakest,
    practiseNext,
  };
}
