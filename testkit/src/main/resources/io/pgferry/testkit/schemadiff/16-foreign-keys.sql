-- pair foreign-keys: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE q (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p, q_id int); INSERT INTO p VALUES (1); INSERT INTO q VALUES (1); INSERT INTO c VALUES (1,1,1);
-- new
CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE q (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p ON DELETE CASCADE, q_id int); ALTER TABLE c ADD CONSTRAINT c_q_fk FOREIGN KEY (q_id) REFERENCES q NOT VALID;
