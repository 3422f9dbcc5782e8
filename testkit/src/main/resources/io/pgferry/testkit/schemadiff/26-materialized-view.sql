-- pair materialized-view: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, a int); INSERT INTO t VALUES (1,1); CREATE MATERIALIZED VIEW mv AS SELECT a FROM t; CREATE INDEX mv_a ON mv (a);
-- new
CREATE TABLE t (id int PRIMARY KEY, a int); CREATE MATERIALIZED VIEW mv AS SELECT a, id FROM t; CREATE INDEX mv_a ON mv (a);
