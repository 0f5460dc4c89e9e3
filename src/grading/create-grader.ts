import type { FastifyBaseLogger } from 'fastify';
import { useLlmGrader, type Config } from '../config.js';
import { createLlmClient, llmClientOptionsFromConfig } from '../llm/client.js';
import type { Grader } from './grader.js';
import { createLlmGrader } from './llm-grader.js';
import { createOfflineGrader } from './offline/offline-grader.js';

/**
 * The grader the configuration asks for, and the offline one it falls back on (the same grader when no
 * model is configured).
 */
export function createGraders(config: Config, logger: FastifyBaseLogger): { primary: Grader; offline: Grader } {
  const offline = createOfflineGrader();
  if (!useLlmGrader(config)) return { primary: offline, offline };
  const primary = createLlmGrader({
    client: createLlmClient(llmClientOptionsFromConfig(config)),
    model: config.COACH_MODEL,
    outputMode: config.LLM_OUTPUT_MODE,
    fallback: offline,
    logger,
  });
  return { primary, offline };
}
