/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 (port 0) for tests: the SDK under test goes through
 * its whole HTTP path (retries, timeouts, SSE parsing) and nothing is mocked. Each request is answered by
 * the next scripted response, or by the default handler once the script is used up; every request is
 * recorded with its headers and parsed body.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { z } from 'zod';

/** A multipart/form-data body (audio uploads): its text fields and its files, bytes untouched. */
export interface MultipartBody {
  fields: Record<string, string[]>;
  files: Array<{ field: string; filename: string; contentType: string; bytes: Buffer }>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, a MultipartBody for form uploads, or the raw text otherwise. */
  body: unknown;
  /** `performance.now()` when the request arrived. */
  receivedAt: number;
}

interface Timing {
  /** Wait this long before answering at all (a slow model). */
  delayMs?: number;
}

export interface ChatReplyOptions extends Timing {
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** Characters of content per SSE chunk. Default 24. */
  chunkSize?: number;
  /** Pause between SSE chunks. */
  intervalMs?: number;
  /** Send this many content chunks, then nothing more while keeping the connection open (a stalled stream). */
  stallAfterChunks?: number;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

export type FakeResponse =
  /** A chat completion with this content: SSE when the request asked for `stream: true`, JSON otherwise. */
  | ({ type: 'chat'; content: string } & ChatReplyOptions)
  /** An OpenAI-style error body `{ error: { message, type, param, code } }`. */
  | ({
      type: 'error';
      status: number;
      message: string;
      param?: string;
      code?: string;
      headers?: Record<string, string>;
    } & Timing)
  /** Any JSON body. */
  | ({ type: 'json'; status?: number; body: unknown; headers?: Record<string, string> } & Timing)
  /** Raw SSE `data:` payloads, sent as they are (for malformed streams). */
  | ({ type: 'sse'; events: string[]; intervalMs?: number } & Timing)
  /**
   * A transcription in the shape the request asked for (its `response_format` field): `verbose_json` gets
   * text, duration and — when `timestamp_granularities[]` includes `word` — the word timings; `json` gets
   * `{ text }` (plus a duration usage when `usageSeconds` is given); `text` gets plain text.
   */
  | ({ type: 'transcription'; text: string; duration?: number; words?: Array<{ word: string; start: number; end: number }>; usageSeconds?: number } & Timing)
  /** A body of any content type: plain text, or audio bytes (text-to-speech). */
  | ({ type: 'raw'; status?: number; contentType: string; body: string | Buffer } & Timing)
  /** Accept the request and never answer. */
  | { type: 'hang' }
  /** Drop the connection without a response. */
  | { type: 'destroy' };

export type FakeHandler = (request: RecordedRequest, index: number) => FakeResponse;

export interface FakeOpenAI {
  /** Base URL for the SDK, ending in `/v1`. */
  readonly baseURL: string;
  readonly requests: readonly RecordedRequest[];
  /** Requests currently open (answered or not) and the most seen at once. */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Queues responses for the next requests, in order. */
  enqueue(...responses: FakeResponse[]): void;
  /** Answers requests once the queue is empty. */
  setDefault(handler: FakeHandler): void;
  close(): Promise<void>;
}

export const CHAT_COMPLETIONS_PATH = '/v1/chat/completions';
export const TRANSCRIPTIONS_PATH = '/v1/audio/transcriptions';
export const SPEECH_PATH = '/v1/audio/speech';

/** Parses a multipart/form-data body; null when the boundary is missing or the body is malformed. */
export function parseMultipart(contentType: string | undefined, raw: Buffer): MultipartBody | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return null;
  const delimiter = Buffer.from(`--${marker}`);
  const body: MultipartBody = { fields: {}, files: [] };
  let start = raw.indexOf(delimiter);
  if (start < 0) return null;
  for (;;) {
    start += delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') return body;
    const headerEnd = raw.indexOf('\r\n\r\n', start);
    const next = raw.indexOf(delimiter, headerEnd);
    if (headerEnd < 0 || next < 0) return null;
    const headers = raw.subarray(start, headerEnd).toString('utf8');
    // The part's content ends with the CRLF that precedes the next delimiter.
    const content = raw.subarray(headerEnd + 4, next - 2);
    const field = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    if (filename !== undefined) {
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
      body.files.push({ field, filename, contentType: type, bytes: Buffer.from(content) });
    } else {
      (body.fields[field] ??= []).push(content.toString('utf8'));
    }
    start = next;
  }
}

function chunkText(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += size) chunks.push(text.slice(start, start + size));
  return chunks;
}

function chatChunk(model: string, delta: Record<string, unknown>, finishReason: string | null, usage?: unknown) {
  return JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices: usage === undefined ? [{ index: 0, delta, finish_reason: finishReason }] : [],
    ...(usage === undefined ? {} : { usage }),
  });
}

const RequestModelSchema = z.object({ model: z.string().default('fake-model'), stream: z.boolean().optional() });

