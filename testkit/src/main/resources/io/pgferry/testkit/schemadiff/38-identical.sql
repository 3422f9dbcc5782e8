-- pair identical: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, a text); CREATE VIEW v AS SELECT a FROM t;
-- new
CREATE TABLE t (id int PRIMARY KEY, a text); CREATE VIEW v AS SELECT a FROM t;
