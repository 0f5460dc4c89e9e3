import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { BaseLogger } from 'pino';
import type { Config } from '../config.js';
import { UpstreamError } from '../errors.js';
import { LlmCallError, type ChatResult, type LlmClient, type ResponseFormat } from '../llm/client.js';
import { toStrictJsonSchema } from '../llm/strict-json-schema.js';
import type { Correction, DimensionScore, GradeResult, KeyPointCoverage } from '../contracts/feedback-schema.js';
import type { GradeInput, GradeOptions, Grader } from './grader.js';
import { createGradingPromptBuilder, MAX_KEY_POINTS, promptVersionFor, type GradingPrompt } from './llm/grading-prompt.js';
import { createMisconceptionWatch, quoteStates } from './llm/watched-misconceptions.js';
import type { MisconceptionClaim } from './offline/misconception-bank.js';
import { foldForQuoteMatch, parseGradeReply, type ParsedReply } from './llm/parse-reply.js';
import { requestedReplySchema, type JudgedCounts } from './llm/reply-schema.js';
import { secondOpinion } from './llm/second-opinion.js';
import type { Rubric } from '../contracts/rubric-schema.js';
import { getRubric, overallScore } from './rubrics.js';
import { misconceptionCapped } from './offline/scoring.js';

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
  /**
   * The offline grader. It grades every answer too: its key points go into the prompt, it scores the
   * dimensions a reply leaves out, it is the second opinion on the model's grade, and it answers alone
   * whenever the model cannot (outage, timeout, truncation, unusable output twice).
   */
  fallback: Grader;
  /** Only these levels are used, so Fastify's logger and a bare pino instance both fit. */
  logger: Pick<BaseLogger, 'warn' | 'debug'>;
  /** Reply token limit. Default 2000: eight dimensions with rationale and quotes fit comfortably. */
  maxTokens?: number;
  /** Directory of the prompt templates. Default: the repository's `prompts/`. */
  promptsDir?: string;
  /** The misconception bank's claims, read at the first technical grading. Default: the shipped bank. */
  misconceptionClaims?: () => readonly MisconceptionClaim[];
}

/** Servers that report no usage are charged a rough estimate: about four characters per token. */
function estimateTokens(messages: readonly ChatCompletionMessageParam[], reply: string): number {
  const prompt = messages.reduce((sum, message) => sum + (typeof message.content === 'string' ? message.content.length : 0), 0);
  return Math.ceil((prompt + reply.length) / 4);
}

const withSource = (dimensions: readonly DimensionScore[], source: 'model' | 'offline'): DimensionScore[] =>
  dimensions.map((dimension) => ({ ...dimension, source }));

