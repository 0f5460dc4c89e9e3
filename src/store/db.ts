import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { projectRoot } from '../config.js';

export type Db = Database.Database;

// From the project root, so the path holds both for src/ and for the bundled dist/server.mjs.
const migrationsDir = path.join(projectRoot, 'src', 'store', 'migrations');

export class DatabaseVersionError extends Error {}

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/*
 * Migration numbers are reserved per change before the changes land, so a release may skip a number: the
 * versions must only increase, and `user_version` holds the number of the last migration applied.
 */
function readMigrations(): Migration[] {
  const migrations = fs
    .readdirSync(migrationsDir)
    .filter((file) => /^\d{3}-.+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file, sql: fs.readFileSync(path.join(migrationsDir, file), 'utf8') }));
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (migration.version < 1 || (previous !== undefined && migration.version <= previous.version)) {
      throw new Error(`migration ${migration.name} is out of sequence`);
    }
  });
  return migrations;
}

/** Applies pending numbered migrations, each in its own transaction, tracked by `PRAGMA user_version`. */
export function migrate(db: Db): void {
  const migrations = readMigrations();
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true });
  if (typeof current !== 'number') throw new Error('cannot read user_version');
  if (current > latest) {
    throw new DatabaseVersionError(
      `database schema version ${current} is newer than this server supports (${latest}); upgrade the server`,
    );
  }
  for (const migration of migrations.filter((candidate) => candidate.version > current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

export interface OpenDbOptions {
  /** Milliseconds a writer waits for a lock held by another connection before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/** Opens the one connection of the process: WAL, synchronous=FULL (an acked answer survives a crash), FKs on. */
export function openDb(file: string, options: OpenDbOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
