#!/usr/bin/env node
/**
 * Bundles the server (src/server.ts and everything it imports from src/) into dist/server.mjs, and the
 * offline grading thread into dist/offline-worker.mjs, with esbuild, leaving node_modules external. The
 * production entry then starts without transpiling TypeScript at run time, which keeps start-up fast. Run by `npm run build`, and before
 * `npm start` and `npm test`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await esbuild.build({
  entryPoints: {
    server: path.join(root, 'src', 'server.ts'),
    // The offline grading thread, loaded by src/grading/offline/threaded-grader.ts beside the server.
    'offline-worker': path.join(root, 'src', 'grading', 'offline', 'offline-worker.ts'),
  },
  outdir: path.join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
