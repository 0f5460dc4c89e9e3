import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { tempDir } from '../helpers/app.js';
import { migrationFiles, migrationNamed, previousRelease, storedResult as result } from '../helpers/migrations.js';

const MIGRATION = migrationNamed('-limits-and-progress.sql');

describe(`migration ${MIGRATION} on a database written by the previous release`, () => {
  it('backfills the progress totals (per dimension and per topic) and the draft bytes, then keeps the totals right through inserts and deletes', () => {
    const file = path.join(tempDir(), 'previous.db');
    // The previous release's schema with data in it.
    const old = previousRelease(file, MIGRATION);
    old.exec(`
      INSERT INTO users (id, name, token_hash, created_at) VALUES ('u1', 'Ada', 'h', '2026-01-01');
      INSERT INTO sessions (id, user_id, mode, options, plan, status, created_at) VALUES ('s1', 'u1', 'technical', '{}', '[]', 'active', 1);
      INSERT INTO client_events (session_id, turn_id, type, at, text) VALUES ('s1', 't1', 'draft', 1, 'héllo'), ('s1', 't1', 'draft', 2, 'abc'), ('s1', 't1', 'answer', 3, 'ignored');
    `);
    const insert = old.prepare(
      `INSERT INTO feedback (id, user_id, session_id, topic, question, answer, input_hash, rubric, overall, result, grader_kind, created_at)
       VALUES (?, 'u1', ?, ?, 'q', 'a', ?, 'technical', ?, ?, 'offline', ?)`,
    );
    insert.run('f1', 's1', 'Trees', 'h1', 3, result({ correctness: 2, depth: 4 }), 1);
    insert.run('f2', null, null, 'h2', 4, result({ correctness: 4 }), 2);
    old.close();

    const db = openDb(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrationFiles.length);
    expect(db.prepare("SELECT draft_bytes FROM sessions WHERE id = 's1'").get()).toEqual({ draft_bytes: 9 });
    // Migration 010 keeps these totals per answer source; summed over both they are migration 007's.
    const totals = () =>
      db.prepare('SELECT dimension, max(label) AS label, sum(total) AS total, sum(count) AS count FROM dimension_source_totals GROUP BY dimension ORDER BY dimension').all();
    expect(totals()).toEqual([
      { dimension: 'correctness', label: 'CORRECTNESS', total: 6, count: 2 },
      { dimension: 'depth', label: 'DEPTH', total: 4, count: 1 },
    ]);
    const topics = () => db.prepare('SELECT topic, sum(total) AS total, sum(count) AS count FROM topic_source_totals GROUP BY topic ORDER BY topic').all();
    expect(topics()).toEqual([
      { topic: '', total: 4, count: 1 },
      { topic: 'Trees', total: 3, count: 1 },
    ]);

    db.prepare(
      `INSERT INTO feedback (id, user_id, topic, question, answer, input_hash, rubric, overall, result, grader_kind, created_at)
       VALUES ('f3', 'u1', 'Trees', 'q', 'a', 'h3', 'technical', 5, ?, 'offline', 3)`,
    ).run(result({ correctness: 5, clarity: 3 }));
    expect(topics()).toEqual([
      { topic: '', total: 4, count: 1 },
      { topic: 'Trees', total: 8, count: 2 },
    ]);
    expect(totals()).toEqual([
      { dimension: 'clarity', label: 'CLARITY', total: 3, count: 1 },
      { dimension: 'correctness', label: 'CORRECTNESS', total: 11, count: 3 },
      { dimension: 'depth', label: 'DEPTH', total: 4, count: 1 },
    ]);
    // Deleting the session cascades to its feedback; the triggers take it out of the totals.
    db.prepare("DELETE FROM sessions WHERE id = 's1'").run();
    db.prepare("DELETE FROM feedback WHERE id = 'f3'").run();
    expect(totals()).toEqual([{ dimension: 'correctness', label: 'CORRECTNESS', total: 4, count: 1 }]);
    expect(topics()).toEqual([{ topic: '', total: 4, count: 1 }]);
    db.close();
  });
});
