-- pair type-widen: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, n smallint, s varchar(10), d numeric(8,2), f real); INSERT INTO t VALUES (1, 3, 'abc', 12.5, 1.5);
-- new
CREATE TABLE t (id bigint PRIMARY KEY, n integer, s varchar(40), d numeric(12,2), f double precision);
