import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type {
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { Config } from '../config.js';
import { UpstreamError } from '../errors.js';
import { createLimiter } from './limiter.js';

const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** Local servers (Ollama, vLLM, llama.cpp, LM Studio) ignore the key, but the SDK refuses to start without one. */
export const PLACEHOLDER_API_KEY = 'not-needed';

export interface LlmClientOptions {
  /** OpenAI-compatible base URL ending in `/v1`; defaults to OpenAI. */
  baseURL?: string | undefined;
  /** Omitted for local servers; a placeholder is sent instead. */
  apiKey?: string | undefined;
  /** Milliseconds one attempt may take until the response starts; the SDK aborts it after that. */
  timeoutMs: number;
  /** Retries the SDK makes on 408/409/429/5xx and connection errors, with backoff and Retry-After. */
  maxRetries: number;
  /** Maximum upstream calls in flight; further calls wait in FIFO order. */
  concurrency: number;
  /** Milliseconds without a stream chunk before the call is aborted as a timeout. Default: `timeoutMs`. */
  idleTimeoutMs?: number | undefined;
}

export function llmClientOptionsFromConfig(config: Config): LlmClientOptions {
  return {
    baseURL: config.OPENAI_BASE_URL,
    apiKey: config.OPENAI_API_KEY,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
    concurrency: config.LLM_CONCURRENCY,
  };
}

export type ResponseFormat = NonNullable<ChatCompletionCreateParamsStreaming['response_format']>;

export interface ChatCall {
  model: string;
  messages: ChatCompletionMessageParam[];
  /** Always sent: an unbounded reply would hold a concurrency slot and the user's wait hostage. */
  maxTokens: number;
  temperature?: number;
  responseFormat?: ResponseFormat | undefined;
  signal?: AbortSignal | undefined;
  /** Receives each piece of reply text as it arrives. */
  onDelta?: ((delta: string) => void) | undefined;
}

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatResult {
  text: string;
  finishReason: 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';
  usage: ChatUsage | null;
}

/**
 * The one translation of SDK failures into the domain error. `message` is our own short wording and is
 * safe to show to a user; the server's error text is never copied into it (it can echo the prompt).
 */
export class LlmCallError extends UpstreamError {
  constructor(
    message: string,
    reason: UpstreamError['reason'],
    readonly status: number | undefined,
    /** The server refused the request because of `response_format` (no structured-output support). */
    readonly responseFormatRejected = false,
  ) {
    super(message, reason);
  }
}

const RESPONSE_FORMAT_MENTION = /response_format|json_schema|json_object|structured output|guided/i;

function toLlmCallError(error: unknown, context: { timeoutMs: number; maxRetries: number }): LlmCallError {
  if (error instanceof APIConnectionTimeoutError) {
    return new LlmCallError(`model timed out after ${context.timeoutMs} ms`, 'timeout', undefined);
  }
  if (error instanceof APIConnectionError) {
    return new LlmCallError('could not reach the model server', 'network', undefined);
  }
  if (error instanceof APIError) {
    const status = error.status;
    if (status === undefined) {
      // An `error` object inside an otherwise successful SSE stream.
      return new LlmCallError('model server reported an error mid-stream', 'server_error', undefined);
    }
    if (status === 429) {
      return new LlmCallError(`model rate limited (429) after ${context.maxRetries} retries`, 'rate_limited', status);
    }
    if (status === 408) return new LlmCallError(`model timed out (408)`, 'timeout', status);
    if (status >= 500) return new LlmCallError(`model server error (${status})`, 'server_error', status);
    const mentionsFormat =
      error.param === 'response_format' ||
      RESPONSE_FORMAT_MENTION.test(`${error.message} ${JSON.stringify(error.error)}`);
    return new LlmCallError(
      `model server refused the request (${status})`,
      'refused',
      status,
      (status === 400 || status === 422) && mentionsFormat,
    );
  }
  if (error instanceof SyntaxError) {
    return new LlmCallError('model server sent a malformed stream', 'invalid_output', undefined);
  }
  return new LlmCallError('connection to the model server failed', 'network', undefined);
}

export function createLlmClient(options: LlmClientOptions) {
  const idleTimeoutMs = options.idleTimeoutMs ?? options.timeoutMs;
  const openai = new OpenAI({
    // Passed explicitly so the SDK never falls back to reading process.env itself.
    baseURL: options.baseURL ?? OPENAI_BASE_URL,
    apiKey: options.apiKey ?? PLACEHOLDER_API_KEY,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    // The SDK's own logger prints raw stream chunks on parse errors; failures are logged by the grader instead.
    logLevel: 'off',
  });
  const limiter = createLimiter(options.concurrency);

  /**
   * One chat completion, always streamed: the SDK's timeout stops at the response headers, so only a
   * stream lets every later gap be bounded (the idle timeout), and it gives the first feedback sooner.
   */
  async function complete(call: ChatCall): Promise<ChatResult> {
    // The slot is held through the SDK's retries too: waiting out a Retry-After is backpressure, not idleness.
    return limiter.run(async () => {
      const idle = new AbortController();
      const signal = call.signal ? AbortSignal.any([call.signal, idle.signal]) : idle.signal;
      let idleTimer: NodeJS.Timeout | undefined;
      const armIdleTimer = () => {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => idle.abort(), idleTimeoutMs);
      };
      /** Why the call was cut short by us or the caller, if it was: the stall, or the caller's own abort reason. */
      const interruption = (): unknown => {
        if (idle.signal.aborted) {
          return new LlmCallError(`model stream stalled for ${idleTimeoutMs} ms`, 'timeout', undefined);
        }
        return call.signal?.aborted ? call.signal.reason : undefined;
      };

      try {
        const stream = await openai.chat.completions.create(
          {
            model: call.model,
            messages: call.messages,
            max_tokens: call.maxTokens,
            ...(call.temperature === undefined ? {} : { temperature: call.temperature }),
            ...(call.responseFormat === undefined ? {} : { response_format: call.responseFormat }),
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal },
        );
        armIdleTimer();
        let text = '';
        let finishReason: ChatResult['finishReason'] | null = null;
        let usage: ChatUsage | null = null;
        for await (const chunk of stream) {
          armIdleTimer();
          const choice = chunk.choices[0];
          const delta = choice?.delta.content;
          if (delta) {
            text += delta;
            call.onDelta?.(delta);
          }
          if (choice?.finish_reason) finishReason = choice.finish_reason;
          if (chunk.usage) {
            usage = {
              promptTokens: chunk.usage.prompt_tokens,
              completionTokens: chunk.usage.completion_tokens,
              totalTokens: chunk.usage.total_tokens,
            };
          }
        }
        // An aborted SDK stream ends its iteration quietly instead of throwing.
        const stop = interruption();
        if (stop !== undefined) throw stop;
        if (finishReason === null) {
          throw new LlmCallError('model stream ended before the reply was complete', 'network', undefined);
        }
        return { text, finishReason, usage };
      } catch (error) {
        if (error instanceof LlmCallError) throw error;
        throw interruption() ?? toLlmCallError(error, options);
      } finally {
        clearTimeout(idleTimer);
      }
    }, call.signal);
  }

  return {
    complete,
    /** In-flight and queued upstream calls, for tests and the benchmark. */
    stats(): { active: number; waiting: number } {
      return { active: limiter.active, waiting: limiter.waiting };
    },
  };
}

export type LlmClient = ReturnType<typeof createLlmClient>;
