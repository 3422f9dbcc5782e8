-- pair primary-key-change: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE p (a int, b int, CONSTRAINT p_pkey PRIMARY KEY (a)); INSERT INTO p VALUES (1,1),(2,2); CREATE TABLE c (id int PRIMARY KEY, pa int REFERENCES p (a)); INSERT INTO c VALUES (1,1);
-- new
CREATE TABLE p (a int, b int, CONSTRAINT p_pkey PRIMARY KEY (a, b), CONSTRAINT p_a_key UNIQUE (a)); CREATE TABLE c (id int PRIMARY KEY, pa int REFERENCES p (a));
