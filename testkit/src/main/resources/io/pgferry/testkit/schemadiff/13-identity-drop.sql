-- pair identity-drop: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text); INSERT INTO t (v) VALUES ('a');
-- new
CREATE TABLE t (id int PRIMARY KEY, v text);
