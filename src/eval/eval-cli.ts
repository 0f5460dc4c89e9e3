/**
 * `npm run eval [-- --data FILE…] [--grader offline|llm] [--cv K] [--answers FILE] [--without-reference]`: how well a grader agrees with people
 * on labelled answers (src/eval/README.md). With `--grader llm` it grades with the model configured by the
 * environment (OPENAI_BASE_URL, OPENAI_API_KEY, COACH_MODEL…), exactly as the server would.
 */
import { writeFileSync } from 'node:fs';
import pino from 'pino';
import { loadConfig } from '../config.js';
import { createOfflineGrader } from '../grading/offline/offline-grader.js';
import { LOG_REDACT_PATHS } from '../logger.js';
import { parseArguments, UsageError } from './arguments.js';
import { evaluate, type EvalOptions } from './evaluate.js';
import { createEvalContext } from './harness.js';
import { answerLines, formatReport } from './report.js';

async function llmOption(): Promise<NonNullable<EvalOptions['llm']>> {
  const config = loadConfig();
  const [{ createLlmClient, llmClientOptionsFromConfig }, { createLlmGrader }] = await Promise.all([
    import('../llm/client.js'),
    import('../grading/llm-grader.js'),
  ]);
  // Warnings (a reply repaired, a fallback) go to stderr; stdout carries the report alone.
  const logger = pino(
    { level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } },
    pino.destination(2),
  );
  const grader = createLlmGrader({
    client: createLlmClient(llmClientOptionsFromConfig(config)),
    model: config.COACH_MODEL,
    outputMode: config.LLM_OUTPUT_MODE,
    fallback: createOfflineGrader(),
    logger,
  });
  return { grader, model: config.COACH_MODEL };
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2), { grader: true, cv: true, answers: true, 'without-reference': true });
  const llm = options.grader === 'llm' ? await llmOption() : undefined;
  const context = createEvalContext(undefined, { withoutReference: options.withoutReference });
  try {
    const report = await evaluate(context, { sets: options.sets, folds: options.folds, ...(llm ? { llm } : {}) });
    if (options.answersFile !== undefined) writeFileSync(options.answersFile, answerLines(report));
    process.stdout.write(`${formatReport(report)}\n`);
  } finally {
    context.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`eval: ${message}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
