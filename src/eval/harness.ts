import { createCorpusRepository } from '../corpus/corpus-repository.js';
import { createCorpusService, type CorpusService } from '../corpus/corpus-service.js';
import { loadCorpus } from '../corpus/corpus-loader.js';
import { projectRoot } from '../config.js';
import { createFeedbackRepository } from '../grading/feedback-repository.js';
import { createPreviousAttempts } from '../grading/previous-attempts.js';
import type { GradeResult } from '../contracts/feedback-schema.js';
import type { Grader } from '../grading/grader.js';
import { createGradingService, type FeedbackRequest, type GradingService } from '../grading/grading-service.js';
import { createUsageRepository } from '../grading/usage-repository.js';
import { openDb, type Db } from '../store/db.js';
import { createUserRepository } from '../users/user-repository.js';
import path from 'node:path';
import type { LabelledItem } from './labelled-set.js';

/*
 * Evaluation grades through the grading service, the code behind POST /api/feedback: the same question
 * resolution, rubric choice, reference (the set's, sent as `referenceAnswer`, or the corpus record's for
 * an item with a `questionId`), validation and grader. Only storing is skipped. The database is in
 * memory and holds the corpus, as the server's does.
 */

const EVAL_USER = 'u_eval';

export interface EvalContext {
  readonly corpus: CorpusService;
  /** A grading service over the same corpus with this grader (and the offline one it may fall back on). */
  service(grader: Grader, options?: { offline?: Grader }): GradingService;
  close(): void;
}

export function createEvalContext(corpusDir = path.join(projectRoot, 'data', 'corpus')): EvalContext {
  const db: Db = openDb(':memory:');
  const repository = createCorpusRepository(db);
  loadCorpus(db, repository, corpusDir, new Date(0));
  const corpus = createCorpusService(repository);
  createUserRepository(db).insert(EVAL_USER, 'eval', 'eval-has-no-token', new Date(0).toISOString());
  const feedback = createFeedbackRepository(db);
  const usage = createUsageRepository(db);
  return {
    corpus,
    service: (grader, options = {}) =>
      createGradingService({
        corpus,
        feedback,
        previousAttempts: createPreviousAttempts(db),
        usage,
        graders: { primary: grader, offline: options.offline ?? grader },
        dailyTokenBudget: Number.MAX_SAFE_INTEGER,
        now: () => 0,
      }),
    close: () => db.close(),
  };
}

/** The request POST /api/feedback would get for this labelled answer. */
export function feedbackRequest(item: LabelledItem, answer: string): FeedbackRequest {
  if (item.questionId !== undefined) return { questionId: item.questionId, answer };
  return { question: item.question, answer, ...(item.reference.trim() === '' ? {} : { referenceAnswer: item.reference }) };
}

/** Grades one labelled answer as the API would, without storing it. */
export async function gradeLabelled(service: GradingService, item: LabelledItem, answer: string): Promise<GradeResult> {
  const { result } = await service.evaluate({ userId: EVAL_USER }, feedbackRequest(item, answer));
  return result;
}
