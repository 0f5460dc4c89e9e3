import { randomInt } from 'node:crypto';
import type { CorpusService } from '../corpus/corpus-service.js';
import type { QuestionRecord } from '../contracts/question-schema.js';
import { ValidationError } from '../errors.js';
import { shuffle } from '../shuffle.js';
import { planDrill } from './drill-planner.js';
import { extractRequirements, rankForJob, requirementCoverage, type Requirement } from './job-description.js';
import type { PracticeRepository } from './practice-repository.js';
import { createTermIndex, type TermIndex } from './term-relevance.js';

export interface PracticePick {
  questionId: string;
  text: string;
  kind: QuestionRecord['kind'];
  topic: string;
  reason: string;
}

/**
 * Drills and job-description interviews over the corpus. The term index over every question and its
 * reference answer is built on first use (the corpus only changes at start-up) and kept.
 */
export function createPracticeService(deps: { corpus: CorpusService; repository: PracticeRepository }) {
  const { corpus, repository } = deps;
  let index: TermIndex | undefined;
  const records = () => [...corpus.candidates('technical', []), ...corpus.candidates('behavioural', [])];
  const termIndex = () => {
    index ??= createTermIndex(records().map((record) => ({ id: record.id, title: record.text, body: record.answers[0] ?? '' })));
    return index;
  };

  return {
    /** A drill of at most `count` questions from the user's interview history, on `topics` when given. */
    planDrill(userId: string, options: { count: number; topics: readonly string[] }, now: number): PracticePick[] {
      const graded = repository.graded(userId);
      const attempts = repository.attempts(userId, graded);
      if (attempts.length === 0) {
        throw new ValidationError('mode: a drill works from your interview history; answer some interview questions first');
      }
      const candidates = shuffle(
        records().filter((record) => options.topics.length === 0 || options.topics.includes(record.topic)),
        randomInt,
      );
      return planDrill({ candidates, graded, attempts, index: termIndex(), now, count: options.count }).map(({ item, reason }) => ({
        questionId: item.id,
        text: item.text,
        kind: item.kind,
        topic: item.topic,
        reason,
      }));
    },

    /** The requirement phrases of a job description (a clear error when none is recognisable). */
    requirements(jobDescription: string): Requirement[] {
      const found = extractRequirements(jobDescription, termIndex());
      if (found.length === 0) {
        throw new ValidationError('jobDescription: no requirements recognised; paste the part of the description that lists skills and duties');
      }
      return found;
    },

    /** Orders candidates by what they add to the job's requirements; each relevant one says which it serves. */
    rankForJob<T extends { id: string }>(candidates: readonly T[], requirements: readonly Requirement[], recent: readonly string[], picks: number) {
      return rankForJob(candidates, requirements, termIndex(), new Set(recent), picks);
    },

    /** Which of a job description's requirements the asked questions covered; never throws (it runs as an interview ends). */
    coverageFor(
      jobDescription: string,
      asked: ReadonlyArray<{ turnId: string; questionId: string; answered: boolean; requirement?: string | undefined }>,
    ) {
      return requirementCoverage(extractRequirements(jobDescription, termIndex()), asked, termIndex());
    },
  };
}
export type PracticeService = ReturnType<typeof createPracticeService>;
