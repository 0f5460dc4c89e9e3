import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/* A line of code that uses what a reference sentence names makes its point (code-coverage.ts). Written for these tests. */

const grader = createOfflineGrader();

const QUESTION = 'How do you find and remove duplicate rows in pandas?';
const REFERENCE =
  'Pandas provides the duplicated method to identify duplicate rows, returning a boolean Series that marks the repeats. ' +
  'The drop_duplicates method removes them, keeping the first occurrence by default. ' +
  'You can choose the columns that define a duplicate with the subset parameter. ' +
  'Duplicates bias a model toward repeated examples, so remove them before splitting the data.';

const statusOf = (coverage: readonly { point: string; status: string }[] | undefined, opening: string): string | undefined =>
  coverage?.find((entry) => entry.point.startsWith(opening))?.status;

describe('code that uses what the reference names', () => {
  it('counts a line of code that calls the method or sets the parameter a reference sentence names as making its point', async () => {
    const answer = "print(orders.duplicated().sum())\norders = orders.drop_duplicates(subset=['customer_id', 'day'])";
    const result = await grader.grade(input(QUESTION, REFERENCE, answer));
    expect(statusOf(result.coverage, 'Pandas provides the duplicated method')).not.toBe('missed');
    expect(statusOf(result.coverage, 'You can choose the columns')).not.toBe('missed');
    expect(result.missingPoints.some((point) => point.startsWith('Pandas provides the duplicated method'))).toBe(false);
  });

  it('does not count a method the code does not call, nor one named in prose only', async () => {
    const answer = "orders = orders.drop_duplicates()\nI think the subset parameter exists too.";
    const result = await grader.grade(input(QUESTION, REFERENCE, answer));
    expect(statusOf(result.coverage, 'Pandas provides the duplicated method')).toBe('missed');
  });
});
