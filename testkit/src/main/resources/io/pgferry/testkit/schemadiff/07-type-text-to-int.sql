-- pair type-text-to-int: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, qty text); INSERT INTO t VALUES (1,'42'),(2,'7');
-- new
CREATE TABLE t (id int PRIMARY KEY, qty integer);
