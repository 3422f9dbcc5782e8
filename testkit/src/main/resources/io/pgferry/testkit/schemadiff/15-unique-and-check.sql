-- pair unique-and-check: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, email text UNIQUE, age int CHECK (age > 0)); INSERT INTO t VALUES (1,'a@x',5);
-- new
CREATE TABLE t (id int PRIMARY KEY, email text, age int CONSTRAINT t_age_check CHECK (age >= 0), CONSTRAINT t_email_lower UNIQUE (email));
