/**
 * `npm run chaos`: CHAOS_ROUNDS (default 50) rounds of `kill -9` of the real server (the production entry,
 * dist/server.mjs) under CHAOS_CLIENTS (default 8) concurrent candidates who resume after every restart.
 * Prints the figures and exits 1 unless no acknowledged answer was lost, duplicated or left ungraded, every
 * resume was gapless and `PRAGMA integrity_check` is ok. A smaller run is part of the test suite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runChaos } from './chaos-driver.js';
import { freePort, HOST, installCleanup, spawnNode, waitReady } from './proc.js';

const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: expected a positive integer`);
  return value;
};

installCleanup();
const rounds = envInt('CHAOS_ROUNDS', 50);
const clients = envInt('CHAOS_CLIENTS', 8);
const dir = mkdtempSync(path.join(os.tmpdir(), 'coach-chaos-'));
try {
  const result = await runChaos({
    rounds,
    clients,
    dbPath: path.join(dir, 'chaos.db'),
    port: await freePort(),
    start: async (dbPath, port) => {
      const child = spawnNode('server', ['--enable-source-maps', 'dist/server.mjs'], {
        DATABASE_PATH: dbPath,
        PORT: String(port),
        HOST,
        GRADER: 'offline',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '100000',
      });
      await waitReady(child, `http://${HOST}:${port}/readyz`, 30_000);
      return child.process;
    },
    progress: (line) => process.stderr.write(`[chaos] ${line}\n`),
  });
  const ok = result.lost.length === 0 && result.duplicated.length === 0 && result.ungraded.length === 0 && result.gaps.length === 0 && result.integrity === 'ok';
  process.stdout.write(
    [
      `# chaos: ${result.rounds} rounds of kill -9 under ${clients} concurrent candidates who resume`,
      `acknowledged answers   ${result.acknowledged}`,
      `lost                   ${result.lost.length}`,
      `duplicated             ${result.duplicated.length}`,
      `left ungraded          ${result.ungraded.length}`,
      `resume gaps            ${result.gaps.length}`,
      `integrity_check        ${result.integrity}`,
      `interviews completed   ${result.completedSessions}`,
      `elapsed                ${(result.elapsedMs / 1000).toFixed(1)} s`,
      ok ? 'PASS' : `FAIL ${JSON.stringify({ lost: result.lost, duplicated: result.duplicated, ungraded: result.ungraded, gaps: result.gaps }).slice(0, 2000)}`,
      JSON.stringify({ ...result, lost: result.lost.length, duplicated: result.duplicated.length, ungraded: result.ungraded.length, gaps: result.gaps.length }),
    ].join('\n') + '\n',
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
