-- pair add-column: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1,'a'),(2,NULL);
-- new
CREATE TABLE t (id int PRIMARY KEY, v text, n int NOT NULL DEFAULT 7, created timestamptz DEFAULT now());
