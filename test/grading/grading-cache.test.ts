import { describe, expect, it } from 'vitest';
import { createCorpusRepository } from '../../src/corpus/corpus-repository.js';
import { createCorpusService } from '../../src/corpus/corpus-service.js';
import { loadCorpus } from '../../src/corpus/corpus-loader.js';
import { createFeedbackRepository } from '../../src/grading/feedback-repository.js';
import { createPreviousAttempts } from '../../src/grading/previous-attempts.js';
import type { GradeInput, Grader } from '../../src/grading/grader.js';
import { createGradingService } from '../../src/grading/grading-service.js';
import { createOfflineGrader } from '../../src/grading/offline/offline-grader.js';
import { createUsageRepository } from '../../src/grading/usage-repository.js';
import { openDb } from '../../src/store/db.js';
import { createUserRepository } from '../../src/users/user-repository.js';
import { projectRoot } from '../../src/config.js';
import path from 'node:path';

/** The real offline grader behind an identity the test can change, counting the gradings it does. */
function versionedGrader() {
  const offline = createOfflineGrader();
  const state = { identity: 'offline-1', inputs: [] as GradeInput[] };
  const grader: Grader = {
    kind: 'offline',
    identity: () => state.identity,
    grade: async (input) => {
      state.inputs.push(input);
      return offline.grade(input);
    },
  };
  return { grader, state };
}

function setup() {
  const db = openDb(':memory:');
  const repository = createCorpusRepository(db);
  loadCorpus(db, repository, path.join(projectRoot, 'data', 'corpus'), new Date(0));
  createUserRepository(db).insert('u_1', 'Ada', 'hash', new Date(0).toISOString());
  const { grader, state } = versionedGrader();
  const service = createGradingService({
    corpus: createCorpusService(repository),
    feedback: createFeedbackRepository(db),
    previousAttempts: createPreviousAttempts(db),
    usage: createUsageRepository(db),
    graders: { primary: grader, offline: grader },
    dailyTokenBudget: 1_000,
    now: () => 1_000,
  });
  return { db, service, state };
}

const QUESTION = 'What does the learning rate control in gradient descent?';
const ANSWER = 'How big a step each update takes along the negative gradient.';

describe('reusing stored feedback for an identical re-submission', () => {
  it('reuses it when nothing that decides the grade changed', async () => {
    const { service, state } = setup();
    const first = await service.grade('u_1', { question: QUESTION, answer: ANSWER });
    const again = await service.grade('u_1', { question: QUESTION, answer: ANSWER });
    expect(again.id).toBe(first.id);
    expect(state.inputs).toHaveLength(1);
  });

  it('grades afresh after a grader version bump', async () => {
    const { service, state } = setup();
    const first = await service.grade('u_1', { question: QUESTION, answer: ANSWER });
    state.identity = 'offline-2';
    const after = await service.grade('u_1', { question: QUESTION, answer: ANSWER });
    expect(after.id).not.toBe(first.id);
    expect(state.inputs).toHaveLength(2);
    // And the new grade is what an identical submission now reuses.
    expect((await service.grade('u_1', { question: QUESTION, answer: ANSWER })).id).toBe(after.id);
  });

  it('grades afresh against another reference answer, and reuses per reference', async () => {
    const { service, state } = setup();
    const corpus = await service.grade('u_1', { question: QUESTION, answer: ANSWER });
    const own = await service.grade('u_1', { question: QUESTION, answer: ANSWER, referenceAnswer: 'The size of each update step.' });
    const other = await service.grade('u_1', { question: QUESTION, answer: ANSWER, referenceAnswer: 'How fast the weights change.' });
    const ownAgain = await service.grade('u_1', { question: QUESTION, answer: ANSWER, referenceAnswer: 'The size of each update step.' });
    expect(new Set([corpus.id, own.id, other.id]).size).toBe(3);
    expect(ownAgain.id).toBe(own.id);
    expect(state.inputs).toHaveLength(3);
  });

  it('grades afresh under another rubric', async () => {
    const { service, state } = setup();
    await service.grade('u_1', { question: QUESTION, answer: ANSWER });
    await service.grade('u_1', { question: QUESTION, answer: ANSWER, rubric: 'star' });
    expect(state.inputs).toHaveLength(2);
  });
});

describe('referenceAnswer', () => {
  it('grades against the given reference instead of the corpus, and stores it with the feedback', async () => {
    const { service, state, db } = setup();
    const reference = 'The size of the step each update takes along the negative gradient.';
    const feedback = await service.grade('u_1', { question: QUESTION, answer: ANSWER, referenceAnswer: reference });
    expect(state.inputs[0]?.reference).toEqual({ answers: [reference], notes: [], fromRelated: false });
    expect(feedback.coverage?.[0]).toMatchObject({ point: reference, status: 'covered' });
    const row = db.prepare<[string], { reference_answer: string | null }>('SELECT reference_answer FROM feedback WHERE id = ?').get(feedback.id);
    expect(row?.reference_answer).toBe(reference);
    expect(service.listStandalone('u_1', 10, 0)[0]).toMatchObject({ id: feedback.id, referenceAnswer: reference });
  });

  it('is validated like the answer: bounded, cleaned of invisible characters, not blank', async () => {
    const { service } = setup();
    await expect(service.grade('u_1', { question: QUESTION, answer: ANSWER, referenceAnswer: 'x'.repeat(8_001) })).rejects.toThrow(
      /referenceAnswer: must be at most 8000 characters/,
    );
    await expect(service.grade('u_1', { question: QUESTION, answer: ANSWER, referenceAnswer: ' \u200B\n ' })).rejects.toThrow(/referenceAnswer: must not be empty/);
    const feedback = await service.grade('u_1', { question: QUESTION, answer: ANSWER, referenceAnswer: 'The step\u200B size.' });
    expect(service.listStandalone('u_1', 10, 0).find((item) => item.id === feedback.id)?.referenceAnswer).toBe('The step size.');
  });
});
