import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import { tempDir } from '../helpers/app.js';
import { migrationFiles, migrationNamed, previousRelease, storedResult as result } from '../helpers/migrations.js';

const MIGRATION = migrationNamed('-progress-by-source.sql');

describe(`migration ${MIGRATION} on a database written by the previous release`, () => {
  it('splits the progress totals by answer source, keeps them right through inserts, deletes and cascades, and drops the old totals', () => {
    const file = path.join(tempDir(), 'previous.db');
    const old = previousRelease(file, MIGRATION);
    old.exec(`
      INSERT INTO users (id, name, token_hash, created_at) VALUES ('u1', 'Ada', 'h', '2026-01-01'), ('u2', 'Bo', 'h2', '2026-01-01');
      INSERT INTO sessions (id, user_id, mode, options, plan, status, created_at) VALUES ('s1', 'u1', 'technical', '{}', '[]', 'active', 1);
    `);
    const insert = old.prepare(
      `INSERT INTO feedback (id, user_id, session_id, topic, question, answer, input_hash, rubric, overall, result, grader_kind, created_at)
       VALUES (?, ?, ?, ?, 'q', 'a', ?, 'technical', ?, ?, 'offline', ?)`,
    );
    insert.run('f1', 'u1', 's1', 'Trees', 'h1', 3, result({ correctness: 2, depth: 4 }), 1);
    insert.run('f2', 'u1', null, 'Trees', 'h2', 4, result({ correctness: 4 }), 2);
    insert.run('f3', 'u1', null, null, 'h3', 2, result({ correctness: 1 }), 3);
    insert.run('f4', 'u2', null, 'Trees', 'h4', 5, result({ correctness: 5 }), 4);
    old.close();

    const db = openDb(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrationFiles.length);
    const dimensions = () =>
      db.prepare("SELECT quick, dimension, total, count FROM dimension_source_totals WHERE user_id = 'u1' ORDER BY quick, dimension").all();
    const topics = () => db.prepare("SELECT quick, topic, total, count FROM topic_source_totals WHERE user_id = 'u1' ORDER BY quick, topic").all();
    expect(dimensions()).toEqual([
      { quick: 0, dimension: 'correctness', total: 2, count: 1 },
      { quick: 0, dimension: 'depth', total: 4, count: 1 },
      { quick: 1, dimension: 'correctness', total: 5, count: 2 },
    ]);
    expect(topics()).toEqual([
      { quick: 0, topic: 'Trees', total: 3, count: 1 },
      { quick: 1, topic: '', total: 2, count: 1 },
      { quick: 1, topic: 'Trees', total: 4, count: 1 },
    ]);

    db.prepare(
      `INSERT INTO feedback (id, user_id, session_id, topic, question, answer, input_hash, rubric, overall, result, grader_kind, created_at)
       VALUES ('f5', 'u1', 's1', 'Trees', 'q', 'a', 'h5', 'technical', 5, ?, 'offline', 5)`,
    ).run(result({ correctness: 5 }));
    expect(topics()[0]).toEqual({ quick: 0, topic: 'Trees', total: 8, count: 2 });
    expect(dimensions()[0]).toEqual({ quick: 0, dimension: 'correctness', total: 7, count: 2 });

    // Deleting the session cascades to its feedback: the interview totals go, the quick ones stay.
    db.prepare("DELETE FROM sessions WHERE id = 's1'").run();
    expect(dimensions()).toEqual([{ quick: 1, dimension: 'correctness', total: 5, count: 2 }]);
    expect(topics()).toEqual([
      { quick: 1, topic: '', total: 2, count: 1 },
      { quick: 1, topic: 'Trees', total: 4, count: 1 },
    ]);
    db.prepare("DELETE FROM feedback WHERE id = 'f3'").run();
    expect(topics()).toEqual([{ quick: 1, topic: 'Trees', total: 4, count: 1 }]);
    // Another user's totals are untouched throughout.
    expect(db.prepare("SELECT sum(count) AS n FROM topic_source_totals WHERE user_id = 'u2'").get()).toEqual({ n: 1 });
    const names = db.prepare("SELECT name FROM sqlite_master WHERE name IN ('dimension_totals', 'topic_totals')").all();
    expect(names).toEqual([]);
    db.close();
  });
});
