import { createHash } from 'node:crypto';
import type { QuestionKind } from '../contracts/question-schema.js';
import type { PlannedQuestion } from '../interview/session-repository.js';
import { classifyQuestion } from '../contracts/classify-question.js';
import type { Requirement } from './job-description.js';

/*
 * Where the questions the model wrote for a job go: into the session's plan, in the shape of a corpus
 * question with their provenance. Kept apart from the writer, which needs the SDK, so the offline server
 * never loads it.
 */

/** Questions the model writes for one interview, at most: corpus questions carry the measured grading. */
export const MAX_WRITTEN_QUESTIONS = 2;

export interface WrittenQuestion {
  requirement: Requirement;
  text: string;
  answer: string;
  model: string;
  promptVersion: string;
}

/**
 * The plan with the written questions in place of the last questions of their kind not asked yet (`asked`:
 * how many main questions were asked), each with its model answer and provenance.
 */
export function placeWritten(
  plan: readonly PlannedQuestion[],
  asked: number,
  written: readonly WrittenQuestion[],
  kind: QuestionKind,
  now: number,
): PlannedQuestion[] {
  const placed = [...plan];
  let slot = placed.length - 1;
  for (const question of written) {
    while (slot >= asked && placed[slot]?.kind !== kind) slot -= 1;
    if (slot < asked) break;
    placed[slot] = {
      questionId: `w_${createHash('sha256').update(question.text).digest('hex').slice(0, 24)}`,
      text: question.text,
      kind,
      topic: 'Written for this job',
      reason: `Written for the job by ${question.model}: ${question.requirement.text}`,
      written: {
        type: kind === 'technical' ? 'technical' : classifyQuestion(question.text).type,
        answer: question.answer,
        requirement: question.requirement.text,
        model: question.model,
        promptVersion: question.promptVersion,
        writtenAt: now,
      },
    };
    slot -= 1;
  }
  return placed;
}
