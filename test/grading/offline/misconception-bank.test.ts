import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.js';
import { readCorpus } from '../../../src/corpus/parse-corpus.js';
import { auditMisconceptions } from '../../../src/eval/misconception-audit.js';
import { readMisconceptionBank } from '../../../src/grading/offline/misconception-bank.js';

/*
 * The shipped misconception bank (data/misconceptions/) checked as scripts/check-misconceptions.ts checks it: each entry
 * reads its own wrong sentences as asserting it and none of its right ones, and no sentence of any model answer of the
 * corpus asserts any entry. A model answer is correct, so a match there is a correct answer marked wrong.
 */

const questions = readCorpus(path.join(projectRoot, 'data', 'corpus')).questions.filter((question) => question.type === 'technical');
const bank = readMisconceptionBank();
const audit = auditMisconceptions(bank.entries, questions);

describe('the shipped misconception bank', () => {
  it('reads every entry\'s wrong sentences as asserting it, none of its right ones, and no model answer of the corpus', () => {
    expect(audit.problems).toEqual([]);
  });

  it('has an entry for nearly every technical question of the corpus', () => {
    const uncovered = [...audit.uncovered.values()].flat();
    expect(bank.entries.length).toBeGreaterThan(0);
    expect(uncovered.length / questions.length).toBeLessThan(0.02);
  });
});
