import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { PROCESSES_AND_THREADS as processes, technicalQuestionInput as input } from './fixtures.js';

/*
 * The coverage map marks a key point "contradicted" when the answer's sentence that uses its words says the
 * opposite, rather than ticking it "covered" (issue 10, item 4: each point judged, with the span that judges it).
 * Found grading answers as a candidate would: a swapped comparison had its swapped sentences ticked as covered
 * and quoted as a strength. Questions and answers are written for these tests.
 */

const grader = createOfflineGrader();

const statusOf = (result: GradeResult, start: string) => result.coverage?.find((entry) => entry.point.startsWith(start));

describe('key points the answer contradicts', () => {
  it('marks the points of a swapped comparison contradicted, quoting the sentence, and neither counts nor praises them', async () => {
    const swapped = await grader.grade(input(processes.question, processes.reference, processes.swapped));
    const contradicted = (swapped.coverage ?? []).filter((entry) => entry.status === 'contradicted');
    expect(contradicted.length).toBeGreaterThan(0);
    for (const entry of contradicted) expect(entry.quote).toMatch(/^A thread has its own isolated memory space/);
    expect(swapped.strengths.join(' ')).not.toContain('A thread has its own isolated memory space');
    const coverage = swapped.dimensions.find((dimension) => dimension.key === 'coverage');
    expect(coverage?.rationale).toMatch(/says the opposite of \d/);
  });

  const tuples = {
    question: 'What is the difference between a list and a tuple?',
    reference: 'Tuples are immutable: once created, their items cannot be changed. Lists are mutable, so you can append and remove items.',
  };
  const locals = {
    question: 'What is the difference between a data member and a local variable?',
    reference: 'Local variables can only be accessed inside the function that declares them. Data members can be accessed from any member function of the class.',
  };

  it('marks a negated point contradicted, quoting the sentence, even when the negated word has an opposite ("not immutable")', async () => {
    const result = await grader.grade(input(tuples.question, tuples.reference, 'Tuples are not immutable: once created, their items can be changed.'));
    expect(statusOf(result, 'Tuples are immutable')?.status).toBe('contradicted');
    expect(statusOf(result, 'Tuples are immutable')?.quote).toBe('Tuples are not immutable: once created, their items can be changed.');
    // Not made either: the export and the drill planner read missingPoints.
    expect(result.missingPoints.some((point) => point.startsWith('Tuples are immutable'))).toBe(true);
    const right = await grader.grade(input(tuples.question, tuples.reference, 'Tuples are immutable: once created, their items cannot be changed.'));
    expect(statusOf(right, 'Tuples are immutable')?.status).toBe('covered');
  });

  it('reads a denial of the opposite word as the point restated ("cannot be accessed outside" is "only inside")', async () => {
    const restated = await grader.grade(input(locals.question, locals.reference, 'A local variable cannot be accessed outside the function that declares it.'));
    expect(statusOf(restated, 'Local variables can only be accessed inside')?.status).toBe('covered');
    expect(restated.improvements.join(' ')).not.toContain('against the model answer');
    const wrong = await grader.grade(input(locals.question, locals.reference, 'A local variable can be accessed outside the function that declares it.'));
    expect(statusOf(wrong, 'Local variables can only be accessed inside')?.status).toBe('contradicted');
  });

  /*
   * Restatements that were read as contradictions (2026.11.18): the references are the corpus's (guide Q on views
   * and copies, Q on support vectors), the answers written for review.
   */
  const views = {
    question: 'What is the difference between a view and a copy?',
    reference:
      'A view references the original array’s data, so changes to the view affect the original. A copy is independent, so changes don’t affect the original. ' +
      'Slicing typically creates views, while fancy indexing creates copies. You can explicitly create copies with the copy method.',
  };
  const checked = (result: GradeResult): string => result.improvements.filter((text) => text.includes('against the model answer')).join(' ');

  it('reads a denial through another verb of change as the point restated: "never changes the original" for "changes don\'t affect the original"', async () => {
    const right = await grader.grade(input(views.question, views.reference, 'A copy is independent, so modifying it never changes the original.'));
    expect(statusOf(right, 'A copy is independent')?.status).toBe('covered');
    expect(checked(right)).toBe('');
    // A view's point affirms the change: denying it is still read.
    const wrong = await grader.grade(input(views.question, views.reference, 'A view is independent, so modifying it never changes the original.'));
    expect(statusOf(wrong, 'A view references')?.status).toBe('contradicted');
    expect(checked(wrong)).toContain('A view is independent');
  });

  it('judges a sentence matching two reference sentences equally against the one about the same thing ("changes to a copy" against the copy\'s)', async () => {
    const right = await grader.grade(input(views.question, views.reference, "A copy does not share data: changes to a copy don't affect the original."));
    expect(checked(right)).toBe('');
    expect(right.improvements.join(' ')).not.toContain('where the model answer says');
    expect((right.coverage ?? []).some((entry) => entry.status === 'contradicted')).toBe(false);
    const wrong = await grader.grade(input(views.question, views.reference, "A view does not share data: changes to a view don't affect the original."));
    expect(statusOf(wrong, 'A view references')?.status).toBe('contradicted');
    // The copy's sentence matches as well but denies what this one affirms: the view's sentence still judges it.
    const affirmed = await grader.grade(input(views.question, views.reference, "A copy shares the original's data, so changes to a copy affect the original."));
    expect(statusOf(affirmed, 'A view references')?.status).toBe('contradicted');
    expect(affirmed.improvements.join(' ')).toContain('It says "copy" where the model answer says "view"');
  });

  it('reads "the others don\'t" as restating "only these do", unless the denial names what "only" picks out', async () => {
    const vectors =
      'Support vectors are training examples closest to the decision boundary. They literally support or define the boundary because only these examples affect its position. ' +
      'Examples far from the boundary don’t matter; you could move or remove them without changing the decision boundary.';
    const right = await grader.grade(
      input('What are support vectors?', vectors, "Only they determine the boundary's position; points far from the boundary don't affect it at all."),
    );
    expect((right.coverage ?? []).some((entry) => entry.status === 'contradicted')).toBe(false);
    expect(checked(right)).toBe('');
    const reference = "An SVM's predictions depend only on the support vectors, the training points closest to the boundary. The other training points can be removed without changing the model.";
    const others = await grader.grade(input('What are support vectors?', reference, 'The predictions do not depend on the points far from the boundary.'));
    expect(checked(others)).toBe('');
    const denied = await grader.grade(input('What are support vectors?', reference, 'The predictions do not depend on the support vectors.'));
    expect(statusOf(denied, "An SVM's predictions depend only")?.status).toBe('contradicted');
  });
});
