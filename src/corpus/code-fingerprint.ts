import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleInfo } from '../bundle-info.js';

/**
 * A hash of the code now running: the server bundle when it runs (`npm start`), else every TypeScript file
 * under src/ (tests, `npm run dev`). The parsed corpus is derived by that code, so the loader reparses when
 * it changes even if the corpus files did not: an upgrade that only changes parsing must not keep the rows
 * the old code wrote. Computed once per process.
 */
export function codeFingerprint(): string {
  fingerprint ??= computeFingerprint();
  return fingerprint;
}

let fingerprint: string | undefined;

function computeFingerprint(): string {
  const here = fileURLToPath(import.meta.url);
  if (bundleInfo) return hashFiles(path.dirname(here), [here]);
  const srcDir = path.dirname(path.dirname(here));
  return hashFiles(srcDir, typeScriptFiles(srcDir));
}

function typeScriptFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function hashFiles(base: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(base, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}
