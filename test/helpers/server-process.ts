import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../../src/config.js';
import { LOG_DIR } from './log-capture.js';

/** The production entry, built by `npm run build` (which `npm test` runs first). */
export const SERVER_ENTRY = path.join(projectRoot, 'dist', 'server.mjs');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts the production entry point as its own process, so it can be signalled or killed with SIGKILL. */
export async function startServer(dbPath: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  // Its logs join the suite's, which the global teardown scans for leaked secrets.
  const log = fs.openSync(path.join(LOG_DIR, `server-${port}.log`), 'a');
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_PATH: dbPath, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', GRADER: 'offline', ...env },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready');
}
