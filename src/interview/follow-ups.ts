import type { GradeResult } from '../grading/feedback-schema.js';

/*
 * Probes an interviewer would ask after a weak part of an answer. They name what is missing without
 * giving the answer away, so the follow-up still tests the candidate.
 */
const PROBES: Record<string, string> = {
  result: 'What was the measurable outcome, and how did you know it had worked?',
  action: 'Walk me through exactly what you did yourself, step by step.',
  task: 'What specifically were you responsible for in that situation?',
  situation: 'Can you set the scene: when was this, who was involved, and what was at stake?',
  ownership: 'Which parts of that did you personally own or decide?',
  specificity: 'Can you put numbers on that: the scale, the timeline, or the impact?',
  coverage: 'What important aspects would you add to make that answer complete?',
  depth: 'When would you not use this approach, and what would you choose instead?',
  correctness: 'Can you explain how that works step by step, as you would to a colleague?',
  clarity: 'Could you summarise your answer in two or three sentences, leading with the main point?',
};

/**
 * One follow-up for a graded main question: the corpus follow-up first, else the model's probe (LLM
 * grader), else a probe for the weakest dimension scoring 3 or less; none for a strong answer.
 */
export function pickFollowUp(corpusFollowUps: readonly string[], feedback: GradeResult | undefined): string | undefined {
  const fromCorpus = corpusFollowUps.find((text) => text.trim().length > 0);
  if (fromCorpus) return fromCorpus;
  if (!feedback) return undefined;
  if (feedback.followUpQuestion) return feedback.followUpQuestion;
  const weakest = [...feedback.dimensions]
    .filter((dimension) => dimension.score <= 3 && PROBES[dimension.key] !== undefined)
    .sort((a, b) => a.score - b.score)[0];
  return weakest ? PROBES[weakest.key] : undefined;
}
