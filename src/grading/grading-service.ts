import { createHash, randomBytes } from 'node:crypto';
import type { CorpusService, GradingReference } from '../corpus/corpus-service.js';
import type { QuestionKind, QuestionRecord } from '../contracts/question-schema.js';
import { classifyQuestion } from '../contracts/classify-question.js';
import type { QuestionType } from '../contracts/question-type.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { MAX_REFERENCE_CHARS, type Feedback, type GradeResult } from '../contracts/feedback-schema.js';
import type { UsageRepository } from './usage-repository.js';
import type { FeedbackRepository } from './feedback-repository.js';
import type { PreviousAttempts } from './previous-attempts.js';
import type { GradeInput, Grader, GradeOptions } from './grader.js';
import { RUBRIC_FOR_TYPE, type RubricId } from '../contracts/rubric-schema.js';
import { getRubric } from './rubrics.js';
import { normalizeAnswer, sanitizeAnswer } from '../text/sanitize.js';
import { createUserSlots } from './user-slots.js';

export interface FeedbackRequest {
  questionId?: string | undefined;
  question?: string | undefined;
  answer: string;
  rubric?: RubricId | undefined;
  /** The user's own reference answer (a custom question, a course's answer key): graded against instead of the corpus. */
  referenceAnswer?: string | undefined;
  /**
   * The type when the caller knows it better than the question text does: a follow-up is answered in the
   * shape of the question it follows up.
   */
  questionType?: QuestionType | undefined;
}

export interface GradeContext {
  userId: string;
  sessionId?: string;
  turnId?: string;
}

export interface ResolvedQuestion {
  record: QuestionRecord | undefined;
  text: string;
  kind: QuestionKind | null;
  topic: string | null;
  /** The corpus record's curated type, else the type read from the question's wording. */
  type: QuestionType;
}

const newFeedbackId = () => `f_${randomBytes(16).toString('hex')}`;

/**
 * One-shot and in-interview grading: resolves the question against the corpus, picks the rubric,
 * gathers reference material, grades (reusing the stored result of an identical submission) and stores it.
 */
