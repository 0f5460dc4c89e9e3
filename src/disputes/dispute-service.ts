import { createHash, randomBytes } from 'node:crypto';
import type { CorpusService } from '../corpus/corpus-service.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { gradeResultCodec, type FeedbackRepository } from '../grading/feedback-repository.js';
import type { GradeResult } from '../contracts/feedback-schema.js';
import { getRubric, roundScore } from '../grading/rubrics.js';
import { sanitizeAnswer } from '../text/sanitize.js';
import type { DisputeRepository } from './dispute-repository.js';
import type { Dispute, DisputeExport, NewDispute } from '../contracts/dispute-schema.js';

const newDisputeId = () => `d_${randomBytes(16).toString('hex')}`;

/** Exported references are cut here: the size a feedback request accepts as its own reference answer. */
const MAX_REFERENCE_CHARS = 8_000;

/**
 * The overall the candidate expects: a contested overall as it is, else the rubric's weighted mean with the
 * contested dimensions at the candidate's scores and the others at the grader's.
 */
export function expectedOverall(result: GradeResult, disputes: readonly Dispute[]): number {
  const overall = disputes.find((dispute) => dispute.dimension === null);
  if (overall) return overall.expected;
  const rubric = getRubric(result.rubric);
  const expected = new Map(disputes.map((dispute) => [dispute.dimension, dispute.expected]));
  let total = 0;
  let weights = 0;
  for (const dimension of result.dimensions) {
    // A dimension a later rubric version dropped still counts, at the weight every dimension started from.
    const weight = rubric.dimensions.find((candidate) => candidate.key === dimension.key)?.weight ?? 1;
    total += (expected.get(dimension.key) ?? dimension.score) * weight;
    weights += weight;
  }
  return roundScore(total / weights);
}

/** Contesting a score, withdrawing it, and exporting the contested answers as a labelled set. */
export function createDisputeService(deps: {
  disputes: DisputeRepository;
  feedback: Pick<FeedbackRepository, 'get'>;
  corpus: Pick<CorpusService, 'find'>;
  now: () => number;
}) {
  const { disputes, feedback, corpus, now } = deps;

  return {
    /** Someone else's feedback is not found, as everywhere. A second dispute of the same score replaces the first. */
    contest(userId: string, feedbackId: string, request: NewDispute): { dispute: Dispute; created: boolean } {
      const found = feedback.get(userId, feedbackId);
      if (!found) throw new NotFoundError('feedback');
      const dimension = request.dimension ?? null;
      if (dimension !== null && !found.dimensions.some((candidate) => candidate.key === dimension)) {
        const keys = found.dimensions.map((candidate) => candidate.key).join(', ');
        throw new ValidationError(`dimension: must be one of this feedback's dimensions (${keys}), or omitted for the overall score`);
      }
      const note = request.note === undefined ? '' : sanitizeAnswer(request.note);
      return disputes.save({
        id: newDisputeId(),
        feedbackId,
        userId,
        dimension,
        expected: request.expected,
        note: note === '' ? null : note,
        createdAt: now(),
      });
    },

    withdraw(userId: string, feedbackId: string, disputeId: string): void {
      if (!feedback.get(userId, feedbackId)) throw new NotFoundError('feedback');
      if (!disputes.remove(userId, feedbackId, disputeId)) throw new NotFoundError('dispute');
    },

    /**
     * The user's contested answers in the labelled-set format, one item per question with the answers to it,
     * each with the overall the user expects as `gold`; `npm run eval -- --data FILE` measures a grader on it.
     */
    exportLabelled(userId: string): DisputeExport {
      const items = new Map<string, DisputeExport[number]>();
      // The same question graded with two rubrics or against two references is two items; ids stay unique.
      const taken = new Set<string>();
      const uniqueId = (base: string): string => {
        let id = base;
        for (let next = 2; taken.has(id); next += 1) id = `${base}-${next}`;
        taken.add(id);
        return id;
      };
      for (const row of disputes.disputedFeedback(userId)) {
        const result = gradeResultCodec.decode(row.result, row.result_format);
        const record = row.question_id === null ? undefined : corpus.find(row.question_id);
        const reference = (row.reference_answer ?? (record?.answers ?? []).join('\n\n')).slice(0, MAX_REFERENCE_CHARS);
        const questionKey = row.question_id ?? `custom-${createHash('sha256').update(row.question).digest('hex').slice(0, 12)}`;
        const key = `${questionKey}\n${result.rubric}\n${row.reference_answer ?? ''}`;
        const item = items.get(key) ?? {
          id: uniqueId(questionKey),
          // A corpus question is graded through its record again, unless the answer brought its own reference.
          ...(row.question_id !== null && row.reference_answer === null ? { questionId: row.question_id } : {}),
          question: row.question,
          reference,
          scale: [1, 5],
          rubric: result.rubric,
          answers: [],
        };
        item.answers.push({
          text: row.answer,
          gold: expectedOverall(result, disputes.forFeedback(row.id)),
          feedbackId: row.id,
          gradedOverall: result.overall,
        });
        items.set(key, item);
      }
      return [...items.values()];
    },
  };
}
export type DisputeService = ReturnType<typeof createDisputeService>;
