import { parentPort } from 'node:worker_threads';
import type { GradeInput } from '../grader.js';
import { gradeOffline } from './offline-grader.js';

/** A grading thread: the same deterministic grader, off the server's event loop. */
parentPort?.on('message', (message: { id: number; input: GradeInput }) => {
  try {
    parentPort?.postMessage({ id: message.id, result: gradeOffline(message.input) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
