-- pair defaults: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT 1, b text, c text DEFAULT 'c'); INSERT INTO t VALUES (1, 1, 'b', 'c');
-- new
CREATE TABLE t (id int PRIMARY KEY, a int DEFAULT 2, b text DEFAULT 'new', c text);