export function createGradingService(deps: {
  corpus: CorpusService;
  feedback: FeedbackRepository;
  /** Finds the attempt before a one-shot grading, for its deltas. */
  previousAttempts: PreviousAttempts;
  usage: UsageRepository;
  graders: { primary: Grader; offline: Grader };
  /** Tokens a user may spend on LLM grading per UTC day. */
  dailyTokenBudget: number;
  /** Gradings one user may have running at once (the server's GRADING_CONCURRENCY_PER_USER); unset, no limit. */
  concurrencyPerUser?: number;
  now: () => number;
}) {
  const { corpus, feedback, usage, graders, dailyTokenBudget, now } = deps;
  const slots = deps.concurrencyPerUser === undefined ? undefined : createUserSlots(deps.concurrencyPerUser);
  /** One-shot requests a user may have waiting for a slot before more are refused. */
  const maxWaitingRequests = deps.concurrencyPerUser === undefined ? undefined : 4 * deps.concurrencyPerUser;

  /** The LLM grader while the user's daily budget lasts, then the offline grader with a note saying why. */
  async function gradeWithBudget(userId: string, input: GradeInput, options: GradeOptions): Promise<GradeResult> {
    if (graders.primary.kind !== 'llm') return graders.primary.grade(input, options);
    const day = new Date(now()).toISOString().slice(0, 10);
    if (usage.spent(userId, day) >= dailyTokenBudget) {
      const result = await graders.offline.grade(input, options);
      return {
        ...result,
        grader: { ...result.grader, fallbackReason: `daily LLM token budget (${dailyTokenBudget} tokens) used up; graded offline` },
      };
    }
    return graders.primary.grade(input, { ...options, onUsage: (tokens) => usage.add(userId, day, tokens) });
  }

  function resolveQuestion(request: FeedbackRequest): ResolvedQuestion {
    if (request.questionId !== undefined) {
      const record = corpus.find(request.questionId);
      if (!record) throw new NotFoundError('question');
      return { record, text: record.text, kind: record.kind, topic: record.topic, type: request.questionType ?? record.type };
    }
    const text = request.question?.trim() ?? '';
    if (text === '') throw new ValidationError('body: either questionId or question is required');
    const record = corpus.matchQuestion(text);
    return record
      ? { record, text: record.text, kind: record.kind, topic: record.topic, type: request.questionType ?? record.type }
      : { record: undefined, text, kind: null, topic: null, type: request.questionType ?? classifyQuestion(text).type };
  }

  /** Validated like the answer: bounded, invisible characters removed, not blank. */
  function cleanReference(raw: string | undefined): string | undefined {
    if (raw === undefined) return undefined;
    if (raw.length > MAX_REFERENCE_CHARS) {
      throw new ValidationError(`referenceAnswer: must be at most ${MAX_REFERENCE_CHARS} characters`);
    }
    const reference = sanitizeAnswer(raw);
    if (reference === '') throw new ValidationError('referenceAnswer: must not be empty');
    return reference;
  }

  /** Checks a request before anything is graded (the streaming route answers 400 before its stream opens). */
  function validate(request: FeedbackRequest): void {
    normalizeAnswer(request.answer);
    cleanReference(request.referenceAnswer);
  }

  /**
   * Grades without storing: the result, and `store()` to record it. The interview calls `store()` inside
   * the transaction that also closes the turn, so a crash can never leave feedback without its turn.
   *
   * `request.answer` must have been accepted through `normalizeAnswer` (every stored answer was): it is not
   * checked again, so an answer once accepted can always be graded.
   */
  async function evaluate(
    context: GradeContext,
    request: FeedbackRequest,
    options: GradeOptions & { maxWaiting?: number } = {},
  ): Promise<{ result: GradeResult; question: ResolvedQuestion; previous: Feedback | undefined; store: () => Feedback }> {
    // Idempotent on accepted text; it only tidies answers stored before normalisation was shared.
    const answer = sanitizeAnswer(request.answer);
    const referenceAnswer = cleanReference(request.referenceAnswer);
    const question = resolveQuestion(request);
    const rubric = request.rubric ?? RUBRIC_FOR_TYPE[question.type];
    const reference: GradingReference = referenceAnswer
      ? { answers: [referenceAnswer], notes: [], fromRelated: false }
      : corpus.referenceFor({ id: question.record?.id ?? null, text: question.text }, question.record);
    // Everything that decides the grade is part of the key: the grader (kind, model, prompt, scoring and
    // weights versions), the rubric and its version, the question, the answer and the reference it was
    // compared with. Change any of them and the answer is graded afresh.
    const inputHash = createHash('sha256')
      .update(
        JSON.stringify([
          graders.primary.identity(rubric),
          rubric,
          getRubric(rubric).version,
          question.text,
          answer,
          reference.answers,
          reference.notes,
          reference.fromRelated,
        ]),
      )
      .digest('hex');

    const stored = feedback.findByInput(context.userId, inputHash);
    // A fallback or partial grade (model down, budget spent, grading cut short) is not the answer's real
    // grade: try again next time.
    const previous = stored?.grader.fallbackReason === undefined && stored?.grader.partialReason === undefined ? stored : undefined;
    let result: GradeResult;
    if (previous) {
      const { id: _id, questionId: _questionId, question: _question, createdAt: _createdAt, disputes: _disputes, ...stored } = previous;
      result = stored;
    } else {
      const { maxWaiting, ...gradeOptions } = options;
      const run = () =>
        gradeWithBudget(
          context.userId,
          {
            rubric,
            question: { id: question.record?.id ?? null, text: question.text, kind: question.kind, topic: question.topic },
            answer,
            reference,
          },
          gradeOptions,
        );
      const graded = slots
        ? await slots.run(context.userId, run, { signal: options.signal, ...(maxWaiting !== undefined ? { maxWaiting } : {}) })
        : await run();
      result = { ...graded, questionType: question.type };
    }
    const store = (): Feedback => {
      const id = newFeedbackId();
      const createdAt = now();
      feedback.insert({
        id,
        userId: context.userId,
        sessionId: context.sessionId ?? null,
        turnId: context.turnId ?? null,
        questionId: question.record?.id ?? null,
        question: question.text,
        topic: question.topic,
        answer,
        referenceAnswer: referenceAnswer ?? null,
        inputHash,
        result,
        createdAt,
      });
      return {
        ...result,
        id,
        questionId: question.record?.id ?? null,
        question: question.text,
        createdAt: new Date(createdAt).toISOString(),
        disputes: [],
      };
    };
    return { result, question, previous, store };
  }

  /**
   * One-shot grading: an identical re-submission gets the stored feedback back without being re-graded. A
   * user with too many requests already waiting for a grading slot is refused (429). The reply carries the
   * user's previous attempt at the question, when there is one, so a retake shows what moved.
   */
  async function grade(userId: string, request: FeedbackRequest, options: GradeOptions = {}): Promise<Feedback> {
    const answer = normalizeAnswer(request.answer);
    const { previous: reused, store } = await evaluate(
      { userId },
      { ...request, answer },
      { ...options, ...(maxWaitingRequests !== undefined ? { maxWaiting: maxWaitingRequests } : {}) },
    );
    const graded = reused ?? store();
    const before = deps.previousAttempts.before(userId, { ...graded, result: graded }, { oneShot: true });
    return before ? { ...graded, previous: before } : graded;
  }

  return {
    evaluate,
    grade,
    validate,
    get(userId: string, id: string): Feedback {
      const found = feedback.get(userId, id);
      if (!found) throw new NotFoundError('feedback');
      return found;
    },
    listStandalone: (userId: string, limit: number, offset: number) => feedback.listStandalone(userId, limit, offset),
    deleteStandalone(userId: string, id: string): void {
      if (!feedback.deleteStandalone(userId, id)) throw new NotFoundError('feedback');
    },
  };
}
export type GradingService = ReturnType<typeof createGradingService>;
