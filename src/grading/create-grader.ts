import type { FastifyBaseLogger } from 'fastify';
import { useLlmGrader, type Config } from '../config.js';
import { createLlmClient, llmClientOptionsFromConfig } from '../llm/client.js';
import type { Grader } from './grader.js';
import { createLlmGrader } from './llm-grader.js';
import { createOfflineGrader } from './offline/offline-grader.js';

/** The grader the configuration asks for; the LLM grader always has the offline one to fall back on. */
export function createGrader(config: Config, logger: FastifyBaseLogger): Grader {
  const offline = createOfflineGrader();
  if (!useLlmGrader(config)) return offline;
  return createLlmGrader({
    client: createLlmClient(llmClientOptionsFromConfig(config)),
    model: config.COACH_MODEL,
    outputMode: config.LLM_OUTPUT_MODE,
    fallback: offline,
    logger,
  });
}
