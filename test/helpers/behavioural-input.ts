import type { GradeResult } from '../../src/contracts/feedback-schema.js';
import type { RubricId } from '../../src/contracts/rubric-schema.js';
import type { GradeInput } from '../../src/grading/grader.js';

/** A pasted behavioural question graded against the given reference answers, as `POST /api/feedback` grades it. */
export function behaviouralInput(rubric: RubricId, question: string, answer: string, references: readonly string[] = []): GradeInput {
  return {
    rubric,
    question: { id: null, text: question, kind: 'behavioural', topic: null },
    answer,
    reference: { answers: [...references], notes: [], fromRelated: false },
  };
}

/** The dimension of a grade by key; a missing one fails the test that asked for it. */
export function dimensionOf(result: GradeResult, key: string): GradeResult['dimensions'][number] {
  const found = result.dimensions.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no dimension ${key}`);
  return found;
}
