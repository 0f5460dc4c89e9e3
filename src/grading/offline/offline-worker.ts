import { parentPort } from 'node:worker_threads';
import { z } from 'zod';
import { createSystemClock } from '../../clock.js';
import type { GradeInput } from '../grader.js';
import { collectWhenIdle, fullCollection } from './full-collection.js';
import { AnalysisTimeoutError, setAnalysisDeadline } from './nlp.js';
import { gradeOffline } from './offline-grader.js';
import { afterPendingMessages, warmGradingThread, WarmUpItemSchema } from './profile-warm-up.js';
import { referenceProfile } from './reference-profile.js';
import { RubricIdSchema } from '../../contracts/rubric-schema.js';

/*
 * A grading thread: the same deterministic grader, off the server's event loop. Before it says it is
 * ready it grades one answer of each rubric, so the first real grading runs on compiled code and fits the
 * time limit (a cold first grading takes several times longer).
 */
const WARM_UP_ANSWER =
  'Last year our nightly training job failed twice a week. I owned its reliability, so I profiled it, split it into ' +
  'stages and added retries. For example, a stage that timed out now resumes. Failures dropped from eight a month to one.';
for (const rubric of RubricIdSchema.options) {
  gradeOffline({
    rubric,
    question: { id: null, text: 'Tell me about a time you made a pipeline reliable.', kind: null, topic: null },
    answer: WARM_UP_ANSWER,
    reference: { answers: [WARM_UP_ANSWER], notes: [], fromRelated: false },
  });
}

/**
 * Each grading stops itself once past `timeoutMs` (the parent terminates the thread only if that fails). The
 * clock covers the answer only: the reference's analysis is the question's cost, cached for the next
 * answers to it, and runs first. Once ready, the thread is sent the corpus questions and builds their
 * reference profiles one at a time between gradings (profile-warm-up.ts), so that the first grading of a
 * question finds its profile built, then grades an answer of interview length to each of them, so that the
 * grading code is optimised before real answers come; it says `warmed` when done, after collecting the
 * warm-up's garbage (full-collection.ts), which an idle thread would otherwise hold for good.
 */
const WarmMessageSchema = z.object({ warm: z.array(WarmUpItemSchema) });
let warmUp: { stop(): void } | null = null;
// What gradings leave is collected once the thread has been idle a while (full-collection.ts, IDLE_COLLECTION_MS).
const idle = collectWhenIdle(createSystemClock());

parentPort?.on('message', (message: { id: number; input: GradeInput; timeoutMs: number } | { warm: unknown }) => {
  if ('warm' in message) {
    warmUp?.stop();
    // A list this thread cannot read is not warmed up; throwing here would kill the thread, and its
    // replacement would be sent the same list.
    const parsed = WarmMessageSchema.safeParse(message);
    warmUp = warmGradingThread(parsed.success ? parsed.data.warm : [], {
      schedule: afterPendingMessages,
      onFinished: (built) => {
        warmUp = null;
        // Once the last slice has returned, nothing holds the list and the code warm-up's answers (2 MB): the
        // collection takes them too.
        setImmediate(() => {
          fullCollection();
          parentPort?.postMessage({ warmed: built });
        });
      },
    });
    return;
  }
  try {
    referenceProfile(message.input.question.text, message.input.reference);
    setAnalysisDeadline(performance.now() + message.timeoutMs);
    parentPort?.postMessage({ id: message.id, result: gradeOffline(message.input) });
  } catch (error) {
    const timedOut = error instanceof AnalysisTimeoutError;
    parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error), timedOut });
  } finally {
    setAnalysisDeadline(Number.POSITIVE_INFINITY);
    idle.graded();
  }
});
parentPort?.postMessage({ ready: true });
