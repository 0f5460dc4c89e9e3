import { z } from 'zod';
import { RubricIdSchema } from './rubric-schema.js';
import { FeedbackSchema } from './feedback-schema.js';
import { InterviewModeSchema, ServerMessageSchema, SessionEventSchema } from './protocol.js';
import { SpokenAnswerSchema } from './voice-schemas.js';
import { TurnStatusSchema } from './turn-status.js';

export const SessionListItemSchema = z.object({
  id: z.string(),
  mode: InterviewModeSchema,
  status: z.enum(['active', 'ended']),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  overall: z.number().nullable(),
  questions: z.number().int(),
  answered: z.number().int(),
});

export const TurnSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  mainIndex: z.number().int(),
  parentTurnId: z.string().nullable(),
  questionId: z.string().nullable(),
  question: z.string(),
  kind: z.enum(['behavioural', 'technical']),
  topic: z.string(),
  status: TurnStatusSchema,
  askedAt: z.string().nullable(),
  deadline: z.string().nullable(),
  answer: z.string().nullable(),
  answerSource: z.enum(['submitted', 'draft_at_time_up']).nullable(),
  answeredAt: z.string().nullable(),
  lastDraft: z.string().nullable(),
  feedback: FeedbackSchema.nullable(),
  /** The model answer shown with the feedback (from the corpus or its curation); null when there is none. */
  modelAnswer: z.string().nullable(),
  /** Who wrote the model answer, when the source documents lack one. */
  modelAnswerNote: z.string().nullable(),
  /** The recording the answer was spoken as, with its delivery metrics; null for a typed answer. */
  spoken: SpokenAnswerSchema.nullable(),
});

export const TranscriptSchema = z.object({
  session: SessionListItemSchema.extend({
    secondsPerQuestion: z.number().int(),
    followUps: z.boolean(),
    topics: z.array(z.string()),
  }),
  turns: z.array(TurnSchema),
  /** The end-of-interview summary (the `session.summary` message), once the interview has ended with one. */
  summary: SessionEventSchema.nullable(),
  /** Every server message of the session in order, with its seq and server time, for replay. */
  events: z.array(ServerMessageSchema),
  /** What the candidate typed and when (drafts, answers, skips), for replay. */
  inputs: z.array(z.object({ turnId: z.string(), type: z.enum(['draft', 'answer', 'skip']), at: z.number(), text: z.string().nullable() })),
});
export type Transcript = z.infer<typeof TranscriptSchema>;

/** Points of a rubric dimension's trend line: its latest answers. */
export const PROGRESS_POINTS = 50;
/** Points of a topic's trend line (there are many topics; the page draws the most practised). */
export const PROGRESS_TOPIC_POINTS = 20;
/** Topics reported: the most practised. */
export const PROGRESS_TOPICS = 100;

const Point = z.object({ at: z.string(), score: z.number(), sessionId: z.string().nullable() });
const pointsOf = (limit: number) => z.array(Point).max(limit).describe(`the latest ${limit} answers at most, oldest first`);

/** Which answers progress is drawn from: interviews, quick feedback (answers graded outside an interview), or both. */
export const ProgressSourceSchema = z.enum(['all', 'interviews', 'quick']);
export type ProgressSource = z.infer<typeof ProgressSourceSchema>;

export const ProgressSchema = z.object({
  source: ProgressSourceSchema,
  graded: z.number().int().describe('graded answers of the chosen source'),
  bySource: z.object({ interviews: z.number().int(), quick: z.number().int() }).describe('graded answers of each source'),
  dimensions: z.array(
    z.object({
      rubric: RubricIdSchema,
      key: z.string(),
      label: z.string(),
      average: z.number().describe('over every graded answer'),
      points: pointsOf(PROGRESS_POINTS),
    }),
  ),
  topics: z
    .array(z.object({ topic: z.string(), average: z.number(), count: z.number().int(), points: pointsOf(PROGRESS_TOPIC_POINTS) }))
    .max(PROGRESS_TOPICS)
    .describe(`the ${PROGRESS_TOPICS} most practised topics at most`),
  weakestTopics: z.array(z.object({ topic: z.string(), average: z.number(), count: z.number().int() })),
});
export type Progress = z.infer<typeof ProgressSchema>;
