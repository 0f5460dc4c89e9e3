import fs from 'node:fs';
import path from 'node:path';
import { FORBIDDEN_IN_LOGS, LOG_DIR } from './helpers/log-capture.js';

/*
 * The browser tests need Chromium on any machine with only Node, so by default they use the build shipped
 * inside the @sparticuz/chromium package (nothing is downloaded). It is unpacked here, once, before the
 * test files run in parallel: its unpacker is not safe against concurrent calls. CHROMIUM_PATH overrides it
 * (e.g. Debian's /usr/bin/chromium).
 */
async function resolveChromium(): Promise<void> {
  if (process.env.CHROMIUM_PATH) return;
  const { default: chromium } = await import('@sparticuz/chromium');
  process.env.CHROMIUM_PATH = await chromium.executablePath();
}

/** Collects the logs of the whole suite and fails the run if any line leaks a secret or candidate text. */
export default async function setup(): Promise<() => void> {
  await resolveChromium();
  fs.rmSync(LOG_DIR, { recursive: true, force: true });
  fs.mkdirSync(LOG_DIR, { recursive: true });
  return () => {
    const leaks: string[] = [];
    let lines = 0;
    for (const file of fs.readdirSync(LOG_DIR)) {
      for (const line of fs.readFileSync(path.join(LOG_DIR, file), 'utf8').split('\n')) {
        if (line === '') continue;
        lines += 1;
        for (const { what, pattern } of FORBIDDEN_IN_LOGS) {
          if (pattern.test(line)) leaks.push(`${file}: ${what}: ${line.slice(0, 200)}`);
        }
      }
    }
    const problem =
      leaks.length > 0
        ? `secrets or candidate text in the suite's logs:\n${leaks.slice(0, 10).join('\n')}`
        : lines === 0
          ? 'the suite wrote no log lines: log capture is not working'
          : undefined;
    if (problem) {
      // Vitest reports a teardown error but keeps exit code 0; the run must fail.
      process.stderr.write(`\n${problem}\n`);
      process.exitCode = 1;
    }
  };
}
