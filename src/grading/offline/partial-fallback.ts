import type { GradeResult } from '../feedback-schema.js';
import type { GradeInput, Grader, GradeOptions } from '../grader.js';
import { GradingUnavailableError } from './threaded-grader.js';

/** Characters of an answer graded when the whole of it could not be (about 330 words). */
export const PARTIAL_ANSWER_CHARS = 2_000;
/** The first `limit` characters of `answer`, cut after the last sentence end (else space) before the limit. */
export function beginningOf(answer: string, limit = PARTIAL_ANSWER_CHARS): string {
  if (answer.length <= limit) return answer;
  const head = answer.slice(0, limit);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('.\n'), head.lastIndexOf('? '), head.lastIndexOf('! '));
  if (sentenceEnd >= limit / 2) return head.slice(0, sentenceEnd + 1);
  const space = head.search(/\s\S*$/);
  return (space >= limit / 2 ? head.slice(0, space) : head).trimEnd();
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * An offline grader whose gradings never fail for the answer's sake: when the whole answer cannot be
 * graded (its grading timed out, its thread died, the grader threw), the beginning of the answer is graded
 * instead, with `retryTimeoutMs` as its time limit (it is short, so it may have more time: a first attempt may
 * also have failed only because the machine was busy), and the feedback says so in `grader.partialReason`.
 * An aborted grading, or one no grading thread could take, still fails: trying again later is the answer.
 */
export function withPartialFallback(grader: Grader, retryTimeoutMs: number): Grader {
  return {
    kind: grader.kind,
    async grade(input: GradeInput, options: GradeOptions = {}): Promise<GradeResult> {
      try {
        return await grader.grade(input, options);
      } catch (error) {
        if (options.signal?.aborted || error instanceof GradingUnavailableError) throw error;
        const answer = beginningOf(input.answer);
        const result = await grader.grade({ ...input, answer }, { ...options, timeoutMs: retryTimeoutMs });
        const part = answer.length < input.answer.length ? `only its first ${answer.length} characters were` : 'it was graded again';
        return { ...result, grader: { ...result.grader, partialReason: `the whole answer could not be graded (${describe(error)}); ${part}` } };
      }
    },
  };
}
