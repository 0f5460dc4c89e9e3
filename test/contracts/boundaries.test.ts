import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The folder boundaries the build does not enforce: `src/contracts` is the one module set shared by the server,
 * the browser bundle and the tests, so it may import only itself and zod; the browser client may import only
 * itself and the contracts, so no server module (Node APIs, SQLite, secrets) can leak into the page's bundle.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const src = path.join(root, 'src');
const contracts = path.join(src, 'contracts');
const client = path.join(src, 'web', 'client');

/** Every module specifier in `source`: static imports and re-exports (also multi-line and type-only), side-effect and dynamic imports. */
function importSpecifiers(source: string): string[] {
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(?:ts|mts|js|mjs)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const inside = (dir: string, file: string) => file === dir || file.startsWith(dir + path.sep);

/**
 * The imports of the files under `dir` that break its boundary: a relative import resolving into `src` outside
 * `allowedDirs`, or a package not in `allowedPackages` (when given).
 */
function violations(dir: string, allowedDirs: string[], allowedPackages?: string[]): string[] {
  return sourceFiles(dir).flatMap((file) =>
    importSpecifiers(readFileSync(file, 'utf8'))
      .filter((specifier) => {
        if (!specifier.startsWith('.')) return allowedPackages !== undefined && !allowedPackages.includes(specifier);
        const target = path.resolve(path.dirname(file), specifier);
        return inside(src, target) ? !allowedDirs.some((allowed) => inside(allowed, target)) : true;
      })
      .map((specifier) => `${path.relative(root, file)} imports '${specifier}'`),
  );
}

describe('import boundaries', () => {
  it('finds static, multi-line, type-only, re-exported, side-effect and dynamic imports', () => {
    const source = [
      "import { z } from 'zod';",
      'import {',
      '  a,',
      '  type B,',
      "} from '../interview/interview-service.js';",
      "import type { C } from './c.js';",
      "export { d } from '../store/db.js';",
      "export * from './e.js';",
      "import './side-effect.js';",
      "const f = await import('../config.js');",
      "const text = 'not an import from here';",
    ].join('\n');

    expect(importSpecifiers(source)).toEqual(
      expect.arrayContaining(['zod', '../interview/interview-service.js', './c.js', '../store/db.js', './e.js', './side-effect.js', '../config.js']),
    );
    expect(importSpecifiers(source)).toHaveLength(7);
  });

  it('src/contracts imports nothing but itself and zod', () => {
    expect(sourceFiles(contracts).length).toBeGreaterThan(5);
    expect(violations(contracts, [contracts], ['zod'])).toEqual([]);
  });

  it('the browser client imports from src only itself and src/contracts', () => {
    expect(sourceFiles(client).length).toBeGreaterThan(10);
    expect(violations(client, [client, contracts])).toEqual([]);
  });
});
