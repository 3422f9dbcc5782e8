-- pair partition-own-index-names: a partition's index and key attached to the parent's under names of their own (renamed), and a partition's key added under its own name
-- old
CREATE TABLE q (k int NOT NULL, b int) PARTITION BY LIST (k);
CREATE TABLE q1 PARTITION OF q FOR VALUES IN (1);
CREATE TABLE q2 PARTITION OF q FOR VALUES IN (2);
CREATE INDEX q_b ON q (b);
INSERT INTO q VALUES (1, 1), (2, 2);
-- new
CREATE TABLE q (k int NOT NULL, b int) PARTITION BY LIST (k);
CREATE TABLE q1 (k int NOT NULL, b int);
CREATE INDEX "q1 by b" ON q1 (b);
ALTER TABLE q1 ADD CONSTRAINT q1_own_key PRIMARY KEY (k, b);
ALTER TABLE q ATTACH PARTITION q1 FOR VALUES IN (1);
CREATE TABLE q2 PARTITION OF q FOR VALUES IN (2);
CREATE INDEX q_b ON q (b);
ALTER TABLE q ADD CONSTRAINT q_key PRIMARY KEY (k, b);
