import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
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

  it('applies every migration once and records the version', () => {
    const file = path.join(tempDir(), 'b.db');
    const first = openDb(file);
    const version = first.pragma('user_version', { simple: true });
    expect(version).toBeGreaterThanOrEqual(1);
    first.close();
    const second = openDb(file);
    expect(second.pragma('user_version', { simple: true })).toBe(version);
    expect(second.prepare("SELECT name FROM sqlite_master WHERE name = 'questions_fts'").get()).toBeDefined();
    second.close();
  });

  it('refuses a database written by a newer version of the server', () => {
    const file = path.join(tempDir(), 'c.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDb(file)).toThrow(DatabaseVersionError);
  });
});
