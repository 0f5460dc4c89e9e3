import fs from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';

const dist = path.join(projectRoot, 'dist');

function sourceMapOf(bundle: string): SourceMapPayload & { sourcesContent?: unknown } {
  return JSON.parse(fs.readFileSync(path.join(dist, `${bundle}.map`), 'utf8')) as SourceMapPayload & { sourcesContent?: unknown };
}

describe("the production bundle's source maps", () => {
  it('carry no copy of the sources, which every thread under --enable-source-maps would hold', () => {
    for (const bundle of ['server.mjs', 'offline-worker.mjs']) expect(sourceMapOf(bundle).sourcesContent).toBeUndefined();
  });

  it("still map a grading thread's line back to its source file and line, as a stack trace under --enable-source-maps reads it", () => {
    const source = 'parentPort?.postMessage({ ready: true });';
    const bundled = fs.readFileSync(path.join(dist, 'offline-worker.mjs'), 'utf8').split('\n');
    const original = fs.readFileSync(path.join(projectRoot, 'src', 'grading', 'offline', 'offline-worker.ts'), 'utf8').split('\n');
    const bundledLine = bundled.indexOf(source);
    expect(bundledLine).toBeGreaterThanOrEqual(0);

    const entry = new SourceMap(sourceMapOf('offline-worker.mjs')).findEntry(bundledLine, 0);
    expect('originalSource' in entry && entry.originalSource).toMatch(/src\/grading\/offline\/offline-worker\.ts$/);
    expect('originalLine' in entry && entry.originalLine).toBe(original.indexOf(source));
  });
});
