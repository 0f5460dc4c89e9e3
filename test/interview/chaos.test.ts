import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChaos } from '../../bench/chaos-driver.js';
import { tempDir } from '../helpers/app.js';
import { freePort, startServer } from '../helpers/server-process.js';

/* A small run of `npm run chaos` (which does 50 rounds with 8 candidates). */
const ROUNDS = 8;
const CLIENTS = 4;

describe('crash safety', () => {
  it(`loses, duplicates and leaves ungraded no acknowledged answer across ${ROUNDS} kill -9 under ${CLIENTS} candidates who resume`, { timeout: 240_000 }, async () => {
    const result = await runChaos({
      rounds: ROUNDS,
      clients: CLIENTS,
      dbPath: path.join(tempDir(), 'chaos.db'),
      port: await freePort(),
      start: (dbPath, port) => startServer(dbPath, port),
    });
    expect(result.acknowledged).toBeGreaterThanOrEqual(ROUNDS * CLIENTS);
    expect(result.lost).toEqual([]);
    expect(result.duplicated).toEqual([]);
    expect(result.ungraded).toEqual([]);
    expect(result.gaps).toEqual([]);
    expect(result.integrity).toBe('ok');
  });
});
