-- Limits and progress (issue 13).

-- Bytes of draft history (client_events of type 'draft') each session holds, so a user's quota is one
-- sum over their sessions; deleting a session frees its share with it.
ALTER TABLE sessions ADD COLUMN draft_bytes INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET draft_bytes = (
  SELECT coalesce(sum(length(CAST(c.text AS BLOB))), 0) FROM client_events c WHERE c.session_id = sessions.id AND c.type = 'draft'
);

-- Progress is read in SQL instead of parsing every feedback of a user on each request. Running totals of
-- the scores per user, rubric and dimension, and per user and topic, are kept by triggers, so every way
-- feedback disappears (one-shot delete, a session's cascade, a user's cascade) keeps them right.
CREATE TABLE dimension_totals (
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  rubric     TEXT NOT NULL,
  dimension  TEXT NOT NULL,
  label      TEXT NOT NULL,  -- the label of the latest feedback that scored it
  total      INTEGER NOT NULL,  -- sum of the integer scores
  count      INTEGER NOT NULL,
  PRIMARY KEY (user_id, rubric, dimension)
) STRICT, WITHOUT ROWID;

INSERT INTO dimension_totals (user_id, rubric, dimension, label, total, count)
SELECT f.user_id, f.rubric, json_extract(d.value, '$.key'), max(json_extract(d.value, '$.label')),
       sum(json_extract(d.value, '$.score')), count(*)
FROM feedback f, json_each(f.result, '$.dimensions') d
GROUP BY f.user_id, f.rubric, json_extract(d.value, '$.key');

CREATE TRIGGER feedback_dimension_totals_insert AFTER INSERT ON feedback BEGIN
  INSERT INTO dimension_totals (user_id, rubric, dimension, label, total, count)
  SELECT NEW.user_id, NEW.rubric, json_extract(d.value, '$.key'), json_extract(d.value, '$.label'), json_extract(d.value, '$.score'), 1
  FROM json_each(NEW.result, '$.dimensions') d WHERE true
  ON CONFLICT (user_id, rubric, dimension) DO UPDATE
    SET total = total + excluded.total, count = count + 1, label = excluded.label;
END;

CREATE TRIGGER feedback_dimension_totals_delete AFTER DELETE ON feedback BEGIN
  UPDATE dimension_totals SET total = dimension_totals.total - d.score, count = dimension_totals.count - 1
  FROM (SELECT json_extract(value, '$.key') AS key, json_extract(value, '$.score') AS score FROM json_each(OLD.result, '$.dimensions')) AS d
  WHERE dimension_totals.user_id = OLD.user_id AND dimension_totals.rubric = OLD.rubric AND dimension_totals.dimension = d.key;
  DELETE FROM dimension_totals WHERE user_id = OLD.user_id AND count <= 0;
END;

-- The same per user and topic ('' for the user's own questions, which have none), for the topic averages
-- and the number of graded answers.
CREATE TABLE topic_totals (
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  topic    TEXT NOT NULL,
  total    REAL NOT NULL,  -- sum of the overall scores
  count    INTEGER NOT NULL,
  PRIMARY KEY (user_id, topic)
) STRICT, WITHOUT ROWID;

INSERT INTO topic_totals (user_id, topic, total, count)
SELECT user_id, coalesce(topic, ''), sum(overall), count(*) FROM feedback GROUP BY user_id, coalesce(topic, '');

CREATE TRIGGER feedback_topic_totals_insert AFTER INSERT ON feedback BEGIN
  INSERT INTO topic_totals (user_id, topic, total, count) VALUES (NEW.user_id, coalesce(NEW.topic, ''), NEW.overall, 1)
  ON CONFLICT (user_id, topic) DO UPDATE SET total = total + excluded.total, count = count + 1;
END;

CREATE TRIGGER feedback_topic_totals_delete AFTER DELETE ON feedback BEGIN
  UPDATE topic_totals SET total = total - OLD.overall, count = count - 1 WHERE user_id = OLD.user_id AND topic = coalesce(OLD.topic, '');
  DELETE FROM topic_totals WHERE user_id = OLD.user_id AND topic = coalesce(OLD.topic, '') AND count <= 0;
END;

-- Each topic's latest answers (covering).
CREATE INDEX feedback_user_topic ON feedback (user_id, topic, created_at, overall, session_id);
-- Each rubric's latest answers, for the dimension trend lines.
CREATE INDEX feedback_user_rubric ON feedback (user_id, rubric, created_at);
