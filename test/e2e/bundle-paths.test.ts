import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectRoot } from '../../src/config.js';
import { tempDir } from '../helpers/app.js';
import { freePort } from '../helpers/server-process.js';

const stops: Array<() => void> = [];
afterEach(() => {
  while (stops.length > 0) stops.pop()?.();
});

/**
 * The production bundle installed elsewhere, as a release would be: dist/, the data and prompts it reads,
 * the package manifest and the dependencies, but no TypeScript sources (only the page's plain files).
 */
function installBundle(): string {
  const dir = path.join(tempDir(), 'coach');
  for (const part of ['dist', 'data', 'prompts', path.join('src', 'web', 'public'), 'package.json']) {
    fs.cpSync(path.join(projectRoot, part), path.join(dir, part), { recursive: true });
  }
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('the production bundle', () => {
  it('migrates a new database and grades on a worker thread without the sources, started from another directory', async () => {
    const dir = installBundle();
    expect(fs.existsSync(path.join(dir, 'src', 'store'))).toBe(false);
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(dir, 'dist', 'server.mjs')], {
      cwd: tempDir(),
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', GRADER: 'offline', GRADER_THREADS: '1', DATABASE_PATH: '' },
      stdio: 'ignore',
    });
    stops.push(() => child.kill('SIGKILL'));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      const ready = await fetch(`${base}/readyz`).then((response) => response.ok, () => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error('server did not become ready');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The default database path is under the installed project's data/, found from the bundle's own place.
    expect(fs.existsSync(path.join(dir, 'data', 'interview-coach.db'))).toBe(true);

    const created = await fetch(`${base}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { token } = z.object({ token: z.string() }).parse(await created.json());
    const graded = await fetch(`${base}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ question: 'What is overfitting?', answer: 'The model learns noise in the training set, so it does worse on new data.' }),
    });
    expect(graded.status).toBe(200);
  });
});
