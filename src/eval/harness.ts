import { createCorpusRepository } from '../corpus/corpus-repository.js';
import { createCorpusService, type CorpusService, type GradingReference } from '../corpus/corpus-service.js';
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
  /**
   * Every question is graded as if it had no reference (\`npm run eval -- --without-reference\`): no corpus answer of its
   * own, none lent by related questions, no \`referenceAnswer\`: what a pasted question without a model answer gets.
   */
  readonly withoutReference: boolean;
  /** A grading service over the same corpus with this grader (and the offline one it may fall back on). */
  service(grader: Grader, options?: { offline?: Grader }): GradingService;
  close(): void;
}

const NO_REFERENCE: GradingReference = { answers: [], notes: [], fromRelated: false };

export function createEvalContext(corpusDir = path.join(projectRoot, 'data', 'corpus'), options: { withoutReference?: boolean } = {}): EvalContext {
  const db: Db = openDb(':memory:');
  const repository = createCorpusRepository(db);
  loadCorpus(db, repository, corpusDir, new Date(0));
  const corpus = createCorpusService(repository);
  const withoutReference = options.withoutReference === true;
  // The question is still resolved against the corpus (its text, kind and rubric); only its reference material is withheld.
  const gradingCorpus: CorpusService = withoutReference ? { ...corpus, referenceFor: () => NO_REFERENCE } : corpus;
  createUserRepository(db).insert(EVAL_USER, 'eval', 'eval-has-no-token', new Date(0).toISOString());
  const feedback = createFeedbackRepository(db);
  const usage = createUsageRepository(db);
  return {
    corpus,
    withoutReference,
    service: (grader, serviceOptions = {}) => {
      const service = createGradingService({
        corpus: gradingCorpus,
        feedback,
        previousAttempts: createPreviousAttempts(db),
        usage,
        graders: { primary: grader, offline: serviceOptions.offline ?? grader },
        dailyTokenBudget: Number.MAX_SAFE_INTEGER,
        now: () => 0,
      });
      if (!withoutReference) return service;
      return { ...service, evaluate: (context, request, gradeOptions) => service.evaluate(context, { ...request, referenceAnswer: undefined }, gradeOptions) };
    },
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
