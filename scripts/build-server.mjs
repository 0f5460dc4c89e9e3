#!/usr/bin/env node
/**
 * Bundles the server (src/server.ts and everything it imports from src/) into dist/server.mjs, and the
 * offline grading thread into dist/offline-worker.mjs, with esbuild, leaving node_modules external. The
 * production entry then starts without transpiling TypeScript at run time, which keeps start-up fast. Run by `npm run build`, and before
 * `npm start` and `npm test`. The SQL migrations and the worker's file name are embedded in the bundle
 * (see src/bundle-info.ts), so the bundle does not read src/ at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const migrationsDir = path.join(root, 'src', 'store', 'migrations');
const migrations = fs
  .readdirSync(migrationsDir)
  .filter((file) => /^\d{3}-.+\.sql$/.test(file))
  .sort()
  .map((name) => ({ name, sql: fs.readFileSync(path.join(migrationsDir, name), 'utf8') }));
const bundleInfo = { migrations, offlineWorker: 'offline-worker.mjs' };

await esbuild.build({
  entryPoints: {
    server: path.join(root, 'src', 'server.ts'),
    // The offline grading thread, loaded by src/grading/offline/threaded-grader.ts beside the server.
    'offline-worker': path.join(root, 'src', 'grading', 'offline', 'offline-worker.ts'),
  },
  outdir: path.join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  define: { __INTERVIEW_COACH_BUNDLE__: JSON.stringify(bundleInfo) },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  // Stack traces under --enable-source-maps need only the mappings and the sources' names; the sources' text would be
  // held by every thread that loads a bundle (about 1.5 MB a grading thread), and is read only to print a source line
  // under an uncaught error, which Node then reads from src/ (or, without it, shows the bundle's line).
  sourcesContent: false,
  logLevel: 'warning',
});
