-- pair unlogged-and-options: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY) WITH (fillfactor = 70); CREATE UNLOGGED TABLE u (id int);
-- new
CREATE UNLOGGED TABLE t (id int PRIMARY KEY) WITH (autovacuum_enabled = false); CREATE TABLE u (id int);
