-- Interviews: a session owns its turns and an append-only transcript of every server message
-- (`events`, gapless seq per session) plus what the candidate typed (`client_events`), so a session
-- can be resumed from any seq and replayed on its original timeline.
CREATE TABLE sessions (
  id          TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  mode        TEXT NOT NULL CHECK (mode IN ('behavioural', 'technical', 'mixed')),
  options     TEXT NOT NULL,  -- JSON StartOptions
  plan        TEXT NOT NULL,  -- JSON array of the planned main questions, in order
  start_client_id TEXT,       -- the client's id for its `start`, so a resent start finds this session
  status      TEXT NOT NULL CHECK (status IN ('active', 'ended')),
  created_at  INTEGER NOT NULL,  -- epoch ms
  ended_at    INTEGER,
  end_requested_at INTEGER,   -- `end` arrived while an answer was being graded: finish right after it
  last_seq    INTEGER NOT NULL DEFAULT 0,
  overall     REAL
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id, created_at);
CREATE UNIQUE INDEX sessions_start_client ON sessions (user_id, start_client_id) WHERE start_client_id IS NOT NULL;
CREATE INDEX sessions_active ON sessions (status) WHERE status = 'active';

CREATE TABLE turns (
  id                TEXT PRIMARY KEY,
  session_id        TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position          INTEGER NOT NULL,  -- order of asking (1-based), follow-ups included
  main_index        INTEGER NOT NULL,  -- 1-based number of the main question
  parent_turn_id    TEXT REFERENCES turns (id) ON DELETE CASCADE,
  question_id       TEXT,
  question_text     TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('behavioural', 'technical')),
  topic             TEXT NOT NULL,
  status            TEXT NOT NULL
                      CHECK (status IN ('asked', 'answered', 'graded', 'skipped', 'unanswered')),
  asked_at          INTEGER,
  deadline          INTEGER,  -- absolute epoch ms, server-authoritative
  answer_text       TEXT,
  answer_client_id  TEXT,
  answer_source     TEXT CHECK (answer_source IN ('submitted', 'draft_at_time_up')),
  answered_at       INTEGER,
  draft_text        TEXT,
  draft_at          INTEGER,
  feedback_id       TEXT,
  UNIQUE (session_id, position)
) STRICT;
CREATE INDEX turns_pending ON turns (status) WHERE status IN ('asked', 'answered');

CREATE TABLE events (
  session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  type        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  payload     TEXT NOT NULL,  -- JSON SessionEvent
  PRIMARY KEY (session_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE client_events (
  id          INTEGER PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  turn_id     TEXT NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('draft', 'answer', 'skip')),
  at          INTEGER NOT NULL,
  text        TEXT
) STRICT;
CREATE INDEX client_events_session ON client_events (session_id, id);
CREATE INDEX client_events_turn ON client_events (turn_id, type, id);

CREATE TABLE feedback (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  session_id   TEXT REFERENCES sessions (id) ON DELETE CASCADE,
  turn_id      TEXT,
  question_id  TEXT,
  question     TEXT NOT NULL,
  topic        TEXT,
  answer       TEXT NOT NULL,
  input_hash   TEXT NOT NULL,  -- rubric + question + answer: identical re-submissions are not re-graded
  rubric       TEXT NOT NULL CHECK (rubric IN ('star', 'technical')),
  overall      REAL NOT NULL,
  result       TEXT NOT NULL,  -- JSON GradeResult
  grader_kind  TEXT NOT NULL,
  created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX feedback_user ON feedback (user_id, created_at);
CREATE INDEX feedback_input ON feedback (user_id, input_hash);

-- Tokens spent on LLM grading per user and UTC day, for the daily budget.
CREATE TABLE llm_usage (
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day      TEXT NOT NULL,
  tokens   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, day)
) STRICT, WITHOUT ROWID;
