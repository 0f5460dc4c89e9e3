import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { projectRoot } from '../../src/config.js';

const MIGRATIONS = path.join(projectRoot, 'src', 'store', 'migrations');

/** Every migration file, in the order they apply. */
export const migrationFiles = fs.readdirSync(MIGRATIONS).filter((file) => /^\d{3}-.+\.sql$/.test(file)).sort();

/** The migration whose file name ends with `suffix`; fails the test file if there is none. */
export function migrationNamed(suffix: string): string {
  const found = migrationFiles.find((file) => file.endsWith(suffix));
  if (!found) throw new Error(`no migration ending with ${suffix}`);
  return found;
}

/**
 * A database at `file` with the schema of the release before `migration`: every migration numbered below
 * it applied, and `user_version` saying so. The caller writes its data and closes it.
 */
export function previousRelease(file: string, migration: string): Database.Database {
  const before = migrationFiles.filter((name) => name < migration);
  const db = new Database(file);
  for (const name of before) db.exec(fs.readFileSync(path.join(MIGRATIONS, name), 'utf8'));
  db.pragma(`user_version = ${before.length}`);
  return db;
}

/** A stored technical feedback result with these dimension scores (labels are the keys in capitals). */
export const storedResult = (scores: Record<string, number>): string =>
  JSON.stringify({
    rubric: 'technical',
    overall: 3,
    dimensions: Object.entries(scores).map(([key, score]) => ({ key, label: key.toUpperCase(), score, rationale: 'r' })),
    strengths: [],
    improvements: [],
    missingPoints: [],
    grader: { kind: 'offline', rubricVersion: '1', promptVersion: 'p' },
  });
