import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { BaseLogger } from 'pino';
import type { Config } from '../config.js';
import { UpstreamError } from '../errors.js';
import { LlmCallError, type ChatResult, type LlmClient, type ResponseFormat } from '../llm/client.js';
import { toStrictJsonSchema } from '../llm/strict-json-schema.js';
import type { GradeResult } from './feedback-schema.js';
import type { GradeInput, GradeOptions, Grader } from './grader.js';
import { createGradingPromptBuilder, promptVersionFor } from './llm/grading-prompt.js';
import { parseGradeReply } from './llm/parse-reply.js';
import { requestedReplySchema } from './llm/reply-schema.js';
import type { Rubric, RubricId } from './rubric-schema.js';
import { getRubric, overallScore } from './rubrics.js';

export type OutputMode = Config['LLM_OUTPUT_MODE'];
type WireMode = Exclude<OutputMode, 'auto'>;

/** In `auto` mode, what to try next when the server rejects a response_format. */
const WEAKER_MODE: Record<WireMode, WireMode | undefined> = {
  json_schema: 'json_object',
  json_object: 'prompt',
  prompt: undefined,
};

export interface LlmGraderOptions {
  client: Pick<LlmClient, 'complete'>;
  model: string;
  /** `auto` starts with json_schema and steps down once per grader when the server rejects it. */
  outputMode: OutputMode;
  /** Answers whenever the model cannot (outage, timeout, truncation, invalid output twice). */
  fallback: Grader;
  /** Only these levels are used, so Fastify's logger and a bare pino instance both fit. */
  logger: Pick<BaseLogger, 'warn' | 'debug'>;
  /** Reply token limit. Default 2000: eight dimensions with rationale and quotes fit comfortably. */
  maxTokens?: number;
  /** Directory of the prompt templates. Default: the repository's `prompts/`. */
  promptsDir?: string;
}

/** Servers that report no usage are charged a rough estimate: about four characters per token. */
function estimateTokens(messages: readonly ChatCompletionMessageParam[], reply: string): number {
  const prompt = messages.reduce((sum, message) => sum + (typeof message.content === 'string' ? message.content.length : 0), 0);
  return Math.ceil((prompt + reply.length) / 4);
}

export function createLlmGrader(options: LlmGraderOptions): Grader {
  const { client, model, outputMode, fallback, logger } = options;
  const maxTokens = options.maxTokens ?? 2_000;
  const buildPrompt = createGradingPromptBuilder(options.promptsDir);
  let wireMode: WireMode = outputMode === 'auto' ? 'json_schema' : outputMode;

  const replySchemas = new Map<RubricId, Record<string, unknown>>();
  const replySchemaFor = (rubric: Rubric): Record<string, unknown> => {
    let schema = replySchemas.get(rubric.id);
    if (!schema) {
      schema = toStrictJsonSchema(requestedReplySchema(rubric));
      replySchemas.set(rubric.id, schema);
    }
    return schema;
  };

  const responseFormatFor = (mode: WireMode, rubric: Rubric): ResponseFormat | undefined => {
    if (mode === 'json_schema') {
      return {
        type: 'json_schema',
        json_schema: { name: `${rubric.id}_grade`, strict: true, schema: replySchemaFor(rubric) },
      };
    }
    return mode === 'json_object' ? { type: 'json_object' } : undefined;
  };

  async function complete(
    rubric: Rubric,
    messages: ChatCompletionMessageParam[],
    gradeOptions: GradeOptions,
  ): Promise<ChatResult> {
    for (;;) {
      const mode = wireMode;
      try {
        const result = await client.complete({
          model,
          messages,
          maxTokens,
          temperature: 0,
          responseFormat: responseFormatFor(mode, rubric),
          signal: gradeOptions.signal,
          onDelta: gradeOptions.onDelta,
        });
        gradeOptions.onUsage?.(result.usage?.totalTokens ?? estimateTokens(messages, result.text));
        return result;
      } catch (error) {
        const weaker = WEAKER_MODE[mode];
        if (outputMode !== 'auto' || weaker === undefined) throw error;
        if (!(error instanceof LlmCallError) || !error.responseFormatRejected) throw error;
        // Concurrent gradings may hit the rejection together; only the first one steps the mode down.
        if (wireMode === mode) {
          wireMode = weaker;
          logger.warn(
            { model, status: error.status, from: mode, to: weaker },
            'model server rejected response_format; output mode lowered',
          );
        }
      }
    }
  }

  async function gradeWithModel(input: GradeInput, rubric: Rubric, gradeOptions: GradeOptions): Promise<GradeResult> {
    const prompt = buildPrompt(input, rubric, JSON.stringify(replySchemaFor(rubric)));
    let attempt = { messages: prompt.messages, promptVersion: prompt.promptVersion };
    for (let attemptNumber = 1; ; attemptNumber += 1) {
      const reply = await complete(rubric, attempt.messages, gradeOptions);
      // A cut-off reply is reported, not repaired: asking again with the same limit would be cut off again.
      if (reply.finishReason === 'length') {
        throw new UpstreamError(`model reply was cut off at the ${maxTokens}-token limit`, 'truncated');
      }
      if (reply.finishReason === 'content_filter') {
        throw new UpstreamError('model provider filtered the reply', 'refused');
      }
      const parsed = parseGradeReply(reply.text, rubric, prompt.answer);
      if (parsed.ok) {
        const { grade } = parsed;
        const { repairs } = grade;
        if (repairs.clampedScores.length > 0 || repairs.droppedQuotes > 0 || repairs.unknownKeys > 0) {
          logger.warn({ model, rubric: rubric.id, ...repairs }, 'model reply repaired before use');
        }
        logger.debug({ model, rubric: rubric.id, usage: reply.usage, attempt: attemptNumber }, 'graded by the model');
        return {
          rubric: rubric.id,
          overall: overallScore(rubric, new Map(grade.dimensions.map((d) => [d.key, d.score]))),
          dimensions: grade.dimensions,
          strengths: grade.strengths,
          improvements: grade.improvements,
          missingPoints: grade.missingPoints,
          ...(grade.followUpQuestion === undefined ? {} : { followUpQuestion: grade.followUpQuestion }),
          grader: { kind: 'llm', model, rubricVersion: rubric.version, promptVersion: attempt.promptVersion },
        };
      }
      logger.warn(
        { model, rubric: rubric.id, reason: 'invalid_output', attempt: attemptNumber },
        'model reply failed validation',
      );
      if (attemptNumber === 2) throw new UpstreamError('model reply failed validation twice', 'invalid_output');
      attempt = prompt.retry(parsed.issue);
    }
  }

  return {
    kind: 'llm',
    identity: (rubric) => `llm:${model}:${promptVersionFor(rubric)}`,
    async grade(input: GradeInput, gradeOptions: GradeOptions = {}): Promise<GradeResult> {
      const rubric = getRubric(input.rubric);
      try {
        return await gradeWithModel(input, rubric, gradeOptions);
      } catch (error) {
        // A caller that gave up wants no answer at all, not an offline one.
        if (gradeOptions.signal?.aborted || !(error instanceof UpstreamError)) throw error;
        logger.warn(
          {
            model,
            rubric: rubric.id,
            reason: error.reason,
            status: error instanceof LlmCallError ? error.status : undefined,
          },
          'LLM grading failed; the offline grader answers',
        );
        const offline = await fallback.grade(input, { signal: gradeOptions.signal });
        return { ...offline, grader: { ...offline.grader, kind: 'offline', fallbackReason: error.message } };
      }
    },
  };
}
