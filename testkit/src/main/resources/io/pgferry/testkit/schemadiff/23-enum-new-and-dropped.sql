-- pair enum-new-and-dropped: the target starts as 'old', the source is 'new'
-- old
CREATE TYPE gone AS ENUM ('x'); CREATE TABLE t (id int PRIMARY KEY);
-- new
CREATE TYPE color AS ENUM ('red', 'green'); CREATE TABLE t (id int PRIMARY KEY, c color);
