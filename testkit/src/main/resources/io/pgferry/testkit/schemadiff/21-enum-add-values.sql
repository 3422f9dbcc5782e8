-- pair enum-add-values: the target starts as 'old', the source is 'new'
-- old
CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE TABLE t (id int PRIMARY KEY, m mood DEFAULT 'sad'); INSERT INTO t VALUES (1,'happy');
-- new
CREATE TYPE mood AS ENUM ('angry', 'sad', 'ok', 'happy', 'ecstatic'); CREATE TABLE t (id int PRIMARY KEY, m mood DEFAULT 'sad');
