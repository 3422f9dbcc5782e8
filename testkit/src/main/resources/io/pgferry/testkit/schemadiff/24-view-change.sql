-- pair view-change: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, a int, b int); CREATE VIEW v AS SELECT id, a FROM t; CREATE VIEW gone AS SELECT 1 AS one;
-- new
CREATE TABLE t (id int PRIMARY KEY, a int, b int); CREATE VIEW v AS SELECT id, a, b FROM t WHERE a > 0; CREATE VIEW added AS SELECT count(*) AS n FROM t;
