import type { QuestionRecord } from '../contracts/question-schema.js';
import { readAnswer } from '../grading/offline/answer-text.js';
import { asserted, compileMisconception, findMisconceptions, misconceptionsFor } from '../grading/offline/misconceptions.js';
import type { Misconception } from '../grading/offline/misconception-bank.js';

/*
 * The bank's own check (test/grading/misconceptions.test.ts, scripts/check-misconceptions.ts): every entry's claim and
 * wrong sentences are read as asserting it, none of its right sentences is, and no sentence of any model answer of the
 * corpus is (a model answer is correct, so a match there is a false positive, whatever question it answers).
 */

export interface MisconceptionProblem {
  readonly id: string;
  readonly problem: string;
}

export interface MisconceptionAudit {
  readonly problems: readonly MisconceptionProblem[];
  /** Technical questions no entry applies to, by corpus topic. */
  readonly uncovered: ReadonlyMap<string, readonly Pick<QuestionRecord, 'id' | 'text'>[]>;
  readonly questions: number;
}

type Question = Pick<QuestionRecord, 'id' | 'text' | 'topic' | 'answers'>;

export function auditMisconceptions(entries: readonly Misconception[], questions: readonly Question[]): MisconceptionAudit {
  const problems: MisconceptionProblem[] = [];
  const compiled = entries.map(compileMisconception);
  entries.forEach(({ id, claim, wrong, right }, index) => {
    const entry = compiled[index] as (typeof compiled)[number];
    for (const text of [claim, ...wrong]) if (!asserted(text, entry)) problems.push({ id, problem: `does not match its wrong sentence: ${text}` });
    for (const text of right) if (asserted(text, entry)) problems.push({ id, problem: `matches its right sentence: ${text}` });
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
  return { problems, uncovered, questions: questions.length };
}
