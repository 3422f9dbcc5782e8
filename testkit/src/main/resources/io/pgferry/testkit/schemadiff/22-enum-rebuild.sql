-- pair enum-rebuild: the target starts as 'old', the source is 'new'
-- old
CREATE TYPE status AS ENUM ('new', 'old', 'obsolete'); CREATE TABLE t (id int PRIMARY KEY, s status NOT NULL DEFAULT 'new', hist status[]); INSERT INTO t VALUES (1,'old','{new}'),(2,'new',NULL); CREATE VIEW v AS SELECT id, s FROM t;
-- new
CREATE TYPE status AS ENUM ('old', 'new', 'archived'); CREATE TABLE t (id int PRIMARY KEY, s status NOT NULL DEFAULT 'new', hist status[]); CREATE VIEW v AS SELECT id, s FROM t;
