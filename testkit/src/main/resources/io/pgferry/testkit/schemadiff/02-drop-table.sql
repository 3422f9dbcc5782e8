-- pair drop-table: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE a (id int PRIMARY KEY, v text); INSERT INTO a VALUES (1,'one'),(2,'two'); CREATE TABLE gone (id int PRIMARY KEY, a_id int REFERENCES a); INSERT INTO gone VALUES (10, 1);
-- new
CREATE TABLE a (id int PRIMARY KEY, v text);
