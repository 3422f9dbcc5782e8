-- pair view-on-changed-column: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, amount int, dropme text); INSERT INTO t VALUES (1, 5, 'x'); CREATE VIEW v1 AS SELECT id, amount FROM t; CREATE VIEW v2 AS SELECT sum(amount) AS total FROM v1; COMMENT ON VIEW v2 IS 'totals'; GRANT SELECT ON v2 TO PUBLIC;
-- new
CREATE TABLE t (id int PRIMARY KEY, amount bigint); CREATE VIEW v1 AS SELECT id, amount FROM t; CREATE VIEW v2 AS SELECT sum(amount) AS total FROM v1; COMMENT ON VIEW v2 IS 'totals'; GRANT SELECT ON v2 TO PUBLIC;
