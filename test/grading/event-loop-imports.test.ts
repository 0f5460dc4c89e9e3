import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const app = fileURLToPath(new URL('../../src/app.ts', import.meta.url));

/*
 * With grading threads (the default) the NLP model lives only in them: the server's event loop imports the grading
 * code that wraps the threads, and loading wink's language model there cost start-up time and memory for nothing.
 * wink is a CommonJS package, so whether it was loaded shows in require's module cache of a fresh process.
 */
const script = `
import { createRequire } from 'node:module';
await import(${JSON.stringify(app)});
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => /[\\\\/]wink-nlp[\\\\/]|wink-eng-lite-web-model[\\\\/]dist[\\\\/]model/.test(file));
process.stdout.write(JSON.stringify(loaded));
`;

describe("the server's event loop", () => {
  it('does not load the NLP model by importing the app (only grading threads read answers)', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
