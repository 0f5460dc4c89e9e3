import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { buildApp, type AppDeps } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openDb, type Db } from '../../src/store/db.js';
import { loggerOptions } from '../../src/logger.js';
import { FakeClock } from './fake-clock.js';
import { suiteLogStream } from './log-capture.js';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  clock: FakeClock;
  config: Config;
  dbPath: string;
  dir: string;
}

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interview-coach-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Builds the real app on a fresh SQLite file with a fake clock; closed after each test. */
export async function createTestApp(
  env: Record<string, string> = {},
  deps: Partial<AppDeps> & { dbPath?: string } = {},
): Promise<TestApp> {
  const dir = tempDir();
  const dbPath = deps.dbPath ?? path.join(dir, 'test.db');
  // Grading runs on the event loop in tests unless a test asks for threads: faster to start, same results.
  const config = loadConfig({ GRADER: 'offline', GRADER_THREADS: '0', LOG_LEVEL: 'silent', DATABASE_PATH: dbPath, ...env });
  const db = deps.db ?? openDb(dbPath);
  const clock = deps.clock instanceof FakeClock ? deps.clock : new FakeClock();
  const app = await buildApp(config, { logger: loggerOptions('debug', { stream: suiteLogStream() }), ...deps, db, clock });
  await app.ready();
  cleanups.push(async () => {
    await app.close();
    if (db.open) db.close();
  });
  return { app, db, clock, config, dbPath, dir };
}

export async function createUser(app: FastifyInstance, name = 'Ada'): Promise<{ id: string; token: string; auth: { authorization: string } }> {
  const response = await app.inject({ method: 'POST', url: '/api/users', payload: { name } });
  const body = response.json<{ id: string; token: string }>();
  return { ...body, auth: { authorization: `Bearer ${body.token}` } };
}

/** Listens on a free loopback port and returns the websocket URL of the app. */
export async function listenWs(test: TestApp): Promise<string> {
  await test.app.listen({ host: '127.0.0.1', port: 0 });
  const address = test.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return `ws://127.0.0.1:${address.port}/ws`;
}
