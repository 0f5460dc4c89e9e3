import type { GradeResult } from '../../contracts/feedback-schema.js';
import type { GradeInput, Grader, GradeOptions } from '../grader.js';
import { MAX_RUN_CHARS } from './run-cap.js';
import { GradingUnavailableError } from './threaded-grader.js';

/** Characters of an answer graded when the whole of it could not be (about 330 words). */
const PARTIAL_ANSWER_CHARS = 2_000;
/**
 * Words, numbers and symbols the offline grader reads of one answer. Prose at the 12,000-character limit
 * has about 2,100 (the corpus's answers end to end: 2,078); only text far denser than prose (a symbol or
 * a one-letter word every other character) has more, and the grader's time grows with this count.
 */
export const MAX_GRADED_TOKENS = 3_000;

const TOKEN = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;
const RUN = /\S+/gu;

/**
 * The tokens the grader would read, estimated the way its tokenizer splits (a word or number, or one other
 * symbol) and after its cap on runs of non-space characters. For each token: where it ends in `text`.
 */
function tokenEnds(text: string, limit: number): number[] {
  const ends: number[] = [];
  for (const run of text.matchAll(RUN)) {
    const visible = Array.from(run[0]).slice(0, MAX_RUN_CHARS).join('');
    for (const token of visible.matchAll(TOKEN)) {
      ends.push(run.index + (token.index ?? 0) + token[0].length);
      if (ends.length > limit) return ends;
    }
  }
  return ends;
}

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

const partial = (result: GradeResult, reason: string): GradeResult => ({ ...result, grader: { ...result.grader, partialReason: reason } });

/**
 * An offline grader whose time does not depend on what the candidate sends, and whose gradings never fail
 * for the answer's sake:
 * - an answer denser than MAX_GRADED_TOKENS is graded on its beginning, up to that many tokens: the same
 *   answer always gets the same grade, however busy the machine;
 * - when the whole answer cannot be graded (its grading ran past the time limit, its thread died, the grader
 *   threw), its first PARTIAL_ANSWER_CHARS are graded instead, with `retryTimeoutMs` as the limit (short
 *   text, so it may have more time: the first attempt may have failed only because the machine was busy).
 * Either way the feedback says so in `grader.partialReason`. An aborted grading, or one no grading thread
 * could take, still fails: trying again later is the answer to those.
 */
export function boundedGrader(grader: Grader, retryTimeoutMs: number): Grader {
  return {
    kind: grader.kind,
    identity: (rubric) => grader.identity(rubric),
    async grade(input: GradeInput, options: GradeOptions = {}): Promise<GradeResult> {
      const ends = tokenEnds(input.answer, MAX_GRADED_TOKENS);
      const dense = ends.length > MAX_GRADED_TOKENS;
      const graded = dense ? beginningOf(input.answer, ends[MAX_GRADED_TOKENS - 1] ?? input.answer.length) : input.answer;
      try {
        const result = await grader.grade({ ...input, answer: graded }, options);
        if (!dense) return result;
        return partial(result, `the answer is unusually dense (over ${MAX_GRADED_TOKENS} words and symbols); only its first ${graded.length} characters were graded`);
      } catch (error) {
        if (options.signal?.aborted || error instanceof GradingUnavailableError) throw error;
        const answer = beginningOf(graded);
        const result = await grader.grade({ ...input, answer }, { ...options, timeoutMs: retryTimeoutMs });
        const part = answer.length < input.answer.length ? `only its first ${answer.length} characters were` : 'it was graded again';
        return partial(result, `the whole answer could not be graded (${describe(error)}); ${part}`);
      }
    },
  };
}
