-- migrate: foreign keys off
-- Question types (issue 11): every question carries the type that picks its rubric, and feedback may be
-- graded with any rubric, no longer only 'star' or 'technical'.

-- The corpus loader rewrites every question row on the first start after this migration (the type
-- mapping is an input of its files hash and the type is part of each record's content hash), so the
-- default only covers the moment in between.
ALTER TABLE questions ADD COLUMN type TEXT NOT NULL DEFAULT 'technical';
CREATE INDEX questions_type ON questions (type);

-- SQLite cannot change a CHECK constraint in place: the feedback table is rebuilt without the one that
-- listed the two original rubrics (the runner turns foreign keys off around this migration, so dropping
-- the old table does not cascade into the transcriptions that reference it, and checks them after).
-- Rubric ids are validated by zod when a result is written and read.
CREATE TABLE feedback_v5 (
  id                TEXT PRIMARY KEY,
  user_id           TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  session_id        TEXT REFERENCES sessions (id) ON DELETE CASCADE,
  turn_id           TEXT,
  question_id       TEXT,
  question          TEXT NOT NULL,
  topic             TEXT,
  answer            TEXT NOT NULL,
  input_hash        TEXT NOT NULL,  -- everything that decides the grade: identical re-submissions are not re-graded
  rubric            TEXT NOT NULL,
  overall           REAL NOT NULL,
  result            TEXT NOT NULL,  -- JSON GradeResult
  grader_kind       TEXT NOT NULL,
  created_at        INTEGER NOT NULL,
  reference_answer  TEXT
) STRICT;
INSERT INTO feedback_v5 (id, user_id, session_id, turn_id, question_id, question, topic, answer, input_hash, rubric,
  overall, result, grader_kind, created_at, reference_answer)
SELECT id, user_id, session_id, turn_id, question_id, question, topic, answer, input_hash, rubric,
  overall, result, grader_kind, created_at, reference_answer
FROM feedback;
DROP TABLE feedback;
ALTER TABLE feedback_v5 RENAME TO feedback;
CREATE INDEX feedback_user ON feedback (user_id, created_at);
CREATE INDEX feedback_input ON feedback (user_id, input_hash);
