import { subjectTerms } from '../corpus/related-questions.js';
import type { QuestionKind } from '../contracts/question-schema.js';
import { RUBRIC_FOR_TYPE, RUBRIC_LABELS, type RubricId } from '../contracts/rubric-schema.js';
import type { QuestionType } from '../contracts/question-type.js';
import { BOX_COUNT, schedule, type Attempt, type ScheduledQuestion } from './drill-schedule.js';
import { COVER_MIN } from './job-description.js';
import type { GradedAttempt } from './practice-repository.js';
import type { TermIndex } from './term-relevance.js';

/*
 * Picks a drill: first the questions the schedule says are due (lowest box first: the worst answers come
 * back first), then questions never asked that exercise what the candidate keeps missing (the key points
 * missed in recent answers, the rubric dimensions with the lowest averages), then, when that is still
 * not enough, the reviewed questions due soonest.
 */

/** Recent graded answers the weaknesses are read from. */
const RECENT_ANSWERS = 50;
/** A dimension whose recent average is below this is a weakness worth drilling. */
const WEAK_DIMENSION_BELOW = 3.5;
const MAX_WEAK_DIMENSIONS = 3;

export interface DrillCandidate {
  id: string;
  kind: QuestionKind;
  type: QuestionType;
  topic: string;
  text: string;
}

export interface DrillPick<T> {
  item: T;
  reason: string;
}

interface WeakDimension {
  rubric: RubricId;
  key: string;
  label: string;
  average: number;
}

function weakDimensions(recent: readonly GradedAttempt[]): WeakDimension[] {
  const totals = new Map<string, WeakDimension & { total: number; count: number }>();
  for (const answer of recent) {
    for (const dimension of answer.dimensions) {
      const id = `${answer.rubric}:${dimension.key}`;
      const entry = totals.get(id) ?? { rubric: answer.rubric, key: dimension.key, label: dimension.label, average: 0, total: 0, count: 0 };
      entry.total += dimension.score;
      entry.count += 1;
      totals.set(id, entry);
    }
  }
  return [...totals.values()]
    .map(({ rubric, key, label, total, count }) => ({ rubric, key, label, average: total / count }))
    .filter((dimension) => dimension.average < WEAK_DIMENSION_BELOW)
    .sort((a, b) => a.average - b.average)
    .slice(0, MAX_WEAK_DIMENSIONS);
}

function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${Math.max(minutes, 1)} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

function dueReason(entry: ScheduledQuestion, now: number): string {
  const last = entry.lastOverall === null ? 'skipped or left unanswered' : `scored ${entry.lastOverall.toFixed(1)}`;
  return `Due for review: ${last} ${ago(now - entry.lastAt)} (box ${entry.box} of ${BOX_COUNT})`;
}

export function planDrill<T extends DrillCandidate>(input: {
  candidates: readonly T[];
  graded: readonly GradedAttempt[];
  attempts: readonly Attempt[];
  index: TermIndex;
  now: number;
  count: number;
}): Array<DrillPick<T>> {
  const { candidates, graded, index, now, count } = input;
  const boxes = schedule(input.attempts);
  const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  const picks: Array<DrillPick<T>> = [];

  const reviewed = [...boxes.values()].filter((entry) => byId.has(entry.questionId));
  const due = reviewed
    .filter((entry) => entry.dueAt <= now)
    .sort((a, b) => a.box - b.box || (a.lastOverall ?? 0) - (b.lastOverall ?? 0) || a.dueAt - b.dueAt);
  for (const entry of due) {
    const item = byId.get(entry.questionId);
    if (item && picks.length < count) picks.push({ item, reason: dueReason(entry, now) });
  }

  if (picks.length < count) {
    const recent = graded.slice(0, RECENT_ANSWERS);
    const weak = weakDimensions(recent);
    const points = [...new Set(recent.filter((answer) => answer.overall < 4).flatMap((answer) => answer.missingPoints))]
      .map((point) => ({ point, terms: index.known(subjectTerms(point)) }))
      .filter((point) => point.terms.length > 0);
    const fresh = candidates.flatMap((candidate) => {
      if (boxes.has(candidate.id)) return [];
      let best = { point: '', score: 0 };
      let pointScore = 0;
      for (const { point, terms } of points) {
        const score = index.score(candidate.id, terms);
        if (score < COVER_MIN) continue;
        pointScore += score / COVER_MIN;
        if (score > best.score) best = { point, score };
      }
      const rubric = RUBRIC_FOR_TYPE[candidate.type];
      const exercised = weak.filter((dimension) => dimension.rubric === rubric);
      const dimensionScore = exercised.reduce((sum, dimension) => sum + (WEAK_DIMENSION_BELOW - dimension.average), 0);
      const score = pointScore + dimensionScore;
      if (score <= 0) return [];
      const weakest = exercised[0];
      const reason =
        best.score > 0
          ? `Practises a key point you missed: "${best.point}"`
          : weakest
            ? `Exercises your weakest dimension: ${weakest.label} (${RUBRIC_LABELS[weakest.rubric]} answers, ${weakest.average.toFixed(1)} on average)`
            : 'Practises what you missed recently';
      return [{ item: candidate, reason, score }];
    });
    fresh.sort((a, b) => b.score - a.score);
    for (const { item, reason } of fresh) if (picks.length < count) picks.push({ item, reason });
  }

  const early = reviewed.filter((entry) => entry.dueAt > now).sort((a, b) => a.dueAt - b.dueAt);
  for (const entry of early) {
    const item = byId.get(entry.questionId);
    if (!item || picks.length >= count) continue;
    const days = Math.max(1, Math.round((entry.dueAt - now) / 86_400_000));
    picks.push({ item, reason: `Early review: due in ${days === 1 ? 'a day or less' : `${days} days`} (box ${entry.box} of ${BOX_COUNT})` });
  }
  return picks;
}
