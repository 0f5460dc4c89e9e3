import { describe, expect, it } from 'vitest';
import type { GradeInput } from '../../../src/grading/grader.js';
import { boundedGrader, MAX_GRADED_TOKENS } from '../../../src/grading/offline/bounded-grader.js';
import { createOfflineGrader, gradeOffline } from '../../../src/grading/offline/offline-grader.js';
import { MAX_ANSWER_CHARS } from '../../../src/contracts/protocol.js';

const input = (answer: string): GradeInput => ({
  rubric: 'technical',
  question: { id: null, text: 'Explain the bias-variance trade-off.', kind: 'technical', topic: null },
  answer,
  reference: { answers: ['Bias is error from wrong assumptions; variance is error from sensitivity to the training data.'], notes: [], fromRelated: false },
});

const PROSE =
  'Bias is the error that comes from wrong assumptions in the model, such as fitting a straight line to a curved relationship. ' +
  'Variance is the error that comes from sensitivity to the particular training set, so a deep tree changes a lot when a few rows change. ';

describe('bounded offline grading', () => {
  const grader = boundedGrader(createOfflineGrader(), 1_000);

  it('grades an answer far denser than prose on its beginning only, the same way every time', async () => {
    const dense = '"a" '.repeat(MAX_ANSWER_CHARS / 4 - 1); // 9,000 tokens in 12,000 characters
    const first = await grader.grade(input(dense));
    expect(first.grader.partialReason).toMatch(new RegExp(`unusually dense \\(over ${MAX_GRADED_TOKENS} words and symbols\\)`));
    expect(await grader.grade(input(dense))).toEqual(first);
  });

  it('grades prose at the length limit whole, exactly as the grader itself does', async () => {
    const prose = PROSE.repeat(Math.floor(MAX_ANSWER_CHARS / PROSE.length)).trim();
    expect(prose.length).toBeGreaterThan(MAX_ANSWER_CHARS - PROSE.length);
    const result = await grader.grade(input(prose));
    expect(result.grader.partialReason).toBeUndefined();
    expect(result).toEqual(gradeOffline(input(prose)));
  });

  it('counts a long run of symbols as the tokenizer reads it: only its first 100 characters', async () => {
    const result = await grader.grade(input(`${PROSE}${'a-'.repeat(5_000)}`));
    expect(result.grader.partialReason).toBeUndefined();
  });

  it('grades the beginning, and says why, when the grader fails on the whole answer', async () => {
    const failing = boundedGrader(
      {
        kind: 'offline',
        identity: () => 'failing-test-grader',
        grade: async (graded) => {
          if (graded.answer.length > 2_000) throw new Error('the grader threw');
          return gradeOffline(graded);
        },
      },
      1_000,
    );
    const result = await failing.grade(input(PROSE.repeat(20)));
    expect(result.grader.partialReason).toMatch(/could not be graded \(the grader threw\); only its first \d+ characters were/);
    // Also when the answer was already cut for being dense.
    const dense = await failing.grade(input('"a" '.repeat(MAX_ANSWER_CHARS / 4 - 1)));
    expect(dense.grader.partialReason).toMatch(/could not be graded \(the grader threw\); only its first \d+ characters were/);
  });
});
