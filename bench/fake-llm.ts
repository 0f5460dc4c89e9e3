/**
 * A fake OpenAI-compatible model server for the LLM-overhead benchmark, run as its own process so its
 * timers do not share an event loop with the load generator:
 *   PORT=… DELAY_MS=200 node --import tsx bench/fake-llm.ts
 *
 * `POST /v1/chat/completions` (stream: true) answers after exactly DELAY_MS with a valid grading reply for
 * the rubric asked: every dimension key of the request (the enum in `response_format.json_schema.schema`,
 * or the key list of the system prompt), score 3. The whole SSE stream is written at once after the delay,
 * so the model's time is the delay alone.
 *
 * `GET /stats` reports requests, the most requests in flight at once (checked against the server's
 * LLM_CONCURRENCY) and, for answers carrying a `benchref<id>` marker, when each request arrived and when
 * its reply was complete (epoch ms), so the benchmark can split the server's overhead into before and
 * after the model. `POST /reset` clears the counters.
 */
import { createServer, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { epochNow } from './stats.js';

const port = Number(process.env['PORT'] ?? '0');
const delayMs = Number(process.env['DELAY_MS'] ?? '200');
/** Characters of reply per SSE chunk: a few tokens, as a real model streams. */
const chunkChars = Number(process.env['CHUNK_CHARS'] ?? '24');

const ContentSchema = z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }))]);
const ChatRequestSchema = z.object({
  model: z.string(),
  stream: z.boolean().optional(),
  messages: z.array(z.object({ role: z.string(), content: ContentSchema.nullable().optional() })),
  response_format: z.object({ type: z.string(), json_schema: z.object({ schema: z.unknown() }).optional() }).optional(),
});
type ChatRequest = z.infer<typeof ChatRequestSchema>;

interface Timing {
  marker: string;
  arrivedAt: number;
  doneAt: number;
}

let requests = 0;
let badRequests = 0;
let inFlight = 0;
let maxInFlight = 0;
let timings: Timing[] = [];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The properties of `dimensions` in the strict JSON Schema: the rubric's dimension keys. */
function schemaKeys(schema: unknown): string[] | undefined {
  if (!isRecord(schema) || !isRecord(schema['properties'])) return undefined;
  const dimensions = schema['properties']['dimensions'];
  return isRecord(dimensions) && isRecord(dimensions['properties']) ? Object.keys(dimensions['properties']) : undefined;
}

function textOf(content: z.infer<typeof ContentSchema> | null | undefined): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => part.text ?? '').join('');
}

function dimensionKeys(request: ChatRequest): string[] {
  const fromSchema = schemaKeys(request.response_format?.json_schema?.schema);
  if (fromSchema && fromSchema.length > 0) return fromSchema;
  // json_object / prompt modes: the system prompt ends with the list of keys.
  const prompt = request.messages.map((message) => textOf(message.content)).join('\n');
  const match = /each key written once:\s*([a-z_,\s]+)\./i.exec(prompt);
  return (match?.[1] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key.length > 0);
}

function gradeReply(keys: readonly string[]): string {
  return JSON.stringify({
    dimensions: Object.fromEntries(
      keys.map((key) => [key, { evidence: [], rationale: 'Adequate: the main idea is there, with room for more detail.', score: 3 }]),
    ),
    strengths: ['Answers the question directly.'],
    improvements: ['Add one concrete number that shows the impact.'],
    missingPoints: [],
  });
}

function chunk(model: string, delta: Record<string, string>, finishReason: string | null): string {
  return JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
}

function sendStream(res: ServerResponse, model: string, content: string): void {
  const events = [chunk(model, { role: 'assistant', content: '' }, null)];
  for (let start = 0; start < content.length; start += chunkChars) {
    events.push(chunk(model, { content: content.slice(start, start + chunkChars) }, null));
  }
  events.push(chunk(model, {}, 'stop'));
  events.push(
    JSON.stringify({
      id: 'chatcmpl-bench',
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [],
      usage: { prompt_tokens: 900, completion_tokens: Math.ceil(content.length / 4), total_tokens: 900 + Math.ceil(content.length / 4) },
    }),
  );
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.end(`${events.map((event) => `data: ${event}\n\n`).join('')}data: [DONE]\n\n`);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function handleChat(res: ServerResponse, body: string): void {
  const arrivedAt = epochNow();
  requests += 1;
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    inFlight -= 1;
  };
  res.on('close', finish);

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const parsed = ChatRequestSchema.safeParse(json);
  const keys = parsed.success ? dimensionKeys(parsed.data) : [];
  if (!parsed.success || keys.length === 0 || parsed.data.stream !== true) {
    badRequests += 1;
    finish();
    sendJson(res, 400, { error: { message: 'fake-llm: expected a streaming grading request', type: 'invalid_request_error', param: null, code: null } });
    return;
  }
  const request = parsed.data;
  const marker = /benchref([A-Za-z0-9]+)/.exec(request.messages.map((message) => textOf(message.content)).join('\n'))?.[1];
  setTimeout(() => {
    if (res.destroyed) return finish();
    sendStream(res, request.model, gradeReply(keys));
    // The reply is complete: from here on the server may start another call in this slot.
    finish();
    if (marker !== undefined) timings.push({ marker, arrivedAt, doneAt: epochNow() });
  }, delayMs);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (data: Buffer) => chunks.push(data));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    if (req.method === 'POST' && req.url === '/v1/chat/completions') return handleChat(res, body);
    if (req.method === 'GET' && req.url === '/stats') {
      return sendJson(res, 200, { requests, badRequests, inFlight, maxInFlight, timings });
    }
    if (req.method === 'POST' && req.url === '/reset') {
      requests = 0;
      badRequests = 0;
      maxInFlight = inFlight;
      timings = [];
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, 404, { error: { message: 'not found', type: 'invalid_request_error', param: null, code: null } });
  });
});
server.keepAliveTimeout = 60_000;

process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});

server.listen(port, '127.0.0.1');
