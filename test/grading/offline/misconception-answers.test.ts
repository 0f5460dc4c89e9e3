import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectRoot } from '../../../src/config.js';
import { readCorpus } from '../../../src/corpus/parse-corpus.js';
import type { GradeInput } from '../../../src/grading/grader.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';

/*
 * Answers written by the project's reviewers of the misconception bank, as candidates would answer corpus questions
 * (test/fixtures/misconception-answers/: short, long, lists, code, hedged, answers that name a wrong belief to reject it,
 * correct answers built from the misconceptions' own words), each marked correct or wrong. Graded as
 * POST /api/feedback grades a corpus question: a correct answer is never told to correct a claim, and the bank catches
 * the plainly wrong ones. The reviewers fixed the entries against these answers, so the recall figure is in-sample: it
 * guards against a change losing what was caught, not a measure of the bank.
 */

const AnswersSchema = z.array(z.object({ questionId: z.string(), correct: z.boolean(), note: z.string(), answer: z.string().min(1) }));
const DIRECTORY = path.join(projectRoot, 'test', 'fixtures', 'misconception-answers');
const questions = new Map(readCorpus(path.join(projectRoot, 'data', 'corpus')).questions.map((question) => [question.id, question]));
const grader = createOfflineGrader();

function inputFor(questionId: string, answer: string): GradeInput {
  const question = questions.get(questionId);
  if (!question) throw new Error(`no corpus question ${questionId}`);
  return {
    rubric: 'technical',
    question: { id: question.id, text: question.text, kind: 'technical', topic: question.topic },
    answer,
    reference: { answers: question.answers, notes: question.notes, fromRelated: false },
  };
}

const corrected = (improvements: readonly string[]) => improvements.some((text) => text.includes('Correct "'));

describe.each(fs.readdirSync(DIRECTORY).filter((file) => file.endsWith('.json')))('the reviewers\' answers in %s', (file) => {
  const answers = AnswersSchema.parse(JSON.parse(fs.readFileSync(path.join(DIRECTORY, file), 'utf8')));

  it('tells no correct answer to correct a claim, and catches nearly every plainly wrong one', async () => {
    const falsePositives: string[] = [];
    let caught = 0;
    for (const { questionId, correct, note, answer } of answers) {
      const result = await grader.grade(inputFor(questionId, answer));
      if (correct && corrected(result.improvements)) falsePositives.push(`${note}: ${answer.slice(0, 80)}`);
      if (!correct && corrected(result.improvements)) caught += 1;
    }
    expect(falsePositives).toEqual([]);
    expect(caught / answers.filter((answer) => !answer.correct).length).toBeGreaterThan(0.85);
  });
});
