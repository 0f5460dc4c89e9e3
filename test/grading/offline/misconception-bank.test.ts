import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.js';
import { readCorpus } from '../../../src/corpus/parse-corpus.js';
import { auditMisconceptions } from '../../../src/eval/misconception-audit.js';
import { misconceptionBankVersion, readMisconceptionBank, readMisconceptionClaims } from '../../../src/grading/offline/misconception-bank.js';

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

describe('reading the claims for the LLM grader', () => {
  const copyOfBank = (): string => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-'));
    fs.copyFileSync(path.join(projectRoot, 'data', 'misconceptions', 'python.json'), path.join(directory, 'python.json'));
    return directory;
  };

  it('reads the claims of the bank the server started with', () => {
    const directory = copyOfBank();
    const claims = readMisconceptionClaims(directory, misconceptionBankVersion(directory));
    expect(claims.length).toBeGreaterThan(10);
    expect(claims[0]).toEqual({ id: expect.any(String), topic: expect.any(Array), claim: expect.any(String), correction: expect.any(String) });
  });

  it('refuses a bank edited after start-up, naming both versions', () => {
    const directory = copyOfBank();
    const started = misconceptionBankVersion(directory);
    const file = path.join(directory, 'python.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"claim": "', '"claim": "Edited: '));
    expect(() => readMisconceptionClaims(directory, started)).toThrow(new RegExp(`changed after start-up \\(${started}, now mc-[0-9a-f]{12}\\)`));
    expect(readMisconceptionClaims(directory).some(({ claim }) => claim.startsWith('Edited: '))).toBe(true);
  });
});
