import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleInfo } from '../bundle-info.js';
import { projectRoot } from '../config.js';

/**
 * A hash of the code now running: the server bundle when it runs (`npm start`), else every TypeScript file
 * under src/ (tests, `npm run dev`), with the locked versions of the packages (the parser reads with wink's
 * model, which the bundle leaves in node_modules). The parsed corpus is derived by that code, so the loader
 * reparses when it changes even if the corpus files did not: an upgrade that only changes parsing must not
 * keep the rows the old code wrote. Any code change counts (a parse costs ~0.2 s once). Computed once per process.
 */
export function codeFingerprint(): string {
  fingerprint ??= computeFingerprint();
  return fingerprint;
}

let fingerprint: string | undefined;

function computeFingerprint(): string {
  const here = fileURLToPath(import.meta.url);
  const lockFile = path.join(projectRoot, 'package-lock.json');
  const locked = fs.existsSync(lockFile) ? [lockFile] : [];
  if (bundleInfo) return hashFiles(projectRoot, [here, ...locked]);
  const srcDir = path.join(projectRoot, 'src');
  return hashFiles(projectRoot, [...typeScriptFiles(srcDir), ...locked]);
}

function typeScriptFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name))
    .sort();
}

function hashFiles(base: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(base, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}
