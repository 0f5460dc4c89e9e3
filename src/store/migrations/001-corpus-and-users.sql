-- Corpus questions, coaching tips and users. Corpus rows are rewritten by the loader when their
-- content hash changes; ids come from the content, so they survive reloads.
CREATE TABLE users (
  id          TEXT PRIMARY KEY,
  name        TEXT,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE questions (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('behavioural', 'technical')),
  topic           TEXT NOT NULL,
  text            TEXT NOT NULL,
  answers         TEXT NOT NULL,  -- JSON array of strings
  expected_level  TEXT,
  follow_ups      TEXT NOT NULL,  -- JSON array of strings
  notes           TEXT NOT NULL,  -- JSON array of strings
  sources         TEXT NOT NULL,  -- JSON array of { file, line }
  content_hash    TEXT NOT NULL
) STRICT;
CREATE INDEX questions_kind_topic ON questions (kind, topic);

-- Standalone FTS index kept in step with `questions` by the loader, in the same transaction.
CREATE VIRTUAL TABLE questions_fts USING fts5 (
  question_id UNINDEXED,
  text,
  answers,
  topic,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE coaching_tips (
  id            TEXT PRIMARY KEY,
  category      TEXT NOT NULL,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  source        TEXT NOT NULL,  -- JSON { file, line }
  content_hash  TEXT NOT NULL
) STRICT;

CREATE TABLE corpus_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  files_hash  TEXT NOT NULL,
  loaded_at   TEXT NOT NULL
) STRICT;
