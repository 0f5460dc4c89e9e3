import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/corpus-loader.js';
import { createCorpusRepository } from '../../src/corpus/corpus-repository.js';
import { createCorpusService, type CorpusService } from '../../src/corpus/corpus-service.js';
import type { QuestionRecord } from '../../src/contracts/question-schema.js';
import { questionId } from '../../src/corpus/text-utils.js';
import { openDb } from '../../src/store/db.js';
import { tempDir } from '../helpers/app.js';

let corpus: CorpusService;
let all: QuestionRecord[];

beforeAll(() => {
  const db = openDb(path.join(tempDir(), 'corpus.db'));
  const repo = createCorpusRepository(db);
  loadCorpus(db, repo, path.join(projectRoot, 'data', 'corpus'), new Date('2026-11-26T09:00:00Z'));
  corpus = createCorpusService(repo);
  all = repo.all();
});

const dropoutId = questionId('technical', 'Dropout mechanism');
const answersOf = (kind: QuestionRecord['kind']) => new Set(all.filter((record) => record.kind === kind).flatMap((record) => record.answers));

describe('matching a pasted question', () => {
  it('finds a question the team wrote out by its bare source title and by its full text', () => {
    expect(corpus.matchQuestion('Dropout mechanism')?.id).toBe(dropoutId);
    expect(corpus.matchQuestion('dropout mechanism?')?.id).toBe(dropoutId);
    expect(corpus.matchQuestion('How does dropout work and why does it reduce overfitting')?.id).toBe(dropoutId);
    expect(corpus.matchQuestion('Adam vs SGD')?.id).toBe(questionId('technical', 'Adam vs SGD'));
  });

  it('does not take a question that merely shares some words for the corpus question', () => {
    expect(corpus.matchQuestion('How does dropout interact with batch normalization in convolutional layers?')).toBeUndefined();
  });

  it('does not take a question of the same frame about other things for the corpus question', () => {
    // Each shares most of its words with a corpus question: "…between bagging and pasting?", "…concatenate and stack?", "What is the F1 score?".
    for (const pasted of [
      'What is the difference between LayerNorm and BatchNorm?',
      'What is the difference between bagging and boosting?',
      'What is the difference between stacking and blending?',
      'What is a z-score?',
    ]) {
      expect(corpus.matchQuestion(pasted), pasted).toBeUndefined();
    }
  });

  it('still finds a corpus question asked in its own frame with another word or spelling', () => {
    const baggingPasting = corpus.matchQuestion('What is the difference between bagging and pasting?');
    expect(baggingPasting).toBeDefined();
    expect(corpus.matchQuestion('Explain the difference between bagging and pasting.')?.id).toBe(baggingPasting?.id);
    expect(corpus.matchQuestion('What is the difference between a list and a tuple?')?.text).toMatch(/list and a tuple in Python/);
    expect(corpus.matchQuestion('How does k-means work?')?.text).toMatch(/K-means clustering/);
    // A compound written open or with a dash is the same subject (round-12 review).
    expect(corpus.matchQuestion('What is cross validation?')?.text).toBe('What is cross-validation?');
    expect(corpus.matchQuestion('Explain precision, recall and F1 score. When would you optimize for each?')?.text).toMatch(/F1-score/);
  });
});

describe('grading reference', () => {
  it('gives a corpus question its own answers only, a curated one included', () => {
    const dropout = corpus.get(dropoutId);
    expect(corpus.referenceFor({ id: dropoutId, text: dropout.text }, dropout)).toEqual({ answers: dropout.answers, notes: [], fromRelated: false });
    expect(dropout.answers[0]).toMatch(/^Dropout is a regularisation technique/);
  });

  it('gives a behavioural question without a sample answer its own notes, never another question’s story', () => {
    const record = all.find((candidate) => candidate.kind === 'behavioural' && candidate.answers.length === 0);
    if (!record) throw new Error('no behavioural question without an answer');
    expect(corpus.referenceFor({ id: record.id, text: record.text }, record)).toEqual({ answers: [], notes: record.notes, fromRelated: false });
  });

  it('lends a pasted machine-learning question the answers of clearly related technical questions only', () => {
    const pasted = 'How does gradient clipping prevent exploding gradients in recurrent networks?';
    expect(corpus.matchQuestion(pasted)).toBeUndefined();
    const reference = corpus.referenceFor({ id: null, text: pasted }, undefined);
    expect(reference.fromRelated).toBe(true);
    expect(reference.answers.length).toBeGreaterThanOrEqual(1);
    expect(reference.answers.length).toBeLessThanOrEqual(3);
    const technical = answersOf('technical');
    expect(reference.answers.every((answer) => technical.has(answer))).toBe(true);
    expect(reference.answers).toContain(corpus.get(questionId('technical', 'Vanishing/exploding gradients')).answers[0]);
  });

  it('gives a pasted question on an unrelated subject no reference at all', () => {
    for (const pasted of ['How do I make sourdough bread rise properly?', 'What is a database index, and when does it slow down writes?', 'How would you design a REST API for a to-do list application?']) {
      expect(corpus.referenceFor({ id: null, text: pasted }, undefined), pasted).toEqual({ answers: [], notes: [], fromRelated: false });
    }
  });

  it('never lends a behavioural answer, whatever is pasted', () => {
    const behavioural = answersOf('behavioural');
    const pastes = [
      ...all.filter((record) => record.kind === 'behavioural').map((record) => record.text),
      'Tell me about a time you improved the accuracy of a machine learning model under a tight deadline.',
      'I became passionate about machine learning during my undergraduate studies',
      'How do you negotiate a higher salary for a job offer?',
    ];
    for (const pasted of pastes) {
      const reference = corpus.referenceFor({ id: null, text: pasted }, undefined);
      expect(reference.answers.filter((answer) => behavioural.has(answer)), pasted).toEqual([]);
    }
  });
});
