import { describe, expect, it } from 'vitest';
import type { QuestionKind } from '../../src/contracts/question-schema.js';
import { planQuestions, type Candidate } from '../../src/interview/planner.js';
import { StartOptionsSchema } from '../../src/contracts/protocol.js';

const bank = (kind: QuestionKind, count: number): Candidate[] =>
  Array.from({ length: count }, (_, index) => ({ id: `${kind[0]}${index}`, kind, topic: `T${index % 2}`, text: `${kind} ${index}` }));
const candidates = { behavioural: bank('behavioural', 6), technical: bank('technical', 6) };
const of = (kind: QuestionKind) => candidates[kind];
const firstIndex = () => 0;

describe('question planner', () => {
  it('asks questions the user has not seen before the ones seen recently, and never repeats one', () => {
    const recent = ['t0', 't1', 't2', 't3'];
    const plan = planQuestions(StartOptionsSchema.parse({ mode: 'technical', count: 5 }), of, recent, firstIndex);
    expect(plan.slice(0, 2).map((question) => question.questionId).sort()).toEqual(['t4', 't5']);
    // Then the ones seen longest ago.
    expect(plan.slice(2).map((question) => question.questionId)).toEqual(['t3', 't2', 't1']);
    expect(new Set(plan.map((question) => question.questionId)).size).toBe(5);
  });

  it('alternates behavioural and technical questions in mixed mode', () => {
    const plan = planQuestions(StartOptionsSchema.parse({ mode: 'mixed', count: 4 }), of, [], firstIndex);
    expect(plan.map((question) => question.kind)).toEqual(['behavioural', 'technical', 'behavioural', 'technical']);
  });

  it('stops at the questions available', () => {
    const plan = planQuestions(StartOptionsSchema.parse({ mode: 'behavioural', count: 20 }), of, [], firstIndex);
    expect(plan).toHaveLength(6);
  });
});
