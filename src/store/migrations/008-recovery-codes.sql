-- Profile portability (issue 15; reserved number 010: renumber after 008 and 009 when merging).

-- One recovery code per user, stored as its SHA-256 only: the code is shown once. Making a new code
-- replaces the old one.
CREATE TABLE recovery_codes (
  user_id     TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  code_hash   TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL
) STRICT;

-- Bearer tokens of the other devices a profile was recovered on (the first device's token stays in
-- users.token_hash); also hashes only.
CREATE TABLE device_tokens (
  token_hash  TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX device_tokens_user ON device_tokens (user_id);
