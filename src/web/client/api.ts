import { z } from 'zod';
import { QuestionKindSchema, QuestionRecordSchema } from '../../contracts/question-schema.js';
import { DisputeSchema, type NewDispute } from '../../contracts/dispute-schema.js';
import { FeedbackSchema } from '../../contracts/feedback-schema.js';
import type { RubricId } from '../../contracts/rubric-schema.js';
import type { QuestionType } from '../../contracts/question-type.js';
import { ProgressSchema, SessionListItemSchema, TranscriptSchema, type ProgressSource } from '../../contracts/history-schemas.js';
import {
  ErrorBodySchema,
  ProfileSchema,
  RubricCatalogSchema,
  type Profile,
  type RubricCatalog,
  type QuestionSummary,
  type Topic,
  QuestionListSchema,
  RecoveryCodeSchema,
  SessionListSchema,
  StoredFeedbackListSchema,
  TopicSchema,
  UserCreatedSchema,
} from '../../contracts/http-schemas.js';
import { CapabilitiesSchema, DeliveryProgressSchema, TranscriptionSchema, type Capabilities } from '../../contracts/voice-schemas.js';

/* Typed access to the HTTP API. Every response is validated with the server's own zod schemas. */
export type { Profile, QuestionSummary, RubricCatalog, Topic };
export type SessionListItem = z.infer<typeof SessionListItemSchema>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let currentToken: string | null = null;
let topicsPromise: Promise<Topic[]> | null = null;
let capabilitiesPromise: Promise<Capabilities> | null = null;
let rubricsPromise: Promise<RubricCatalog> | null = null;

export function setToken(token: string | null): void {
  currentToken = token;
}

function headers(json: boolean): Headers {
  const result = new Headers({ accept: 'application/json' });
  if (json) result.set('content-type', 'application/json');
  if (currentToken) result.set('authorization', `Bearer ${currentToken}`);
  return result;
}

async function fail(response: Response): Promise<never> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): fall through to the generic message.
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
  throw new ApiError(response.status, 'http_error', `the server answered ${response.status}`);
}

async function request<T>(method: string, url: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: headers(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'cannot reach the server; check your connection');
  }
  if (!response.ok) return fail(response);
  return schema.parse(response.status === 204 ? null : await response.json());
}

/** A binary request (audio up or down) with the bearer token; errors as for JSON requests. */
async function binary(method: string, url: string, body?: { type: string; data: Blob | string }): Promise<Response> {
  const requestHeaders = headers(false);
  if (body) requestHeaders.set('content-type', body.type);
  let response: Response;
  try {
    response = await fetch(url, { method, headers: requestHeaders, body: body?.data });
  } catch {
    throw new ApiError(0, 'network', 'cannot reach the server; check your connection');
  }
  if (!response.ok) return fail(response);
  return response;
}

