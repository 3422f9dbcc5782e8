-- pair check-calls-sql-body-function: a new check calls a new function with a SQL-standard body that reads no table (created with the functions, before the check), and an old check calling another such function goes with it (the check is dropped before the function)
-- old
CREATE FUNCTION sub(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURNS NULL ON NULL INPUT RETURN a - b;
CREATE TABLE foobar (id int PRIMARY KEY, foo varchar(255), bar int CHECK (sub(bar, id) > -1000));
INSERT INTO foobar VALUES (1, 'a', 5);
-- new
CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURNS NULL ON NULL INPUT RETURN a + b;
CREATE TABLE foobar (id int PRIMARY KEY, foo varchar(255), bar int CHECK (add(bar, id) > 0));
