import { z } from 'zod';
import { QuestionKindSchema } from './question-schema.js';
import { GradeResultSchema } from './feedback-schema.js';
import { DeliverySchema } from './voice-schemas.js';
import { RubricIdSchema } from './rubric-schema.js';
import { PreviousAttemptSchema } from './previous-attempt-schema.js';
import { QuestionTypeSchema } from './question-type.js';
import { ErrorCodeSchema } from './error-codes.js';

/*
 * The websocket protocol: JSON text frames, a discriminated union on `type` in each direction.
 * This module is the single source of the message types for the server, the tests and the UI.
 */

/**
 * `drill` asks the questions the user's history says are due or weakest (spaced repetition, see
 * src/practice/README.md); the others choose questions by kind.
 */
export const InterviewModeSchema = z.enum(['behavioural', 'technical', 'mixed', 'drill']);
export type InterviewMode = z.infer<typeof InterviewModeSchema>;

/**
 * How the interview moves on (see src/interview/pacing.ts). `practice`: feedback after each answer, and the
 * next question when the candidate sends `next`. `realistic`: no feedback until the summary, the next
 * question as soon as an answer is accepted.
 */
export const PacingSchema = z.enum(['practice', 'realistic']);
export type Pacing = z.infer<typeof PacingSchema>;

/** Longest answer or draft, counted once normalised (see src/text/sanitize.ts). */
export const MAX_ANSWER_CHARS = 12_000;
/**
 * Longest answer or draft text read from a frame or a request body. Only a bound on the input: the limit
 * is MAX_ANSWER_CHARS on the normalised text, which drops CRLFs and invisible characters and expands
 * ligatures, so the raw text may be somewhat longer or shorter.
 */
export const MAX_ANSWER_INPUT_CHARS = 2 * MAX_ANSWER_CHARS;
const Id = z.string().min(1).max(100);
/** Longest job description `start` accepts, in characters. */
export const MAX_JOB_DESCRIPTION_CHARS = 20_000;

export const StartOptionsSchema = z.object({
  mode: InterviewModeSchema,
  /** Makes `start` idempotent: a resent start with the same id resumes the session it created. */
  clientId: Id.optional(),
  topics: z.array(z.string().min(1).max(200)).max(30).optional(),
  count: z.number().int().min(1).max(20).default(5),
  secondsPerQuestion: z.number().int().min(10).max(3600).default(180),
  followUps: z.boolean().default(false),
  /** A pasted job description: questions are ranked by relevance to its requirements (not with `drill`). */
  jobDescription: z
    .string()
    .trim()
    .min(1, 'paste the job description, or leave it out')
    .max(MAX_JOB_DESCRIPTION_CHARS, `at most ${MAX_JOB_DESCRIPTION_CHARS.toLocaleString('en')} characters`)
    .optional(),
  /** Sessions stored before pacing existed read as `practice`. */
  pacing: PacingSchema.default('practice'),
  /** Exactly these corpus questions, in this order (a retake); `count` and `topics` then do not apply. */
  questionIds: z.array(Id).min(1).max(20).optional(),
});
export type StartOptions = z.infer<typeof StartOptionsSchema>;