export interface QuestionQuery {
  kind?: z.infer<typeof QuestionKindSchema>;
  type?: QuestionType;
  topic?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export const api = {
  createUser: (name?: string) => request('POST', '/api/users', UserCreatedSchema, name ? { name } : {}),
  me: () => request('GET', '/api/me', ProfileSchema),
  rename: (name: string | null) => request('PATCH', '/api/me', ProfileSchema, { name }),
  createRecoveryCode: () => request('POST', '/api/me/recovery-code', RecoveryCodeSchema),
  revokeRecoveryCode: () => request('DELETE', '/api/me/recovery-code', z.null()),
  recover: (code: string) => request('POST', '/api/recover', UserCreatedSchema, { code }),
  topics: () => request('GET', '/api/topics', z.array(TopicSchema)),
  /** The topic list changes only when the corpus does (a server restart); one fetch per page load. */
  topicsCached: (): Promise<Topic[]> => {
    topicsPromise ??= api.topics().catch((error: unknown) => {
      topicsPromise = null;
      throw error;
    });
    return topicsPromise;
  },
  questions: (query: QuestionQuery) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
    return request('GET', `/api/questions?${params}`, QuestionListSchema);
  },
  question: (id: string) => request('GET', `/api/questions/${encodeURIComponent(id)}`, QuestionRecordSchema),
  /** The rubrics change only with a new server version; one fetch per page load. */
  rubricsCached: (): Promise<RubricCatalog> => {
    rubricsPromise ??= request('GET', '/api/rubrics', RubricCatalogSchema).catch((error: unknown) => {
      rubricsPromise = null;
      throw error;
    });
    return rubricsPromise;
  },
  feedback: (body: {
    questionId?: string;
    question?: string;
    answer: string;
    rubric?: RubricId;
    transcriptionId?: string;
    referenceAnswer?: string;
  }) =>
    request('POST', '/api/feedback', FeedbackSchema, body),
  /** What the server offers (voice, spoken questions, model grading); fetched once per page load. */
  capabilities: (): Promise<Capabilities> => {
    capabilitiesPromise ??= request('GET', '/api/capabilities', CapabilitiesSchema).catch((error: unknown) => {
      capabilitiesPromise = null;
      throw error;
    });
    return capabilitiesPromise;
  },
  /** Sends a recording for transcription; the transcript comes back with its delivery metrics. */
  async transcribe(recording: Blob): Promise<z.infer<typeof TranscriptionSchema>> {
    const response = await binary('POST', '/api/transcriptions', { type: recording.type, data: recording });
    return TranscriptionSchema.parse(await response.json());
  },
  /** The question being asked, spoken by the server's text-to-speech. */
  speech: async (turnId: string): Promise<Blob> =>
    (await binary('POST', '/api/speech', { type: 'application/json', data: JSON.stringify({ turnId }) })).blob(),
  /** A kept recording (KEEP_AUDIO), for replay. */
  recording: async (transcriptionId: string): Promise<Blob> =>
    (await binary('GET', `/api/transcriptions/${encodeURIComponent(transcriptionId)}/audio`)).blob(),
  deliveryProgress: () => request('GET', '/api/progress/delivery', DeliveryProgressSchema),
  recentFeedback: (limit = 10) => request('GET', `/api/feedback?limit=${limit}`, StoredFeedbackListSchema),
  feedbackById: (id: string) => request('GET', `/api/feedback/${encodeURIComponent(id)}`, FeedbackSchema),
  contest: (feedbackId: string, body: NewDispute) =>
    request('POST', `/api/feedback/${encodeURIComponent(feedbackId)}/disputes`, DisputeSchema, body),
  withdrawDispute: (feedbackId: string, disputeId: string) =>
    request('DELETE', `/api/feedback/${encodeURIComponent(feedbackId)}/disputes/${encodeURIComponent(disputeId)}`, z.null()),
  sessions: (limit = 50, offset = 0) => request('GET', `/api/sessions?limit=${limit}&offset=${offset}`, SessionListSchema),
  transcript: (id: string) => request('GET', `/api/sessions/${encodeURIComponent(id)}`, TranscriptSchema),
  deleteSession: (id: string) => request('DELETE', `/api/sessions/${encodeURIComponent(id)}`, z.null()),
  progress: (source: ProgressSource) => request('GET', `/api/progress?source=${source}`, ProgressSchema),

  /** Fetches an export with the bearer token (a plain link could not send it) and saves it as a file. */
  download: (id: string, format: 'md' | 'json'): Promise<void> =>
    saveFile(`/api/sessions/${encodeURIComponent(id)}/export?format=${format}`, `interview-${id}.${format}`),

  /** Your contested answers as a labelled set, saved as a file for `npm run eval -- --data FILE`. */
  downloadDisputes: (): Promise<void> => saveFile('/api/disputes/export', 'disputed-answers.json'),
};

async function saveFile(url: string, name: string): Promise<void> {
  const response = await fetch(url, { headers: headers(false) });
  if (!response.ok) await fail(response);
  const blob = await response.blob();
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the blob after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof z.ZodError) return 'the server sent a reply this page does not understand; try reloading';
  if (error instanceof Error) return error.message;
  return 'something went wrong';
}
