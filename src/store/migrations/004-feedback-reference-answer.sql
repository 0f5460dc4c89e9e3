-- A one-shot request may bring its own reference answer (a custom question, a course's answer key):
-- it is kept with the feedback it produced, so the grade can be understood later.
-- input_hash now also covers the grader's versions and the reference; older rows keep their old hashes,
-- which no new request produces, so they are graded afresh rather than reused.
ALTER TABLE feedback ADD COLUMN reference_answer TEXT;
