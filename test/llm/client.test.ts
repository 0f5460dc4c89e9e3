import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { createLlmClient, LlmCallError, PLACEHOLDER_API_KEY, type LlmClientOptions } from '../../src/llm/client.js';
import { CHAT_COMPLETIONS_PATH, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';

let server: FakeOpenAI;

beforeEach(async () => {
  server = await startFakeOpenAI();
});
afterEach(async () => {
  await server.close();
});

function client(overrides: Partial<LlmClientOptions> = {}) {
  return createLlmClient({
    baseURL: server.baseURL,
    apiKey: 'sk-test-secret',
    timeoutMs: 2_000,
    maxRetries: 0,
    concurrency: 4,
    ...overrides,
  });
}

const call = { model: 'coach-model', messages: [{ role: 'user' as const, content: 'hi' }], maxTokens: 321 };

async function upstreamFailure(promise: Promise<unknown>): Promise<LlmCallError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof LlmCallError)) throw new Error(`expected an LlmCallError, got ${String(error)}`);
  expect(error).toBeInstanceOf(UpstreamError);
  return error;
}

describe('llm client', () => {
  it('streams the reply, emitting deltas, and returns text, finish reason and usage', async () => {
    server.enqueue({ type: 'chat', content: '{"hello": "world, streamed in pieces"}', chunkSize: 5 });
    const deltas: string[] = [];
    const result = await client().complete({ ...call, onDelta: (delta) => deltas.push(delta) });

    expect(result).toEqual({
      text: '{"hello": "world, streamed in pieces"}',
      finishReason: 'stop',
      usage: { promptTokens: 100, completionTokens: 50, totalTokens: 150 },
    });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(result.text);

    const sent = server.requests[0];
    expect(sent?.path).toBe(CHAT_COMPLETIONS_PATH);
    expect(sent?.headers.authorization).toBe('Bearer sk-test-secret');
    expect(sent?.body).toMatchObject({
      model: 'coach-model',
      max_tokens: 321,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('sends a placeholder key when none is configured (local servers need none)', async () => {
    server.enqueue({ type: 'chat', content: '{}' });
    await client({ apiKey: undefined }).complete(call);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${PLACEHOLDER_API_KEY}`);
  });

  it('lets the SDK retry a 429 after its Retry-After instead of its own backoff', async () => {
    server.enqueue(
      { type: 'error', status: 429, message: 'slow down', headers: { 'retry-after': '0.1' } },
      { type: 'chat', content: '{"ok":true}' },
    );
    const result = await client({ maxRetries: 2 }).complete(call);

    expect(result.text).toBe('{"ok":true}');
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    const gap = (second?.receivedAt ?? 0) - (first?.receivedAt ?? 0);
    // Retry-After asked for 100 ms; the SDK's default first backoff would be 375–500 ms.
    expect(gap).toBeGreaterThanOrEqual(90);
    expect(gap).toBeLessThan(370);
  });

  it('reports a server error after the SDK has used up its retries', async () => {
    // retry-after: 0 keeps the SDK's backoff from slowing the test down.
    const failure = { type: 'error', status: 500, message: 'boom', headers: { 'retry-after': '0' } } as const;
    server.enqueue(failure, failure, failure);
    const error = await upstreamFailure(client({ maxRetries: 2 }).complete(call));

    expect(error.reason).toBe('server_error');
    expect(error.status).toBe(500);
    expect(error.message).toBe('model server error (500)');
    expect(server.requests).toHaveLength(3);
  });

  it('reports rate limiting that outlasts the retries', async () => {
    const limited = { type: 'error', status: 429, message: 'quota', headers: { 'retry-after': '0' } } as const;
    server.enqueue(limited, limited);
    const error = await upstreamFailure(client({ maxRetries: 1 }).complete(call));
    expect(error.reason).toBe('rate_limited');
    expect(server.requests).toHaveLength(2);
  });

  it('times out a server that never answers, within the configured limit', async () => {
    server.enqueue({ type: 'hang' });
    const started = performance.now();
    const error = await upstreamFailure(client({ timeoutMs: 300 }).complete(call));

    expect(error.reason).toBe('timeout');
    expect(error.message).toBe('model timed out after 300 ms');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('aborts a stream that stalls mid-way after the idle timeout', async () => {
    server.enqueue({ type: 'chat', content: '{"dimensions": [{"key": "situation"', chunkSize: 8, stallAfterChunks: 2 });
    const deltas: string[] = [];
    const started = performance.now();
    const error = await upstreamFailure(
      client({ idleTimeoutMs: 300 }).complete({ ...call, onDelta: (delta) => deltas.push(delta) }),
    );

    expect(error.reason).toBe('timeout');
    expect(error.message).toBe('model stream stalled for 300 ms');
    expect(deltas.join('')).toBe('{"dimensions": [');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('flags a 400 about response_format so the caller can choose another output mode', async () => {
    server.enqueue({
      type: 'error',
      status: 400,
      message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
      param: 'response_format',
    });
    const error = await upstreamFailure(client({ maxRetries: 2 }).complete(call));

    expect(error.reason).toBe('refused');
    expect(error.responseFormatRejected).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('does not flag other 4xx errors as a response_format rejection, nor copy the server text', async () => {
    server.enqueue({ type: 'error', status: 404, message: 'The model `coach-model` does not exist' });
    const error = await upstreamFailure(client().complete(call));

    expect(error.reason).toBe('refused');
    expect(error.responseFormatRejected).toBe(false);
    expect(error.message).toBe('model server refused the request (404)');
  });

  it('reports a dropped connection as a network failure', async () => {
    server.enqueue({ type: 'destroy' });
    const error = await upstreamFailure(client().complete(call));
    expect(error.reason).toBe('network');
  });

  it('reports a stream that ends without a finish reason as incomplete', async () => {
    server.enqueue({
      type: 'sse',
      events: [JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content: '{"a"' }, finish_reason: null }] })],
    });
    const error = await upstreamFailure(client().complete(call));
    expect(error.reason).toBe('network');
  });

  it('reports a malformed stream as invalid output', async () => {
    server.enqueue({ type: 'sse', events: ['{not json'] });
    const error = await upstreamFailure(client().complete(call));
    expect(error.reason).toBe('invalid_output');
  });

  it("propagates the caller's abort as an abort, not as an upstream failure", async () => {
    server.enqueue({ type: 'chat', content: '{"a": 1}', chunkSize: 2, intervalMs: 20 });
    const controller = new AbortController();
    const pending = client().complete({ ...call, signal: controller.signal, onDelta: () => controller.abort() });

    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(pending).rejects.not.toBeInstanceOf(UpstreamError);
  });

  it('never has more calls in flight than the concurrency cap', async () => {
    server.setDefault(() => ({ type: 'chat', content: '{}', delayMs: 60 }));
    const capped = client({ concurrency: 2 });
    const calls = Array.from({ length: 6 }, () => capped.complete(call));

    await new Promise((resolve) => setImmediate(resolve));
    expect(capped.stats()).toEqual({ active: 2, waiting: 4 });
    const results = await Promise.all(calls);

    expect(results).toHaveLength(6);
    expect(server.requests).toHaveLength(6);
    expect(server.maxInFlight).toBe(2);
    expect(capped.stats()).toEqual({ active: 0, waiting: 0 });
  });

  it('releases the slot of a call that fails', async () => {
    server.enqueue({ type: 'error', status: 400, message: 'bad' }, { type: 'chat', content: '{}' });
    const single = client({ concurrency: 1 });
    await upstreamFailure(single.complete(call));
    await expect(single.complete(call)).resolves.toMatchObject({ text: '{}' });
    expect(single.stats()).toEqual({ active: 0, waiting: 0 });
  });
});
