import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/corpus-loader.js';
import { createCorpusRepository } from '../../src/corpus/corpus-repository.js';
import { DEFAULT_REFERENCES_FILE } from '../../src/corpus/curated-references.js';
import { questionId } from '../../src/corpus/text-utils.js';
import { openDb, type Db } from '../../src/store/db.js';
import { tempDir } from '../helpers/app.js';

function copyCorpus(): string {
  const dir = path.join(tempDir(), 'corpus');
  fs.cpSync(path.join(projectRoot, 'data', 'corpus'), dir, { recursive: true });
  return dir;
}

function snapshot(db: Db): string {
  const questions = db.prepare('SELECT * FROM questions ORDER BY id').all();
  const fts = db.prepare('SELECT question_id, text FROM questions_fts ORDER BY question_id').all();
  const tips = db.prepare('SELECT * FROM coaching_tips ORDER BY id').all();
  return JSON.stringify({ questions, fts, tips });
}

const now = new Date('2026-11-21T09:00:00Z');

describe('corpus loader', () => {
  it('loads every record with its FTS row, and a second load changes nothing', () => {
    const dir = copyCorpus();
    const db = openDb(path.join(tempDir(), 'corpus.db'));
    const repo = createCorpusRepository(db);
    const first = loadCorpus(db, repo, dir, now);
    expect(first.inserted).toBe(repo.count());
    expect(db.prepare('SELECT count(*) AS n FROM questions_fts').get()).toEqual({ n: repo.count() });
    const before = snapshot(db);
    const second = loadCorpus(db, repo, dir, new Date('2026-11-22T09:00:00Z'));
    expect(second.skipped).toBe(true);
    expect(snapshot(db)).toBe(before);
    db.close();
  });

  it('parses unchanged files again when the code that parses them changed, and rewrites what it now parses differently', () => {
    const dir = copyCorpus();
    const db = openDb(path.join(tempDir(), 'corpus.db'));
    const repo = createCorpusRepository(db);
    loadCorpus(db, repo, dir, now, { codeFingerprint: 'old code' });
    const id = db.prepare<[], { id: string; text: string }>('SELECT id, text FROM questions ORDER BY rowid LIMIT 1').get();
    if (!id) throw new Error('the corpus loaded no question');
    // What an older parser had stored for this record.
    db.prepare("UPDATE questions SET text = 'as the old parser read it', content_hash = 'old' WHERE id = ?").run(id.id);
    expect(loadCorpus(db, repo, dir, now, { codeFingerprint: 'old code' }).skipped).toBe(true);
    const stats = loadCorpus(db, repo, dir, now, { codeFingerprint: 'new code' });
    expect(stats).toMatchObject({ skipped: false, inserted: 0, deleted: 0, updated: 1 });
    expect(repo.get(id.id)?.text).toBe(id.text);
    expect(loadCorpus(db, repo, dir, now, { codeFingerprint: 'new code' }).skipped).toBe(true);
    db.close();
  });

  it('rewrites only the records an edited file changed', () => {
    const dir = copyCorpus();
    const db = openDb(path.join(tempDir(), 'corpus.db'));
    const repo = createCorpusRepository(db);
    loadCorpus(db, repo, dir, now);
    const total = repo.count();
    const file = path.join(dir, 'candidate-a-behavioural-answers.txt');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace('I have a keen interest in deep learning', 'I have a zealous interest in deep learning'));
    const stats = loadCorpus(db, repo, dir, now);
    expect(stats).toMatchObject({ skipped: false, inserted: 0, deleted: 0, updated: 1 });
    expect(stats.unchanged).toBe(total - 1);
    const hit = db
      .prepare("SELECT count(*) AS n FROM questions_fts WHERE questions_fts MATCH '\"zealous\"'")
      .get();
    expect(hit).toEqual({ n: 1 });
    db.close();
  });

  it('rewrites only the record whose curated entry changed, under the same id', () => {
    const dir = copyCorpus();
    const referencesFile = path.join(tempDir(), 'technical-references.json');
    fs.copyFileSync(DEFAULT_REFERENCES_FILE, referencesFile);
    const db = openDb(path.join(tempDir(), 'corpus.db'));
    const repo = createCorpusRepository(db);
    const first = loadCorpus(db, repo, dir, now, { referencesFile });
    expect(first.inserted).toBe(447);
    expect(loadCorpus(db, repo, dir, now, { referencesFile }).skipped).toBe(true);

    const dropoutId = questionId('technical', 'Dropout mechanism');
    const text = fs.readFileSync(referencesFile, 'utf8');
    const edited = text
      .replace('How does dropout work, and why does it reduce overfitting?', 'What does dropout do to a network during training, and why does it curb overfitting?')
      .replace('so the network cannot rely on any single unit.', 'so that no single unit can be relied on.');
    expect(edited).not.toBe(text);
    fs.writeFileSync(referencesFile, edited);
    const stats = loadCorpus(db, repo, dir, now, { referencesFile });
    expect(stats).toMatchObject({ skipped: false, inserted: 0, deleted: 0, updated: 1, unchanged: 446 });
    const record = repo.get(dropoutId);
    expect(record?.text).toBe('What does dropout do to a network during training, and why does it curb overfitting?');
    expect(record?.answers[0]).toContain('so that no single unit can be relied on.');
    // Still found by its new words and by the bare title of its source.
    for (const match of ['"curb" AND "overfitting"', '"dropout" AND "mechanism"']) {
      expect(db.prepare('SELECT question_id FROM questions_fts WHERE questions_fts MATCH ?').all(match)).toEqual([{ question_id: dropoutId }]);
    }
    db.close();
  });

  it('completes the titles of a database loaded before the curated file existed, keeping their ids', () => {
    const dir = copyCorpus();
    const emptyReferences = path.join(tempDir(), 'technical-references.json');
    fs.writeFileSync(emptyReferences, JSON.stringify({ about: 'none yet', entries: [] }));
    const db = openDb(path.join(tempDir(), 'corpus.db'));
    const repo = createCorpusRepository(db);
    loadCorpus(db, repo, dir, now, { referencesFile: emptyReferences });
    const untitled = repo.list({ kind: 'technical', limit: 1000, offset: 0 }).items.filter((item) => !item.hasModelAnswer);
    expect(untitled).toHaveLength(31);

    const stats = loadCorpus(db, repo, dir, now);
    expect(stats).toMatchObject({ inserted: 0, deleted: 0, updated: 31, unchanged: 416 });
    const after = repo.list({ kind: 'technical', limit: 1000, offset: 0 }).items;
    expect(after.every((item) => item.hasModelAnswer)).toBe(true);
    expect(untitled.map((item) => after.find((other) => other.id === item.id)?.text)).not.toContain(undefined);
    db.close();
  });
});