export function createLlmGrader(options: LlmGraderOptions): Grader {
  const { client, model, outputMode, fallback, logger } = options;
  const maxTokens = options.maxTokens ?? 2_000;
  const buildPrompt = createGradingPromptBuilder(options.promptsDir);
  const watchFor = createMisconceptionWatch(options.misconceptionClaims);
  /** A bank that cannot be read costs the watch, not the grading: the offline grader reports the bank's error. */
  const watchedClaims: typeof watchFor = (input, found) => {
    try {
      return watchFor(input, found);
    } catch (error) {
      logger.warn({ model, err: error }, 'misconception bank unreadable; no claims watched for');
      return [];
    }
  };
  let wireMode: WireMode = outputMode === 'auto' ? 'json_schema' : outputMode;

  const replySchemas = new Map<string, Record<string, unknown>>();
  const replySchemaFor = (rubric: Rubric, judged: JudgedCounts): Record<string, unknown> => {
    const id = `${rubric.id}:${judged.keyPoints}:${judged.watchedErrors}`;
    let schema = replySchemas.get(id);
    if (!schema) {
      schema = toStrictJsonSchema(requestedReplySchema(rubric, judged));
      replySchemas.set(id, schema);
    }
    return schema;
  };

  const responseFormatFor = (mode: WireMode, rubric: Rubric, judged: JudgedCounts): ResponseFormat | undefined => {
    if (mode === 'json_schema') {
      return {
        type: 'json_schema',
        json_schema: { name: `${rubric.id}_grade`, strict: true, schema: replySchemaFor(rubric, judged) },
      };
    }
    return mode === 'json_object' ? { type: 'json_object' } : undefined;
  };

  async function complete(
    rubric: Rubric,
    prompt: GradingPrompt,
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
          responseFormat: responseFormatFor(mode, rubric, prompt.judged),
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

  /** The offline grade, or undefined when the offline grader failed (the model still grades, without it). */
  async function gradeOffline(input: GradeInput, signal: AbortSignal | undefined): Promise<GradeResult | undefined> {
    try {
      return await fallback.grade(input, { signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      logger.warn({ model, rubric: input.rubric, err: error }, 'offline second opinion failed; the model grades alone');
      return undefined;
    }
  }

  /**
   * The model's usable dimensions, in rubric order, with the missing ones taken from the offline grade; or
   * the keys that are missing when there is no offline grade to take them from.
   */
  function completeDimensions(rubric: Rubric, reply: ParsedReply, offline: GradeResult | undefined) {
    const dimensions: DimensionScore[] = [];
    const filled: string[] = [];
    for (const { key } of rubric.dimensions) {
      const given = reply.dimensions.get(key);
      const stand = given ? undefined : offline?.dimensions.find((dimension) => dimension.key === key);
      if (given) dimensions.push({ ...given, source: 'model' });
      else if (stand) {
        dimensions.push({ ...stand, source: 'offline' });
        filled.push(key);
      }
    }
    const missing = rubric.dimensions.map((d) => d.key).filter((key) => !dimensions.some((d) => d.key === key));
    return { dimensions, filled, missing };
  }

  /** The model's judgement of the listed key points; a point it left unjudged keeps the offline grader's. */
  function coverageFrom(reply: ParsedReply, points: readonly KeyPointCoverage[]): KeyPointCoverage[] {
    return points.map((point, index) => {
      const judged = reply.keyPoints.get(index);
      return judged ? { point: point.point, ...judged } : point;
    });
  }

  async function gradeWithModel(
    input: GradeInput,
    rubric: Rubric,
    gradeOptions: GradeOptions,
    offline: GradeResult | undefined,
  ): Promise<GradeResult> {
    const points = (offline?.coverage ?? []).filter((entry) => entry.point.trim() !== '').slice(0, MAX_KEY_POINTS);
    // The misconceptions the offline grader found are listed for the model, which reads each in context, and kept on
    // the card: the bank's patterns are checked against thousands of correct answers, a model's verdict is not.
    const corrections = offline?.corrections ?? [];
    const watched = watchedClaims(input, corrections);
    const prompt = buildPrompt(input, rubric, {
      keyPoints: points.map((entry) => entry.point),
      knownErrors: corrections,
      watchFor: watched.map((entry) => entry.claim),
    });
    let attempt = { messages: prompt.messages, promptVersion: prompt.promptVersion };
    for (let attemptNumber = 1; ; attemptNumber += 1) {
      const reply = await complete(rubric, prompt, attempt.messages, gradeOptions);
      // A cut-off reply is reported, not repaired: asking again with the same limit would be cut off again.
      if (reply.finishReason === 'length') {
        throw new UpstreamError(`model reply was cut off at the ${maxTokens}-token limit`, 'truncated');
      }
      if (reply.finishReason === 'content_filter') {
        throw new UpstreamError('model provider filtered the reply', 'refused');
      }
      const parsed = parseGradeReply(reply.text, rubric, prompt.answer, prompt.judged);
      const completed = parsed.ok ? completeDimensions(rubric, parsed.reply, offline) : undefined;
      if (parsed.ok && completed && completed.missing.length === 0) {
        const { reply: graded } = parsed;
        const { repairs } = graded;
        const unjudgedPoints = points.filter((_, index) => !graded.keyPoints.has(index)).length;
        if (
          repairs.arrayForm ||
          repairs.topLevel ||
          repairs.unknownKeys + repairs.droppedQuotes + unjudgedPoints > 0 ||
          repairs.duplicateKeys.length + repairs.unusableScores.length + repairs.clampedScores.length + completed.filled.length > 0
        ) {
          logger.warn(
            { model, rubric: rubric.id, mode: wireMode, ...repairs, filledFromOffline: completed.filled, unjudgedPoints },
            'model reply repaired before use',
          );
        }
        logger.debug({ model, rubric: rubric.id, usage: reply.usage, attempt: attemptNumber }, 'graded by the model');
        // A watched claim joins the corrections when the model quotes the answer stating it, in a stretch of one
        // sentence that says something of the claim; a stretch already corrected (the same error in the bank's other
        // words) is corrected once. Only the found errors hold the grade: the bank's patterns are checked against
        // thousands of correct answers, a model's verdict on a watched claim against none, so its own scores stand.
        const confirmed: Correction[] = [];
        watched.forEach((entry, index) => {
          const judged = graded.watchedErrors.get(index);
          if (!judged?.stated || judged.quote === undefined || !quoteStates(judged.quote, entry, input.question.text)) return;
          const quoted = foldForQuoteMatch(judged.quote);
          if ([...corrections, ...confirmed].some((correction) => foldForQuoteMatch(correction.quote).includes(quoted))) return;
          confirmed.push({ quote: judged.quote, claim: entry.claim, correction: entry.correction });
        });
        if (watched.length > 0) {
          logger.debug({ model, rubric: rubric.id, found: corrections.length, watched: watched.length, confirmed: confirmed.length }, 'model judged the watched claims');
        }
        const dimensions = corrections.length > 0 ? misconceptionCapped(rubric, completed.dimensions) : completed.dimensions;
        const stated = [...corrections, ...confirmed];
        const overall = overallScore(rubric, new Map(dimensions.map((d) => [d.key, d.score])));
        const coverage = points.length > 0 ? coverageFrom(graded, points) : undefined;
        return {
          rubric: rubric.id,
          overall,
          dimensions,
          strengths: graded.strengths,
          improvements: graded.improvements,
          // Listed key points are judged one by one; the missed ones are the missing points.
          // A contradicted point is not made either: the export and the drill planner read missingPoints.
          missingPoints: coverage ? coverage.filter((entry) => entry.status === 'missed' || entry.status === 'contradicted').map((entry) => entry.point) : graded.missingPoints,
          ...(coverage ? { coverage } : {}),
          ...(stated.length > 0 ? { corrections: stated } : {}),
          ...(graded.followUpQuestion === undefined ? {} : { followUpQuestion: graded.followUpQuestion }),
          grader: { kind: 'llm', model, rubricVersion: rubric.version, promptVersion: attempt.promptVersion },
          ...(offline ? { secondOpinion: secondOpinion({ overall, dimensions }, offline) } : {}),
        };
      }
      const issue = parsed.ok ? `dimensions missing from the reply: ${completed?.missing.join(', ')}` : parsed.issue;
      logger.warn({ model, rubric: rubric.id, reason: 'invalid_output', attempt: attemptNumber }, 'model reply failed validation');
      if (attemptNumber === 2) throw new UpstreamError('model reply failed validation twice', 'invalid_output');
      attempt = prompt.retry(issue);
    }
  }

  return {
    kind: 'llm',
    // The offline grade shapes a model grade too: its key points are in the prompt, it fills gaps, it is the second opinion.
    identity: (rubric) => `llm:${model}:${promptVersionFor(rubric)}:${fallback.identity(rubric)}`,
    async grade(input: GradeInput, gradeOptions: GradeOptions = {}): Promise<GradeResult> {
      const rubric = getRubric(input.rubric);
      // Cheap (milliseconds, on a grading thread), and the model's prompt lists the key points it found.
      const offline = await gradeOffline(input, gradeOptions.signal);
      try {
        return await gradeWithModel(input, rubric, gradeOptions, offline);
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
        const result = offline ?? (await fallback.grade(input, { signal: gradeOptions.signal }));
        return {
          ...result,
          dimensions: withSource(result.dimensions, 'offline'),
          grader: { ...result.grader, kind: 'offline', fallbackReason: error.message },
        };
      }
    },
  };
}
