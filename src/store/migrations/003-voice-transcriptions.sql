-- Voice answers: every transcription a user asked for, with its delivery metrics. One used for an answer
-- names its interview turn (or its one-shot feedback); deleting that session or feedback deletes it too.
-- The recording itself is kept only with KEEP_AUDIO=true, in its own table, and goes with its transcription.
CREATE TABLE transcriptions (
  id            TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at    INTEGER NOT NULL,  -- epoch ms
  format        TEXT NOT NULL CHECK (format IN ('webm', 'ogg', 'wav', 'mpeg', 'mp4')),
  duration_sec  REAL NOT NULL,
  text          TEXT NOT NULL,
  words         TEXT,              -- JSON array of { word, start, end }; NULL when the server gave no word timings
  delivery      TEXT NOT NULL,     -- JSON Delivery; its `guide` names the version of the metrics
  notes         TEXT NOT NULL,     -- JSON array of strings: what could not be measured
  model         TEXT NOT NULL,
  session_id    TEXT REFERENCES sessions (id) ON DELETE CASCADE,
  turn_id       TEXT UNIQUE REFERENCES turns (id) ON DELETE CASCADE,
  feedback_id   TEXT REFERENCES feedback (id) ON DELETE CASCADE,
  used_at       INTEGER            -- when it was attached to an answer
) STRICT;
CREATE INDEX transcriptions_user ON transcriptions (user_id, created_at);
CREATE INDEX transcriptions_session ON transcriptions (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX transcriptions_feedback ON transcriptions (feedback_id) WHERE feedback_id IS NOT NULL;
CREATE INDEX transcriptions_unused ON transcriptions (created_at) WHERE turn_id IS NULL AND feedback_id IS NULL;

CREATE TABLE transcription_audio (
  transcription_id  TEXT PRIMARY KEY REFERENCES transcriptions (id) ON DELETE CASCADE,
  content_type      TEXT NOT NULL,
  bytes             BLOB NOT NULL
) STRICT;

-- Seconds of audio transcribed per user and UTC day, for STT_DAILY_SECONDS. Kept apart from the
-- transcriptions so that deleting one does not hand the time back.
CREATE TABLE stt_usage (
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day      TEXT NOT NULL,
  seconds  REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, day)
) STRICT, WITHOUT ROWID;
