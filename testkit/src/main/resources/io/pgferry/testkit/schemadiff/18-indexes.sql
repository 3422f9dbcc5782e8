-- pair indexes: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, a int, b text); CREATE INDEX t_a ON t (a); CREATE INDEX t_b ON t (b); INSERT INTO t VALUES (1,1,'x');
-- new
CREATE TABLE t (id int PRIMARY KEY, a int, b text); CREATE INDEX t_a ON t (a DESC); CREATE UNIQUE INDEX t_ab ON t (a, b) WHERE a > 0; CREATE INDEX t_lower ON t (lower(b));
