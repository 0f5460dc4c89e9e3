import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { projectRoot } from '../../src/config.js';
import { DatabaseVersionError, openDb } from '../../src/store/db.js';
import { tempDir } from '../helpers/app.js';

describe('SQLite store', () => {
  it('opens in WAL mode with synchronous FULL, foreign keys and a busy timeout', () => {
    const db = openDb(path.join(tempDir(), 'a.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it('applies every migration once and records the number of the last one', () => {
    const file = path.join(tempDir(), 'b.db');
    const first = openDb(file);
    const version = first.pragma('user_version', { simple: true });
    const files = fs.readdirSync(path.join(projectRoot, 'src', 'store', 'migrations')).filter((name) => name.endsWith('.sql')).sort();
    expect(version).toBe(Number(files.at(-1)?.slice(0, 3)));
    expect(first.prepare("SELECT name FROM sqlite_master WHERE name = 'disputes'").get()).toBeDefined();
    first.close();
    const second = openDb(file);
    expect(second.pragma('user_version', { simple: true })).toBe(version);
    expect(second.prepare("SELECT name FROM sqlite_master WHERE name = 'questions_fts'").get()).toBeDefined();
    second.close();
  });

  it('upgrades a database of the first release (schema 2) to the latest, and its feedback can be disputed', () => {
    const file = path.join(tempDir(), 'old.db');
    const old = new Database(file);
    const migrations = path.join(projectRoot, 'src', 'store', 'migrations');
    for (const name of ['001-corpus-and-users.sql', '002-interviews-and-feedback.sql']) old.exec(fs.readFileSync(path.join(migrations, name), 'utf8'));
    old.pragma('user_version = 2');
    old.prepare("INSERT INTO users (id, name, token_hash, created_at) VALUES ('u_1', 'Ada', 'h', '2026-11-01')").run();
    old
      .prepare(
        `INSERT INTO feedback (id, user_id, question, answer, input_hash, rubric, overall, result, grader_kind, created_at)
         VALUES ('f_1', 'u_1', 'Why?', 'Because.', 'old-hash', 'star', 2.5, '{}', 'offline', 1)`,
      )
      .run();
    old.close();

    const upgraded = openDb(file);
    const files = fs.readdirSync(migrations).filter((name) => name.endsWith('.sql')).sort();
    expect(upgraded.pragma('user_version', { simple: true })).toBe(Number(files.at(-1)?.slice(0, 3)));
    upgraded.prepare("INSERT INTO disputes (id, feedback_id, user_id, dimension, expected, note, created_at) VALUES ('d_1', 'f_1', 'u_1', 'task', 4, NULL, 2)").run();
    expect(upgraded.prepare("SELECT feedback_id, expected FROM disputes WHERE id = 'd_1'").get()).toEqual({ feedback_id: 'f_1', expected: 4 });
    upgraded.close();
  });

  it('refuses a database written by a newer version of the server', () => {
    const file = path.join(tempDir(), 'c.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDb(file)).toThrow(DatabaseVersionError);
  });

  it('upgrades a database of the first release (schema 2) and keeps its feedback, without a stored reference', () => {
    const file = path.join(tempDir(), 'old.db');
    const old = new Database(file);
    const migrations = path.join(projectRoot, 'src', 'store', 'migrations');
    for (const name of ['001-corpus-and-users.sql', '002-interviews-and-feedback.sql']) old.exec(readFileSync(path.join(migrations, name), 'utf8'));
    old.pragma('user_version = 2');
    old.prepare("INSERT INTO users (id, name, token_hash, created_at) VALUES ('u_1', 'Ada', 'h', '2026-11-01')").run();
    old
      .prepare(
        `INSERT INTO feedback (id, user_id, question, answer, input_hash, rubric, overall, result, grader_kind, created_at)
         VALUES ('f_1', 'u_1', 'Why?', 'Because.', 'old-hash', 'technical', 2.5, '{}', 'offline', 1)`,
      )
      .run();
    old.close();
    const db = openDb(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
    expect(db.prepare("SELECT answer, reference_answer FROM feedback WHERE id = 'f_1'").get()).toEqual({ answer: 'Because.', reference_answer: null });
    db.close();
  });
});
