-- Format versions of the JSON columns, read through the codecs of src/store/stored-codec.ts: a breaking
-- change of a stored shape bumps its version and adds an upgrade from the previous one, so old transcripts,
-- feedback and sessions stay readable. Rows written before this migration are version 1.
ALTER TABLE sessions ADD COLUMN options_format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sessions ADD COLUMN plan_format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE feedback ADD COLUMN result_format INTEGER NOT NULL DEFAULT 1;
