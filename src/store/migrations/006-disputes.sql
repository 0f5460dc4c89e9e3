-- A candidate contesting a score: the score they expected for one dimension of a feedback, or for its
-- overall score (dimension NULL), with an optional note. One dispute per feedback and dimension: a new
-- one replaces the old, so an export never holds two golds for the same answer.
CREATE TABLE disputes (
  id           TEXT PRIMARY KEY,
  feedback_id  TEXT NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  dimension    TEXT,
  expected     INTEGER NOT NULL CHECK (expected BETWEEN 1 AND 5),
  note         TEXT,
  created_at   INTEGER NOT NULL  -- epoch ms
) STRICT;
CREATE UNIQUE INDEX disputes_target ON disputes (feedback_id, coalesce(dimension, ''));
CREATE INDEX disputes_user ON disputes (user_id, created_at);
