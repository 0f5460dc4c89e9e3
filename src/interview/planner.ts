import { randomInt } from 'node:crypto';
import type { QuestionKind, QuestionRecord } from '../contracts/question-schema.js';
import { ValidationError } from '../errors.js';
import { shuffle } from '../shuffle.js';
import type { PlannedQuestion } from './session-repository.js';
import type { StartOptions } from '../contracts/protocol.js';

export interface Candidate {
  id: string;
  kind: QuestionKind;
  topic: string;
  text: string;
  /** Why the question was chosen, when a ranking says. */
  reason?: string;
}

/**
 * Orders candidates so questions the user has not seen come first, in random order, followed by the
 * ones seen longest ago; `recent` lists the user's past question ids, most recent first.
 */
function preferUnseen(candidates: Candidate[], recent: readonly string[], random: (max: number) => number): Candidate[] {
  const age = new Map(recent.map((id, index) => [id, index]));
  const unseen = shuffle(candidates.filter((candidate) => !age.has(candidate.id)), random);
  const seen = candidates
    .filter((candidate) => age.has(candidate.id))
    .sort((a, b) => (age.get(b.id) ?? 0) - (age.get(a.id) ?? 0));
  return [...unseen, ...seen];
}

/**
 * Picks `count` distinct questions for a session; mixed mode alternates behavioural and technical. `rank`
 * reorders each kind's queue (unseen first, at random, before it), e.g. by relevance to a job description.
 */
export function planQuestions(
  options: StartOptions,
  candidatesOf: (kind: QuestionKind) => Candidate[],
  recent: readonly string[],
  random: (max: number) => number = randomInt,
  rank: (candidates: Candidate[]) => Candidate[] = (candidates) => candidates,
): PlannedQuestion[] {
  // A drill is planned from the user's history (src/practice); planned here, it would draw both kinds.
  const kinds: QuestionKind[] = options.mode === 'mixed' || options.mode === 'drill' ? ['behavioural', 'technical'] : [options.mode];
  const queues = kinds
    .map((kind) => rank(preferUnseen(candidatesOf(kind), recent, random)))
    .filter((queue) => queue.length > 0);
  const plan: PlannedQuestion[] = [];
  const used = new Set<string>();
  for (let turn = 0; plan.length < options.count && queues.some((queue) => queue.length > 0); turn += 1) {
    const queue = queues[turn % queues.length];
    const next = queue?.shift();
    if (next === undefined || used.has(next.id)) continue;
    used.add(next.id);
    plan.push({ questionId: next.id, text: next.text, kind: next.kind, topic: next.topic, ...(next.reason ? { reason: next.reason } : {}) });
  }
  return plan;
}

/**
 * The plan of a retake: exactly the questions asked for, in order, once each. An id that is not a corpus
 * question is refused by name, so a stale link says what went wrong.
 */
export function planChosenQuestions(ids: readonly string[], find: (id: string) => QuestionRecord | undefined): PlannedQuestion[] {
  const plan: PlannedQuestion[] = [];
  ids.forEach((id, index) => {
    const record = find(id);
    if (!record) throw new ValidationError(`questionIds.${index}: no question with this id`);
    if (plan.some((planned) => planned.questionId === record.id)) return;
    plan.push({ questionId: record.id, text: record.text, kind: record.kind, topic: record.topic });
  });
  return plan;
}
