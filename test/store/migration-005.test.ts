import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { openDb } from '../../src/store/db.js';
import { tempDir } from '../helpers/app.js';

const migration = (name: string) => fs.readFileSync(path.join(projectRoot, 'src', 'store', 'migrations', name), 'utf8');

/**
 * A database as the release before question types left it: schema version 4 with a user, STAR feedback and
 * a transcription attached to it (transcriptions reference feedback, which migration 005 rebuilds).
 */
function databaseAtVersion4(file: string): void {
  const raw = new Database(file);
  for (const name of ['001-corpus-and-users.sql', '002-interviews-and-feedback.sql', '003-voice-transcriptions.sql', '004-feedback-reference-answer.sql']) {
    raw.exec(migration(name));
  }
  raw.pragma('user_version = 4');
  raw.prepare("INSERT INTO users (id, name, token_hash, created_at) VALUES ('u1', 'Ada', 'hash', '2026-11-01T00:00:00Z')").run();
  raw
    .prepare(
      `INSERT INTO feedback (id, user_id, session_id, turn_id, question_id, question, topic, answer, input_hash, rubric, overall, result, grader_kind, created_at)
       VALUES ('f1', 'u1', NULL, NULL, NULL, 'Tell me about a time you failed.', NULL, 'An answer.', 'h1', 'star', 3.2, '{}', 'offline', 1)`,
    )
    .run();
  raw
    .prepare(
      `INSERT INTO transcriptions (id, user_id, created_at, format, duration_sec, text, words, delivery, notes, model, feedback_id, used_at)
       VALUES ('tr1', 'u1', 1, 'webm', 12.5, 'An answer.', NULL, '{}', '[]', 'whisper-1', 'f1', 2)`,
    )
    .run();
  raw.close();
}

describe('migration 005: question types', () => {
  it('keeps feedback written before it and what references it, then accepts feedback graded with any rubric', () => {
    const file = path.join(tempDir(), 'v4.db');
    databaseAtVersion4(file);
    const db = openDb(file);
    // 005 and every later migration applied.
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(5);
    expect(db.prepare('SELECT id, rubric, overall FROM feedback').all()).toEqual([{ id: 'f1', rubric: 'star', overall: 3.2 }]);
    // Rebuilding the feedback table did not cascade into the transcription attached to it.
    expect(db.prepare('SELECT id, feedback_id FROM transcriptions').all()).toEqual([{ id: 'tr1', feedback_id: 'f1' }]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.prepare(
      `INSERT INTO feedback (id, user_id, session_id, turn_id, question_id, question, topic, answer, input_hash, rubric, overall, result, grader_kind, created_at)
       VALUES ('f2', 'u1', NULL, NULL, NULL, 'Why here?', NULL, 'Because.', 'h2', 'motivation', 2.0, '{}', 'offline', 2)`,
    ).run();
    expect(db.prepare("SELECT count(*) AS n FROM feedback WHERE user_id = 'u1'").get()).toEqual({ n: 2 });
    // Indexes and the cascade from users survive the rebuild of the table.
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'feedback' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
    expect(indexes).toEqual(expect.arrayContaining([{ name: 'feedback_input' }, { name: 'feedback_user' }]));
    // The new table is the parent of the transcriptions: deleting the feedback still deletes them.
    db.prepare("DELETE FROM feedback WHERE id = 'f1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM transcriptions').get()).toEqual({ n: 0 });
    db.prepare("DELETE FROM users WHERE id = 'u1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM feedback').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT name FROM pragma_table_info('questions') WHERE name = 'type'").get()).toEqual({ name: 'type' });
    db.close();
  });
});