export const ClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(200) }),
  StartOptionsSchema.extend({ type: z.literal('start') }),
  z.object({
    type: z.literal('answer'),
    turnId: Id,
    clientId: Id,
    text: z.string().max(MAX_ANSWER_INPUT_CHARS),
    /** The recording this answer was spoken as (from POST /api/transcriptions); the turn keeps its delivery. */
    transcriptionId: Id.optional(),
  }),
  z.object({ type: z.literal('draft'), turnId: Id, text: z.string().max(MAX_ANSWER_INPUT_CHARS) }),
  z.object({ type: z.literal('skip'), turnId: Id }),
  /** Practice pacing: the candidate has read the feedback; ask the next question (its deadline starts now). */
  z.object({ type: z.literal('next') }),
  z.object({ type: z.literal('end') }),
  z.object({ type: z.literal('resume'), sessionId: Id, lastSeq: z.number().int().min(0) }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export const DimensionSummarySchema = z.object({
  rubric: RubricIdSchema,
  key: z.string(),
  label: z.string(),
  average: z.number(),
  count: z.number().int(),
});

export const RequirementCoverageSchema = z.object({
  text: z.string(),
  /** covered: an answered question is about it; skipped: its questions were skipped or unanswered; not_asked: none was. */
  status: z.enum(['covered', 'skipped', 'not_asked']),
  turnIds: z.array(z.string()),
});

export const TurnHighlightSchema = z.object({
  turnId: z.string(),
  question: z.string(),
  topic: z.string(),
  overall: z.number(),
});

/** Payloads of the messages that belong to a session's transcript, keyed by type. */
export const SessionEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('session.started'),
    sessionId: z.string(),
    mode: InterviewModeSchema,
    total: z.number().int(),
    secondsPerQuestion: z.number().int(),
    followUps: z.boolean(),
    topics: z.array(z.string()),
    /** The requirement phrases read from the job description, when one was given. */
    requirements: z.array(z.string()).optional(),
    /** Absent in sessions recorded before pacing existed, which ran as `practice` without waiting. */
    pacing: PacingSchema.optional(),
  }),
  z.object({
    type: z.literal('question'),
    turnId: z.string(),
    index: z.number().int().describe('1-based position among the main questions'),
    total: z.number().int(),
    text: z.string(),
    kind: QuestionKindSchema,
    /** What kind of answer the question asks for; absent in sessions recorded before question types. */
    questionType: QuestionTypeSchema.optional(),
    topic: z.string(),
    questionId: z.string().nullable(),
    /** Why a drill or a job description chose this question. */
    reason: z.string().optional(),
    /** Absolute deadline, epoch milliseconds, set by the server. */
    deadline: z.number(),
  }),
  z.object({
    type: z.literal('followup'),
    turnId: z.string(),
    parentTurnId: z.string(),
    index: z.number().int(),
    total: z.number().int(),
    text: z.string(),
    kind: QuestionKindSchema,
    /** The type of the question it follows up: the answer is graded in that shape. */
    questionType: QuestionTypeSchema.optional(),
    topic: z.string(),
    deadline: z.number(),
  }),
  z.object({ type: z.literal('answer.accepted'), turnId: z.string(), clientId: z.string() }),
  z.object({ type: z.literal('time.up'), turnId: z.string(), graded: z.enum(['draft', 'none']) }),
  z.object({ type: z.literal('turn.skipped'), turnId: z.string() }),
  /** Practice pacing: the feedback of `turnId` is out and the next question waits for the candidate's `next`. */
  z.object({ type: z.literal('next.ready'), turnId: z.string() }),
  GradeResultSchema.extend({
    type: z.literal('feedback'),
    turnId: z.string(),
    feedbackId: z.string(),
    /** The corpus model answer, for the "show model answer" toggle; null when there is none. */
    modelAnswer: z.string().nullable(),
    /** Who wrote the model answer when the source documents lack one (absent in older transcripts). */
    modelAnswerNote: z.string().nullable().optional(),
    /** Pace, fillers and pauses, when the answer was spoken. */
    delivery: DeliverySchema.optional(),
    /** The user's attempt at the same question just before this one, with the change per dimension. */
    previous: PreviousAttemptSchema.optional(),
  }),
  z.object({
    type: z.literal('session.summary'),
    sessionId: z.string(),
    overall: z.number().nullable(),
    /** Answers graded; skipped and unanswered questions count in `overall` as 1 on every dimension. */
    answered: z.number().int(),
    skipped: z.number().int(),
    unanswered: z.number().int(),
    dimensions: z.array(DimensionSummarySchema),
    strongest: TurnHighlightSchema.nullable(),
    weakest: TurnHighlightSchema.nullable(),
    practiseNext: z.array(z.string()),
    /** With a job description: each requirement, and whether an answered question covered it. */
    requirements: z.array(RequirementCoverageSchema).optional(),
  }),
  z.object({ type: z.literal('session.ended'), sessionId: z.string(), reason: z.enum(['completed', 'ended_by_user']) }),
]);
export type SessionEvent = z.infer<typeof SessionEventSchema>;

/** Envelope of transcript messages: a gapless per-session sequence number and the server time (epoch ms). */
const Envelope = z.object({ seq: z.number().int().min(1), at: z.number(), sessionId: z.string() });

/** Messages outside any transcript (seq 0): connection-level replies. */
export const ConnectionMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth.ok'), userId: z.string() }),
  z.object({ type: z.literal('pong') }),
  z.object({
    type: z.literal('session.resumed'),
    sessionId: z.string(),
    lastSeq: z.number().int(),
    status: z.enum(['active', 'ended']),
  }),
  z.object({ type: z.literal('feedback.delta'), sessionId: z.string(), turnId: z.string(), text: z.string() }),
  z.object({
    type: z.literal('error'),
    code: ErrorCodeSchema,
    message: z.string(),
    /** The client frame the error answers, when it answers one. */
    ref: z.object({ type: z.string(), turnId: z.string().optional(), clientId: z.string().optional() }).optional(),
  }),
]);
export type ConnectionMessage = z.infer<typeof ConnectionMessageSchema>;

export const ServerMessageSchema = z.union([
  SessionEventSchema.and(Envelope),
  ConnectionMessageSchema.and(z.object({ seq: z.literal(0), at: z.number() })),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;
export type SessionMessage = SessionEvent & z.infer<typeof Envelope>;

/** Close codes used by the server. */
export const CloseCode = {
  /** No `auth` frame in time. */
  authTimeout: 4401,
  /** The token is not valid: do not come back with it. */
  unauthorized: 4403,
  /** Authenticated, but no interview started or resumed in time (WS_IDLE_TIMEOUT_MS): reconnect when needed. */
  idle: 4408,
  /** The user (WS_MAX_PER_USER) or the address (WS_MAX_PER_ADDRESS) already has as many sockets as allowed. */
  tooManyConnections: 4429,
  /** The server is restarting: reconnect and resume. */
  shuttingDown: 1012,
} as const;
