import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { projectRoot } from '../../src/config.js';

/** Every app a test builds logs here at debug level; the global teardown scans it for leaked secrets. */
export const LOG_DIR = path.join(projectRoot, 'test-artifacts', 'logs');

let destination: pino.DestinationStream | undefined;

export function suiteLogStream(): pino.DestinationStream {
  if (!destination) {
    fs.mkdirSync(LOG_DIR, { recursive: true });
    destination = pino.destination({ dest: path.join(LOG_DIR, `worker-${process.pid}.log`), sync: true, append: true });
  }
  return destination;
}

/** Text that must never appear in a log line: bearer tokens, API keys, answers and model output used by tests. */
export const FORBIDDEN_IN_LOGS: ReadonlyArray<{ what: string; pattern: RegExp }> = [
  { what: 'a bearer token', pattern: /ic_[A-Za-z0-9_-]{43}/ },
  { what: 'an API key', pattern: /sk-test[\w-]*/ },
  { what: 'answer text', pattern: /missed a new attack pattern|nightly training job kept failing|Cross-validation splits the data/ },
  { what: 'model output', pattern: /Rationale for (situation|correctness)|States a measurable result/ },
  { what: 'a transcript', pattern: /retrained the fraud model|churn model drifted/ },
];
