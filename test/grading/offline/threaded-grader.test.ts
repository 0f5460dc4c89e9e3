import { afterEach, describe, expect, it } from 'vitest';
import type { GradeInput } from '../../../src/grading/grader.js';
import { gradeOffline } from '../../../src/grading/offline/offline-grader.js';
import { createThreadedOfflineGrader } from '../../../src/grading/offline/threaded-grader.js';

const input: GradeInput = {
  rubric: 'star',
  question: { id: null, text: 'Tell me about a time you fixed a failing pipeline.', kind: 'behavioural', topic: null },
  answer:
    'Last spring our nightly feature pipeline failed twice a week. I owned its reliability. ' +
    'I added retries, split it into stages and wrote alerts. Failures dropped to one a month.',
  reference: { answers: [], notes: [], fromRelated: false },
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('offline grading on worker threads', () => {
  it('gives exactly the result of the in-process grader, for many answers at once', async () => {
    const grader = createThreadedOfflineGrader(2);
    close = () => grader.close();
    const answers = Array.from({ length: 12 }, (_, index) => ({ ...input, answer: `${input.answer} Case ${index}.` }));
    const results = await Promise.all(answers.map((answer) => grader.grade(answer)));
    expect(results).toEqual(answers.map((answer) => gradeOffline(answer)));
  });

  it('fails a grading fast, instead of hanging, while its thread is down', async () => {
    const grader = createThreadedOfflineGrader(1);
    close = () => grader.close();
    await grader.grade(input);
    await grader.close();
    await expect(grader.grade(input)).rejects.toThrow(/no offline grading thread/);
  });
});
