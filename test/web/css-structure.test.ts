import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The page's CSS is one file per view or component under src/web/public/styles/, bundled by esbuild from the
 * entry src/web/public/styles.css, which only imports them. A view's phone rules sit in its own file, after
 * the rules they adjust; no file restyles another file's classes at some width, because such overrides
 * piled up at the end of one big stylesheet and fought each other.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const publicDir = path.join(root, 'src', 'web', 'public');
const stylesDir = path.join(publicDir, 'styles');

/** A style rule with the at-rules around it (outermost first), or a statement at-rule such as `@import`. */
interface CssRule {
  selector: string;
  atRules: string[];
}

/**
 * The style rules and statement at-rules of a stylesheet, in source order. Enough CSS for this project's
 * files: comments, quoted strings, nested @media/@supports; keyframes count as one at-rule, not as rules.
 */
function parseCss(source: string): CssRule[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, ' ');
  const rules: CssRule[] = [];
  let index = 0;
  const readPrelude = (): { prelude: string; end: '{' | ';' | '}' | 'eof' } => {
    let prelude = '';
    let quote: string | null = null;
    while (index < text.length) {
      const char = text[index++]!;
      if (quote !== null) {
        if (char === quote) quote = null;
      } else if (char === '"' || char === "'") {
        quote = char;
      } else if (char === '{' || char === ';' || char === '}') {
        return { prelude: prelude.trim(), end: char };
      }
      prelude += char;
    }
    return { prelude: prelude.trim(), end: 'eof' };
  };
  const skipBlock = () => {
    let depth = 1;
    let quote: string | null = null;
    while (index < text.length && depth > 0) {
      const char = text[index++]!;
      if (quote !== null) {
        if (char === quote) quote = null;
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '{') depth += 1;
      else if (char === '}') depth -= 1;
    }
  };
  const parseBlock = (atRules: string[]) => {
    for (;;) {
      const { prelude, end } = readPrelude();
      if (end === 'eof' || end === '}') return;
      if (end === ';') {
        if (prelude !== '') rules.push({ selector: prelude, atRules });
      } else if (/^@(?:media|supports|layer|container)\b/.test(prelude)) {
        parseBlock([...atRules, prelude]);
      } else if (prelude.startsWith('@')) {
        rules.push({ selector: prelude, atRules });
        skipBlock();
      } else {
        rules.push({ selector: prelude.replace(/\s+/g, ' '), atRules });
        skipBlock();
      }
    }
  };
  parseBlock([]);
  return rules;
}

/** The selectors of a rule, split at top-level commas (not those inside `:not(…)` or `:has(…)`). */
function selectorList(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

/** The class a selector is about: its first class outside `:not(…)`/`:has(…)` (`.composer-actions .btn` is the composer's). */
function ownerClass(selector: string): string | undefined {
  const withoutPseudoArguments = selector.replace(/\([^()]*\)/g, '');
  return /\.([a-zA-Z_][\w-]*)/.exec(withoutPseudoArguments)?.[1];
}

const isStyleRule = (rule: CssRule) => !rule.selector.startsWith('@');
const widthQuery = (rule: CssRule) => rule.atRules.some((atRule) => /^@media\b.*\b(?:max|min)-width\b/.test(atRule));

function styleFiles(): string[] {
  return readdirSync(stylesDir)
    .filter((name) => name.endsWith('.css'))
    .sort();
}

const read = (file: string) => readFileSync(path.join(stylesDir, file), 'utf8');

/** For every class, the files whose rules (outside width queries) are about it. */
function classOwners(): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  for (const file of styleFiles()) {
    for (const rule of parseCss(read(file)).filter((rule) => isStyleRule(rule) && !widthQuery(rule) && rule.atRules.length === 0)) {
      for (const selector of selectorList(rule.selector)) {
        const owner = ownerClass(selector);
        if (owner === undefined) continue;
        owners.set(owner, (owners.get(owner) ?? new Set()).add(file));
      }
    }
  }
  return owners;
}

describe('the CSS parser used by these checks', () => {
  it('finds rules inside nested media queries, skips keyframes and ignores braces in comments and strings', () => {
    const rules = parseCss(
      [
        "@import './a.css';",
        '/* .ghost { } */',
        ".a::before { content: '{'; }",
        '@keyframes spin { to { transform: rotate(1turn); } }',
        '@media (max-width: 640px) { .b, .c:not(.d, .e) { color: red; } @media (max-width: 420px) { .f { color: blue; } } }',
        '.g { color: green; }',
      ].join('\n'),
    );
    expect(rules).toEqual([
      { selector: "@import './a.css'", atRules: [] },
      { selector: '.a::before', atRules: [] },
      { selector: '@keyframes spin', atRules: [] },
      { selector: '.b, .c:not(.d, .e)', atRules: ['@media (max-width: 640px)'] },
      { selector: '.f', atRules: ['@media (max-width: 640px)', '@media (max-width: 420px)'] },
      { selector: '.g', atRules: [] },
    ]);
    expect(selectorList('.b, .c:not(.d, .e)')).toEqual(['.b', '.c:not(.d, .e)']);
    expect(ownerClass("body[data-connection='failed'] .room-head")).toBe('room-head');
    expect(ownerClass('.btn:not(.btn-primary, .btn-danger)')).toBe('btn');
  });
});

describe('the stylesheet structure', () => {
  it('has an entry that only imports, every file under styles/ exactly once, base first and print last', () => {
    const entry = parseCss(readFileSync(path.join(publicDir, 'styles.css'), 'utf8'));
    const notImports = entry.filter((rule) => !rule.selector.startsWith('@import '));
    expect(notImports).toEqual([]);
    const imported = entry.map((rule) => /^@import\s+['"]\.\/styles\/([\w-]+\.css)['"]$/.exec(rule.selector)?.[1] ?? rule.selector);
    expect([...imported].sort()).toEqual(styleFiles());
    expect(new Set(imported).size).toBe(imported.length);
    expect(imported[0]).toBe('base.css');
    expect(imported.at(-1)).toBe('print.css');
  });

  it('gives each class its rules in one file only', () => {
    const shared = [...classOwners()].filter(([, files]) => files.size > 1).map(([name, files]) => `.${name}: ${[...files].join(', ')}`);
    expect(shared).toEqual([]);
  });

  it("keeps each phone or width rule in the file of the class it adjusts, after that class's own rules", () => {
    const owners = classOwners();
    const misplaced: string[] = [];
    for (const file of styleFiles()) {
      const seen = new Set<string>();
      for (const rule of parseCss(read(file)).filter(isStyleRule)) {
        for (const selector of selectorList(rule.selector)) {
          const owner = ownerClass(selector);
          if (owner === undefined) continue;
          if (!widthQuery(rule)) {
            seen.add(owner);
            continue;
          }
          const ownerFiles = owners.get(owner);
          if (ownerFiles === undefined) continue;
          if (!ownerFiles.has(file)) misplaced.push(`${file}: '${selector}' adjusts .${owner}, whose rules are in ${[...ownerFiles].join(', ')}`);
          else if (!seen.has(owner)) misplaced.push(`${file}: '${selector}' comes before the rules of .${owner} it adjusts`);
        }
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('has no width query outside the view files: the print sheet holds only print rules', () => {
    const printRules = parseCss(read('print.css')).filter(isStyleRule);
    expect(printRules.length).toBeGreaterThan(0);
    expect(printRules.filter((rule) => !rule.atRules.includes('@media print'))).toEqual([]);
  });
});
