import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config.js';
import { loadLabelledSet } from '../../src/eval/labelled-set.js';

/** The tests' own labelled set: 3 technical questions with 12 answers on 0–5, named `fixtures/tiny-set`. */
export const TINY_SET_FILE = path.join(projectRoot, 'test', 'eval', 'fixtures', 'tiny-set.json');
export const tinySet = loadLabelledSet(TINY_SET_FILE);

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `npm run eval -- …args` as its own process, with the environment given and nothing else from the suite's
 * (no model configured unless a test configures one).
 */
export function runEvalCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/eval/eval-cli.ts', ...args], {
      cwd: projectRoot,
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'error', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
