-- pair drop-column-pk: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, keep text, gone text, gone2 int); INSERT INTO t VALUES (1,'k','g',5),(2,'k2',NULL,6);
-- new
CREATE TABLE t (id int PRIMARY KEY, keep text);
