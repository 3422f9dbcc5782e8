-- pair domains-and-composites: the target starts as 'old', the source is 'new'
-- old
CREATE DOMAIN posint AS int CHECK (VALUE > 0); CREATE TABLE t (id int PRIMARY KEY);
-- new
CREATE DOMAIN posint AS int CHECK (VALUE > 0); CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%'); CREATE TYPE pair AS (a int, b text); CREATE TABLE t (id int PRIMARY KEY, e email, p pair);
