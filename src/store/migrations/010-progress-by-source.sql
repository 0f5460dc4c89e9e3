-- Progress restricted to interview answers or to quick feedback (issue 15's "Answers from" filter) summed
-- every feedback row of the user and parsed its JSON: seconds at 20,000 answers. The running totals are kept
-- per answer source instead (quick = 1: feedback that belongs to no session), so every source reads a few
-- rows; all sources together are the sum of both. They replace the totals of migration 007.
CREATE TABLE dimension_source_totals (
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  quick      INTEGER NOT NULL CHECK (quick IN (0, 1)),
  rubric     TEXT NOT NULL,
  dimension  TEXT NOT NULL,
  label      TEXT NOT NULL,  -- the label of the latest feedback of this source that scored it
  total      INTEGER NOT NULL,  -- sum of the integer scores
  count      INTEGER NOT NULL,
  PRIMARY KEY (user_id, quick, rubric, dimension)
) STRICT, WITHOUT ROWID;

INSERT INTO dimension_source_totals (user_id, quick, rubric, dimension, label, total, count)
SELECT f.user_id, f.session_id IS NULL, f.rubric, json_extract(d.value, '$.key'), max(json_extract(d.value, '$.label')),
       sum(json_extract(d.value, '$.score')), count(*)
FROM feedback f, json_each(f.result, '$.dimensions') d
GROUP BY f.user_id, f.session_id IS NULL, f.rubric, json_extract(d.value, '$.key');

CREATE TRIGGER feedback_dimension_source_totals_insert AFTER INSERT ON feedback BEGIN
  INSERT INTO dimension_source_totals (user_id, quick, rubric, dimension, label, total, count)
  SELECT NEW.user_id, NEW.session_id IS NULL, NEW.rubric, json_extract(d.value, '$.key'), json_extract(d.value, '$.label'),
         json_extract(d.value, '$.score'), 1
  FROM json_each(NEW.result, '$.dimensions') d WHERE true
  ON CONFLICT (user_id, quick, rubric, dimension) DO UPDATE
    SET total = total + excluded.total, count = count + 1, label = excluded.label;
END;

CREATE TRIGGER feedback_dimension_source_totals_delete AFTER DELETE ON feedback BEGIN
  UPDATE dimension_source_totals SET total = dimension_source_totals.total - d.score, count = dimension_source_totals.count - 1
  FROM (SELECT json_extract(value, '$.key') AS key, json_extract(value, '$.score') AS score FROM json_each(OLD.result, '$.dimensions')) AS d
  WHERE dimension_source_totals.user_id = OLD.user_id AND dimension_source_totals.quick = (OLD.session_id IS NULL)
    AND dimension_source_totals.rubric = OLD.rubric AND dimension_source_totals.dimension = d.key;
  DELETE FROM dimension_source_totals WHERE user_id = OLD.user_id AND count <= 0;
END;

CREATE TABLE topic_source_totals (
  user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  quick    INTEGER NOT NULL CHECK (quick IN (0, 1)),
  topic    TEXT NOT NULL,  -- '' for the user's own questions, which have none
  total    REAL NOT NULL,  -- sum of the overall scores
  count    INTEGER NOT NULL,
  PRIMARY KEY (user_id, quick, topic)
) STRICT, WITHOUT ROWID;

INSERT INTO topic_source_totals (user_id, quick, topic, total, count)
SELECT user_id, session_id IS NULL, coalesce(topic, ''), sum(overall), count(*) FROM feedback
GROUP BY user_id, session_id IS NULL, coalesce(topic, '');

CREATE TRIGGER feedback_topic_source_totals_insert AFTER INSERT ON feedback BEGIN
  INSERT INTO topic_source_totals (user_id, quick, topic, total, count)
  VALUES (NEW.user_id, NEW.session_id IS NULL, coalesce(NEW.topic, ''), NEW.overall, 1)
  ON CONFLICT (user_id, quick, topic) DO UPDATE SET total = total + excluded.total, count = count + 1;
END;

CREATE TRIGGER feedback_topic_source_totals_delete AFTER DELETE ON feedback BEGIN
  UPDATE topic_source_totals SET total = total - OLD.overall, count = count - 1
  WHERE user_id = OLD.user_id AND quick = (OLD.session_id IS NULL) AND topic = coalesce(OLD.topic, '');
  DELETE FROM topic_source_totals
  WHERE user_id = OLD.user_id AND quick = (OLD.session_id IS NULL) AND topic = coalesce(OLD.topic, '') AND count <= 0;
END;

DROP TRIGGER feedback_dimension_totals_insert;
DROP TRIGGER feedback_dimension_totals_delete;
DROP TRIGGER feedback_topic_totals_insert;
DROP TRIGGER feedback_topic_totals_delete;
DROP TABLE dimension_totals;
DROP TABLE topic_totals;
