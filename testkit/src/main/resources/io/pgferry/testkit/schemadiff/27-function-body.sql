-- pair function-body: the target starts as 'old', the source is 'new'
-- old
CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 1 $$; CREATE TABLE t (id int PRIMARY KEY, v int DEFAULT f(1));
-- new
CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 2 $$; CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $$ SELECT 'g' $$; CREATE TABLE t (id int PRIMARY KEY, v int DEFAULT f(1));
