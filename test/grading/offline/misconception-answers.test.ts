import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectRoot } from '../../../src/config.js';
import { readCorpus } from '../../../src/corpus/parse-corpus.js';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import type { GradeInput } from '../../../src/grading/grader.js';
import { readMisconceptionBank } from '../../../src/grading/offline/misconception-bank.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';

/*
 * Answers written by the project's reviewers of the misconception bank, as candidates would answer corpus questions
 * (test/fixtures/misconception-answers/: short, long, lists, code, hedged, answers that name a wrong belief to reject it,
 * correct answers built from the misconceptions' own words; the review-r14-* files aimed at the patterns added in
 * round 14), each marked correct or wrong. Graded as
 * POST /api/feedback grades a corpus question: a correct answer is never told to correct a claim, and the bank catches
 * the plainly wrong ones. The reviewers fixed the entries against these answers, so the recall figure is in-sample: it
 * guards against a change losing what was caught, not a measure of the bank.
 */

const AnswersSchema = z.array(
  z.object({ questionId: z.string(), correct: z.boolean(), note: z.string(), answer: z.string().min(1), claim: z.string().nullable().optional() }),
);
const DIRECTORY = path.join(projectRoot, 'test', 'fixtures', 'misconception-answers');
const OUT_OF_SAMPLE = path.join(DIRECTORY, 'out-of-sample');
const questions = new Map(readCorpus(path.join(projectRoot, 'data', 'corpus')).questions.map((question) => [question.id, question]));
const grader = createOfflineGrader();
const claims = new Map(readMisconceptionBank().entries.map((entry) => [entry.id, entry.claim]));

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

/** The card shows a correction: in its corrections, also when the advice names a role swap in the same sentence first. */
const corrected = (result: GradeResult): boolean => (result.corrections?.length ?? 0) > 0;

/**
 * The answers' false positives (a correct answer told to correct a claim), the share of wrong ones caught, and the
 * share caught by the entry of the claim the answer was written to state (when the answer names it).
 */
async function readAgainstBank(answers: z.infer<typeof AnswersSchema>) {
  const falsePositives: string[] = [];
  let caught = 0;
  let caughtAsWritten = 0;
  for (const { questionId, correct, note, answer, claim } of answers) {
    const result = await grader.grade(inputFor(questionId, answer));
    if (correct && corrected(result)) falsePositives.push(`${note}: ${answer.slice(0, 80)}`);
    if (!correct && corrected(result)) caught += 1;
    if (!correct && claim && result.corrections?.some((correction) => correction.claim === claims.get(claim))) caughtAsWritten += 1;
  }
  const wrong = answers.filter((answer) => !answer.correct).length;
  return { falsePositives, recall: caught / wrong, recallAsWritten: caughtAsWritten / wrong };
}

describe.each(fs.readdirSync(DIRECTORY).filter((file) => file.endsWith('.json')))('the reviewers\' answers in %s', (file) => {
  const answers = AnswersSchema.parse(JSON.parse(fs.readFileSync(path.join(DIRECTORY, file), 'utf8')));

  it('tells no correct answer to correct a claim, and catches nearly every plainly wrong one', async () => {
    const { falsePositives, recall } = await readAgainstBank(answers);
    expect(falsePositives).toEqual([]);
    expect(recall).toBeGreaterThan(0.85);
  });
});

/*
 * Three candidates' answers (320, 320 and 240), written from the bank's claims alone (never its patterns or sentences), in every
 * style, half correct and aimed at the claims' words, half stating one claim each in their own words; no entry was
 * written from them. Kept as a test: no correct one is corrected, and no change loses what was caught.
 * - Round 14's: 57 of 160 caught before that round's entries were merged, 67 after (62 by the entry of the claim each
 *   was written to state; the others by a twin entry or another claim of the answer). Round 15's matcher rules were
 *   developed on them (67 → 84 caught, 62 → 79 as written): their floors are in-sample since.
 * - Round 15's, written while those rules were developed and never shown to their author: 47 caught before, 51 after
 *   (50 as written), the round's out-of-sample figure.
 * - Round 17's, 240 answers (120 claims), written while a gap reading of the patterns was developed and never shown to
 *   its author: 26 caught (24 by the entry of the claim each was written to state). A gap reading caught 28, but on a
 *   tester's 556 correct sentences close to the claims it corrected 56 more, so it was reverted (data/grader/README.md,
 *   round 17).
 */
const CANDIDATES = [
  { file: 'candidate-r14.json', round: 14, answers: 320, caught: 84, asWritten: 79 },
  { file: 'candidate-r15.json', round: 15, answers: 320, caught: 51, asWritten: 50 },
  { file: 'candidate-r17.json', round: 17, answers: 240, caught: 26, asWritten: 24 },
];

describe.each(CANDIDATES)("a fresh candidate's answers, written from the claims alone (round $round)", ({ file, answers: count, caught, asWritten }) => {
  const answers = AnswersSchema.parse(JSON.parse(fs.readFileSync(path.join(OUT_OF_SAMPLE, file), 'utf8')));
  const wrong = count / 2;

  it('tells none of the correct answers to correct a claim, and catches as many wrong ones as when measured', async () => {
    const { falsePositives, recall, recallAsWritten } = await readAgainstBank(answers);
    expect(answers).toHaveLength(count);
    expect(answers.filter((answer) => !answer.correct)).toHaveLength(wrong);
    expect(falsePositives).toEqual([]);
    expect(recall * wrong, `${recall * wrong} of ${wrong}`).toBeGreaterThanOrEqual(caught);
    expect(recallAsWritten * wrong, `${recallAsWritten * wrong} of ${wrong}`).toBeGreaterThanOrEqual(asWritten);
  });
});
