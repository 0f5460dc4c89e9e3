import { z } from 'zod';
import type { Db } from '../store/db.js';
import { DeliverySchema, WordTimingSchema, type AudioFormat, type Delivery, type WordTiming } from '../contracts/voice-schemas.js';

interface TranscriptionRow {
  id: string;
  user_id: string;
  created_at: number;
  format: AudioFormat;
  duration_sec: number;
  text: string;
  words: string | null;
  delivery: string;
  notes: string;
  model: string;
  session_id: string | null;
  turn_id: string | null;
  feedback_id: string | null;
  used_at: number | null;
  has_audio: number;
}

export interface StoredTranscription {
  id: string;
  userId: string;
  createdAt: number;
  format: AudioFormat;
  durationSec: number;
  text: string;
  words: WordTiming[] | null;
  delivery: Delivery;
  notes: string[];
  model: string;
  sessionId: string | null;
  turnId: string | null;
  feedbackId: string | null;
  hasAudio: boolean;
}

export type NewTranscription = Omit<StoredTranscription, 'sessionId' | 'turnId' | 'feedbackId' | 'hasAudio'> & {
  audio: { contentType: string; bytes: Buffer } | null;
};

// JSON columns are checked when read back, like every other stored JSON in this project.
const WordsSchema = z.array(WordTimingSchema);
const NotesSchema = z.array(z.string());

function fromRow(row: TranscriptionRow): StoredTranscription {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    format: row.format,
    durationSec: row.duration_sec,
    text: row.text,
    words: row.words === null ? null : WordsSchema.parse(JSON.parse(row.words)),
    delivery: DeliverySchema.parse(JSON.parse(row.delivery)),
    notes: NotesSchema.parse(JSON.parse(row.notes)),
    model: row.model,
    sessionId: row.session_id,
    turnId: row.turn_id,
    feedbackId: row.feedback_id,
    hasAudio: row.has_audio === 1,
  };
}

const SELECT = `SELECT t.*, EXISTS (SELECT 1 FROM transcription_audio a WHERE a.transcription_id = t.id) AS has_audio
  FROM transcriptions t`;

/** Transcriptions, their recordings (when kept) and the daily seconds used; prepared statements only. */
export function createTranscriptionRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO transcriptions (id, user_id, created_at, format, duration_sec, text, words, delivery, notes, model)
     VALUES (@id, @userId, @createdAt, @format, @durationSec, @text, @words, @delivery, @notes, @model)`,
  );
  const insertAudio = db.prepare<[string, string, Buffer]>(
    'INSERT INTO transcription_audio (transcription_id, content_type, bytes) VALUES (?, ?, ?)',
  );
  const byIdForUser = db.prepare<[string, string], TranscriptionRow>(`${SELECT} WHERE t.id = ? AND t.user_id = ?`);
  const byTurn = db.prepare<[string], TranscriptionRow>(`${SELECT} WHERE t.turn_id = ?`);
  const bySession = db.prepare<[string], TranscriptionRow>(`${SELECT} WHERE t.session_id = ?`);
  const usedByUser = db.prepare<[string], TranscriptionRow>(
    `${SELECT} WHERE t.user_id = ? AND (t.turn_id IS NOT NULL OR t.feedback_id IS NOT NULL) ORDER BY t.used_at, t.created_at`,
  );
  const attachTurn = db.prepare<[string, string, number, string]>(
    'UPDATE transcriptions SET session_id = ?, turn_id = ?, used_at = ? WHERE id = ? AND turn_id IS NULL AND feedback_id IS NULL',
  );
  const attachFeedback = db.prepare<{ feedbackId: string; at: number; id: string; userId: string }>(
    `UPDATE transcriptions SET feedback_id = @feedbackId, used_at = @at WHERE id = @id AND user_id = @userId AND turn_id IS NULL
       AND (feedback_id IS NULL OR feedback_id = @feedbackId)`,
  );
  const audio = db.prepare<[string, string], { content_type: string; bytes: Buffer }>(
    `SELECT a.content_type, a.bytes FROM transcription_audio a JOIN transcriptions t ON t.id = a.transcription_id
     WHERE t.id = ? AND t.user_id = ?`,
  );
  const remove = db.prepare<[string, string]>('DELETE FROM transcriptions WHERE id = ? AND user_id = ?');
  const pruneUnused = db.prepare<[number]>('DELETE FROM transcriptions WHERE turn_id IS NULL AND feedback_id IS NULL AND created_at < ?');
  const addUsage = db.prepare<[string, string, number]>(
    `INSERT INTO stt_usage (user_id, day, seconds) VALUES (?, ?, ?)
     ON CONFLICT (user_id, day) DO UPDATE SET seconds = seconds + excluded.seconds`,
  );
  const usage = db.prepare<[string, string], { seconds: number }>('SELECT seconds FROM stt_usage WHERE user_id = ? AND day = ?');

  return {
    /** Stores a transcription and, when given, its recording, in one transaction. */
    insert: db.transaction((transcription: NewTranscription) => {
      insert.run({
        id: transcription.id,
        userId: transcription.userId,
        createdAt: transcription.createdAt,
        format: transcription.format,
        durationSec: transcription.durationSec,
        text: transcription.text,
        words: transcription.words === null ? null : JSON.stringify(transcription.words),
        delivery: JSON.stringify(transcription.delivery),
        notes: JSON.stringify(transcription.notes),
        model: transcription.model,
      });
      if (transcription.audio) insertAudio.run(transcription.id, transcription.audio.contentType, transcription.audio.bytes);
    }),
    get(id: string, userId: string): StoredTranscription | undefined {
      const row = byIdForUser.get(id, userId);
      return row ? fromRow(row) : undefined;
    },
    forTurn(turnId: string): StoredTranscription | undefined {
      const row = byTurn.get(turnId);
      return row ? fromRow(row) : undefined;
    },
    forSession: (sessionId: string) => bySession.all(sessionId).map(fromRow),
    /** Transcriptions used for answers (interview turns or one-shot feedback), in the order they were used. */
    usedBy: (userId: string) => usedByUser.all(userId).map(fromRow),
    /** Links an unused transcription to an interview turn; false when it is used already. Inside the caller's transaction. */
    attachToTurn: (id: string, sessionId: string, turnId: string, at: number) => attachTurn.run(sessionId, turnId, at, id).changes > 0,
    /** Links it to one-shot feedback (again to the same feedback is fine); false when used for something else. */
    attachToFeedback: (id: string, userId: string, feedbackId: string, at: number) => attachFeedback.run({ feedbackId, at, id, userId }).changes > 0,
    audio(id: string, userId: string): { contentType: string; bytes: Buffer } | undefined {
      const row = audio.get(id, userId);
      return row ? { contentType: row.content_type, bytes: row.bytes } : undefined;
    },
    delete: (id: string, userId: string) => remove.run(id, userId).changes > 0,
    /** Deletes transcriptions never used for an answer and created before `before` (epoch ms). */
    pruneUnused: (before: number) => pruneUnused.run(before).changes,
    addUsage: (userId: string, day: string, seconds: number) => void addUsage.run(userId, day, seconds),
    usage: (userId: string, day: string) => usage.get(userId, day)?.seconds ?? 0,
  };
}
export type TranscriptionRepository = ReturnType<typeof createTranscriptionRepository>;