export async function startFakeOpenAI(defaultHandler?: FakeHandler): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const queue: FakeResponse[] = [];
  let fallbackHandler: FakeHandler =
    defaultHandler ?? (() => ({ type: 'error', status: 500, message: 'fake-openai: no response scripted' }));
  let inFlight = 0;
  let maxInFlight = 0;
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const sendSse = (res: ServerResponse, events: string[], intervalMs: number, stallAfter: number | undefined) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    let index = 0;
    const next = () => {
      if (res.destroyed) return;
      if (stallAfter !== undefined && index >= stallAfter) return;
      const event = events[index];
      if (event === undefined) {
        res.end();
        return;
      }
      res.write(`data: ${event}\n\n`);
      index += 1;
      if (intervalMs > 0) later(intervalMs, next);
      else next();
    };
    next();
  };

  const respond = (res: ServerResponse, request: RecordedRequest, response: FakeResponse) => {
    if (res.destroyed) return;
    switch (response.type) {
      case 'hang':
        return;
      case 'destroy':
        res.socket?.destroy();
        return;
      case 'error':
        res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
        res.end(
          JSON.stringify({
            error: { message: response.message, type: 'invalid_request_error', param: response.param ?? null, code: response.code ?? null },
          }),
        );
        return;
      case 'json':
        res.writeHead(response.status ?? 200, { 'content-type': 'application/json', ...response.headers });
        res.end(JSON.stringify(response.body));
        return;
      case 'raw':
        res.writeHead(response.status ?? 200, { 'content-type': response.contentType });
        res.end(response.body);
        return;
      case 'transcription': {
        const form = isMultipart(request.body) ? request.body : { fields: {}, files: [] };
        const format = form.fields.response_format?.[0] ?? 'json';
        if (format === 'text') {
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(response.text);
          return;
        }
        const body =
          format === 'verbose_json'
            ? {
                task: 'transcribe',
                language: 'english',
                duration: response.duration ?? 0,
                text: response.text,
                ...((form.fields['timestamp_granularities[]'] ?? []).includes('word') && response.words ? { words: response.words } : {}),
              }
            : { text: response.text, ...(response.usageSeconds === undefined ? {} : { usage: { type: 'duration', seconds: response.usageSeconds } }) };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
        return;
      }
      case 'sse':
        sendSse(res, [...response.events, '[DONE]'], response.intervalMs ?? 0, undefined);
        return;
      case 'chat': {
        const parsed = RequestModelSchema.safeParse(request.body);
        const model = parsed.success ? parsed.data.model : 'fake-model';
        const finishReason = response.finishReason ?? 'stop';
        const usage = response.usage ?? { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 };
        if (parsed.success && parsed.data.stream) {
          const events = [
            chatChunk(model, { role: 'assistant', content: '' }, null),
            ...chunkText(response.content, response.chunkSize ?? 24).map((piece) => chatChunk(model, { content: piece }, null)),
            chatChunk(model, {}, finishReason),
            chatChunk(model, {}, null, usage),
            '[DONE]',
          ];
          const stallAfter = response.stallAfterChunks === undefined ? undefined : response.stallAfterChunks + 1;
          sendSse(res, events, response.intervalMs ?? 0, stallAfter);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'chatcmpl-fake',
            object: 'chat.completion',
            created: 0,
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: response.content }, finish_reason: finishReason }],
            usage,
          }),
        );
        return;
      }
    }
  };

  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const bytes = Buffer.concat(chunks);
      const raw = bytes.toString('utf8');
      let body: unknown = raw;
      if ((req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
        body = parseMultipart(req.headers['content-type'], bytes) ?? raw;
      } else {
        try {
          body = JSON.parse(raw);
        } catch {
          // Not JSON: keep the raw text so a test can see what was sent.
        }
      }
      const request: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        receivedAt: performance.now(),
      };
      const index = requests.length;
      requests.push(request);
      const response = queue.shift() ?? fallbackHandler(request, index);
      const delayMs = 'delayMs' in response ? (response.delayMs ?? 0) : 0;
      if (delayMs > 0) later(delayMs, () => respond(res, request, response));
      else respond(res, request, response);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake-openai: not listening on TCP');
  const { port } = address;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    enqueue(...responses) {
      queue.push(...responses);
    },
    setDefault(handler) {
      fallbackHandler = handler;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/* Typed views of what the SDK sent, for assertions. */

const ChatRequestSchema = z.object({
  model: z.string(),
  messages: z.array(z.object({ role: z.string(), content: z.string() })),
  max_tokens: z.number().optional(),
  temperature: z.number().optional(),
  stream: z.boolean().optional(),
  response_format: z
    .object({
      type: z.string(),
      json_schema: z.object({ name: z.string(), strict: z.boolean().optional(), schema: z.record(z.string(), z.unknown()) }).optional(),
    })
    .optional(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** The recorded body as a chat completion request; throws when it is not one. */
export function chatRequest(request: RecordedRequest | undefined): ChatRequest {
  if (!request) throw new Error('no such request was recorded');
  return ChatRequestSchema.parse(request.body);
}

function isMultipart(body: unknown): body is MultipartBody {
  return typeof body === 'object' && body !== null && 'fields' in body && 'files' in body;
}

/** The recorded body as a multipart upload; throws when it is not one. */
export function multipartRequest(request: RecordedRequest | undefined): MultipartBody {
  if (!request) throw new Error('no such request was recorded');
  if (!isMultipart(request.body)) throw new Error(`request to ${request.path} was not multipart/form-data`);
  return request.body;
}
