import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import { useLlmGrader, type Config } from '../config.js';
import { RUBRIC_FOR_TYPE } from '../contracts/rubric-schema.js';
import type { CorpusService } from '../corpus/corpus-service.js';
import type { Grader } from './grader.js';
import type { LlmClient } from '../llm/client.js';
import { boundedGrader } from './offline/bounded-grader.js';
import type { WarmUpItem } from './offline/profile-warm-up.js';
import { createThreadedOfflineGrader } from './offline/threaded-grader.js';

/** A retried grading is of at most 2,000 characters, so it may take this many times the usual time limit. */
export const RETRY_TIMEOUT_FACTOR = 10;

/** Every corpus question as the grading service sends it to the grader: its text, its type's rubric and its reference. */
export function corpusWarmUp(corpus: CorpusService): WarmUpItem[] {
  return corpus.all().map((record) => ({
    question: record.text,
    rubric: RUBRIC_FOR_TYPE[record.type],
    reference: corpus.referenceFor({ id: record.id, text: record.text }, record),
  }));
}

/**
 * The grader the configuration asks for, and the offline one it falls back on (the same grader when no
 * model is configured).
 */
export async function createGraders(
  config: Config,
  logger: FastifyBaseLogger,
  clock: Clock,
  warmUp: readonly WarmUpItem[] = [],
): Promise<{ primary: Grader; offline: Grader; close: () => Promise<void>; client?: LlmClient }> {
  const threaded =
    config.GRADER_THREADS > 0 ? createThreadedOfflineGrader(config.GRADER_THREADS, { timeoutMs: config.GRADER_TIMEOUT_MS, clock, warmUp }) : undefined;
  // With grading threads the NLP model lives only in them: loading it here too would cost start-up time
  // and a larger heap for the event loop's garbage collector to walk. On the event loop (GRADER_THREADS=0)
  // nothing can interrupt a grading, so there is no time limit; the input caps in nlp.ts still bound it.
  // Nor is there an idle warm-up of the corpus questions' profiles there: a slice of it would hold up
  // requests, up to tens of milliseconds for a long notebook answer.
  const offline = boundedGrader(
    threaded ?? (await import('./offline/offline-grader.js')).createOfflineGrader(),
    config.GRADER_TIMEOUT_MS * RETRY_TIMEOUT_FACTOR,
  );
  const close = async () => threaded?.close();
  if (!useLlmGrader(config)) return { primary: offline, offline, close };
  // Loaded only when a model is configured: the SDK is a large import the offline default never needs.
  const [{ createLlmClient, llmClientOptionsFromConfig }, { createLlmGrader }] = await Promise.all([
    import('../llm/client.js'),
    import('./llm-grader.js'),
  ]);
  // One client for the whole server, so LLM_CONCURRENCY bounds every upstream call (the job questions' too).
  const client = createLlmClient(llmClientOptionsFromConfig(config));
  const primary = createLlmGrader({
    client,
    model: config.COACH_MODEL,
    outputMode: config.LLM_OUTPUT_MODE,
    fallback: offline,
    logger,
  });
  return { primary, offline, close, client };
}
