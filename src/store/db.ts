import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { bundleInfo, type EmbeddedMigration } from '../bundle-info.js';
import { projectRoot } from '../config.js';

export type Db = Database.Database;

/** Read from here when running from the sources; the bundle carries its own copy. */
const migrationsDir = path.join(projectRoot, 'src', 'store', 'migrations');

export class DatabaseVersionError extends Error {}

interface Migration {
  version: number;
  name: string;
  sql: string;
}

function migrationFiles(): EmbeddedMigration[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((file) => /^\d{3}-.+\.sql$/.test(file))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(migrationsDir, name), 'utf8') }));
}

function readMigrations(): Migration[] {
  return (bundleInfo?.migrations ?? migrationFiles()).map(({ name, sql }, index) => {
    const version = Number(name.slice(0, 3));
    if (version !== index + 1) throw new Error(`migration ${name} is out of sequence`);
    return { version, name, sql };
  });
}

/** A migration that rebuilds a referenced table says so on a line of its own. */
const FOREIGN_KEYS_OFF = /^-- migrate: foreign keys off$/m;

/** Applies pending numbered migrations, each in its own transaction, tracked by `PRAGMA user_version`. */
export function migrate(db: Db): void {
  const migrations = readMigrations();
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true });
  if (typeof current !== 'number') throw new Error('cannot read user_version');
  if (current > latest) {
    throw new DatabaseVersionError(
      `database schema version ${current} is newer than this server supports (${latest}); upgrade the server`,
    );
  }
  for (const migration of migrations.slice(current)) {
    // Rebuilding a table that others reference (SQLite cannot alter a CHECK in place) needs foreign keys
    // off, or dropping the old table would cascade into its children; the pragma is a no-op inside a
    // transaction, so it is set around it and the keys are checked before the commit.
    const rebuild = FOREIGN_KEYS_OFF.test(migration.sql);
    if (rebuild) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(migration.sql);
        if (rebuild) {
          const broken = db.pragma('foreign_key_check');
          if (Array.isArray(broken) && broken.length > 0) throw new Error(`migration ${migration.name} breaks foreign keys`);
        }
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (rebuild) db.pragma('foreign_keys = ON');
    }
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
