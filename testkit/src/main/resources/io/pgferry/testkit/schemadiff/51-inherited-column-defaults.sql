-- pair inherited-column-defaults: children of an inheritance parent have defaults of their own on inherited columns; a child leaves its parent
-- old
CREATE TABLE base (id serial, at timestamptz DEFAULT now());
CREATE TABLE child_a (a int) INHERITS (base);
CREATE TABLE child_b (b int) INHERITS (base);
ALTER TABLE ONLY child_a ALTER COLUMN id DROP DEFAULT;
INSERT INTO child_a (id, a) VALUES (1, 1); INSERT INTO child_b (b) VALUES (2);
-- new
CREATE TABLE base (id serial, at timestamptz DEFAULT now());
CREATE TABLE child_a (a int) INHERITS (base);
CREATE TABLE child_b (id integer, at timestamptz DEFAULT now(), b int);
ALTER TABLE ONLY child_a ALTER COLUMN at SET DEFAULT '2020-01-01';
