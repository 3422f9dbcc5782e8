-- pair not-null: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, a int, b int NOT NULL); INSERT INTO t VALUES (1, 1, 2);
-- new
CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL, b int);
