-- pair generated-column: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, a int, doubled int GENERATED ALWAYS AS (a * 2) STORED); INSERT INTO t (id, a) VALUES (1, 2);
-- new
CREATE TABLE t (id int PRIMARY KEY, a int, doubled int GENERATED ALWAYS AS (a * 3) STORED, tripled int GENERATED ALWAYS AS (a * 3) STORED);
