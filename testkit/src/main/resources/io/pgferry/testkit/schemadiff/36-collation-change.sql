-- pair collation-change: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, name text); INSERT INTO t VALUES (1, 'b'), (2, 'A');
-- new
CREATE TABLE t (id int PRIMARY KEY, name text COLLATE "C");
