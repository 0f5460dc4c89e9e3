import type { QuestionRecord } from '../contracts/question-schema.js';
import { readAnswer } from '../grading/offline/answer-text.js';
import { asserted, compileMisconception, findMisconceptions, misconceptionsFor } from '../grading/offline/misconceptions.js';
import type { Misconception } from '../grading/offline/misconception-bank.js';

/*
 * The bank's own check (test/grading/offline/misconception-bank.test.ts, scripts/check-misconceptions.ts): every entry's
 * claim and wrong sentences are read as asserting it, no right sentence of any entry asserts any entry, and no sentence
 * of any model answer of the corpus does (a model answer is correct, so a match there is a false positive, whatever
 * question it answers).
 */

export interface MisconceptionProblem {
  readonly id: string;
  readonly problem: string;
}

export interface MisconceptionAudit {
  readonly problems: readonly MisconceptionProblem[];
  /** Technical questions no entry applies to, by corpus topic. */
  readonly uncovered: ReadonlyMap<string, readonly Pick<QuestionRecord, 'id' | 'text'>[]>;
}

type Question = Pick<QuestionRecord, 'id' | 'text' | 'topic' | 'answers'>;

export function auditMisconceptions(entries: readonly Misconception[], questions: readonly Question[]): MisconceptionAudit {
  const problems: MisconceptionProblem[] = [];
  const compiled = entries.map(compileMisconception);
  entries.forEach(({ id, claim, wrong, right }, index) => {
    const entry = compiled[index] as (typeof compiled)[number];
    for (const text of [claim, ...wrong]) if (!asserted(text, entry)) problems.push({ id, problem: `does not match its wrong sentence: ${text}` });
    // A right sentence is right whatever entry reads it: another entry firing on it marks a correct answer wrong.
    for (const text of right) {
      for (const found of findMisconceptions(readAnswer(text).sentences, compiled)) {
        problems.push({ id: found.entry.id, problem: found.entry.id === id ? `matches its right sentence: ${text}` : `matches the right sentence of ${id}: ${text}` });
      }
    }
  });
  for (const question of questions) {
    for (const answer of question.answers) {
      for (const found of findMisconceptions(readAnswer(answer).sentences, compiled)) {
        problems.push({ id: found.entry.id, problem: `matches the model answer of ${question.id} ("${question.text}"): ${found.sentence.text}` });
      }
    }
  }
  const uncovered = new Map<string, Pick<QuestionRecord, 'id' | 'text'>[]>();
  for (const question of questions) {
    if (misconceptionsFor(question.text, question.answers.join('\n'), compiled).length > 0) continue;
    uncovered.set(question.topic, [...(uncovered.get(question.topic) ?? []), { id: question.id, text: question.text }]);
  }
  return { problems, uncovered };
}
