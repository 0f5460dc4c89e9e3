/**
 * axe-core in the real page: the engine is evaluated in the page through the devtools protocol (the page's
 * CSP forbids inline scripts, and evaluation is how a tester's extension would run it), then asked for the
 * violations of WCAG 2.x A/AA and best-practice rules. Tests fail on any critical or serious one.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { settle } from './browser.js';

declare global {
  interface Window {
    axe?: typeof import('axe-core');
  }
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe on the page as it stands and returns every violation with the elements it names. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  await settle(page);
  const loaded = await page.evaluate(() => window.axe !== undefined);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    if (window.axe === undefined) throw new Error('axe-core did not load in the page');
    const result: AxeResults = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')),
    }));
  });
}

/**
 * An audit of one page across its states: `check` runs axe at 1280 px and at 375 px and records every
 * critical or serious violation with the state and width it was seen in; `expectClean` fails with all of
 * them at once, so one run shows everything to fix.
 */
export function axeAudit(page: Page): { check: (state: string) => Promise<void>; expectClean: () => void } {
  const findings: string[] = [];
  return {
    async check(state) {
      const size = page.viewportSize() ?? { width: 1280, height: 900 };
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: width < 600 ? 800 : 900 });
        for (const violation of await axeViolations(page)) {
          if (violation.impact === 'critical' || violation.impact === 'serious') {
            findings.push(`${state} at ${width} px: ${violation.id} (${violation.impact}) ${violation.help}: ${violation.targets.join(' | ')}`);
          }
        }
      }
      await page.setViewportSize(size);
      await settle(page);
    },
    expectClean() {
      expect(findings).toEqual([]);
    },
  };
}
