-- pair type-narrow: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, price numeric(12,2), code varchar(20)); INSERT INTO t VALUES (1, 10.25, 'ab');
-- new
CREATE TABLE t (id int PRIMARY KEY, price numeric(8,2), code varchar(5));
