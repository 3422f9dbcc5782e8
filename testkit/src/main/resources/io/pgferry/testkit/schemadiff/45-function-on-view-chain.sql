-- pair function-on-view-chain: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a');
-- new
CREATE TABLE t (id int PRIMARY KEY, v text); CREATE VIEW v1 AS SELECT id, v FROM t; CREATE VIEW v2 AS SELECT id, upper(v) AS v FROM v1; CREATE FUNCTION rows_of_v2() RETURNS SETOF v2 LANGUAGE sql STABLE AS $$ SELECT * FROM v2 $$; CREATE VIEW v3 AS SELECT id FROM rows_of_v2();
