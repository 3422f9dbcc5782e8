-- pair partitioning-change: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE ev (id int, at date); INSERT INTO ev VALUES (1, '2024-05-05'); CREATE VIEW ev_ids AS SELECT id FROM ev; CREATE TABLE ref (id int PRIMARY KEY);
-- new
CREATE TABLE ev (id int, at date) PARTITION BY RANGE (at); CREATE TABLE ev_all PARTITION OF ev DEFAULT; CREATE VIEW ev_ids AS SELECT id FROM ev; CREATE TABLE ref (id int PRIMARY KEY);
