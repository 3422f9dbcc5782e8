-- pair domain-over-table-row-type: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE holder (id int PRIMARY KEY); INSERT INTO holder VALUES (1);
-- new
CREATE TABLE z_point (x int, y int); CREATE DOMAIN pos_point AS z_point CHECK ((VALUE).x >= 0); CREATE TABLE holder (id int PRIMARY KEY, p pos_point); CREATE TABLE a_shape (id int PRIMARY KEY, corner pos_point); CREATE FUNCTION corner_x(s a_shape) RETURNS int LANGUAGE sql AS $$ SELECT (s.corner).x $$;
