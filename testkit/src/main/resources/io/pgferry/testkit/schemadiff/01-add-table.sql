-- pair add-table: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE a (id int PRIMARY KEY); INSERT INTO a VALUES (1),(2);
-- new
CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id bigint PRIMARY KEY, a_id int REFERENCES a, note text DEFAULT 'x');
