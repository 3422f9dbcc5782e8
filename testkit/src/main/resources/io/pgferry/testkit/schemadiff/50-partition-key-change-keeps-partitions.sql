-- pair partition-key-change-keeps-partitions: the parent is recreated with another partition key; its partitions leave it first, keep their rows and join the new parent
-- old
CREATE TABLE r (id int NOT NULL, kind text NOT NULL, CONSTRAINT r_kind CHECK (kind <> '')) PARTITION BY LIST (id);
CREATE TABLE r_a PARTITION OF r FOR VALUES IN (1, 2);
CREATE TABLE r_b PARTITION OF r FOR VALUES IN (3);
INSERT INTO r VALUES (1, 'a'), (3, 'b');
-- new
CREATE TABLE r (id int NOT NULL, kind text NOT NULL, CONSTRAINT r_kind CHECK (kind <> '')) PARTITION BY LIST (kind);
CREATE TABLE r_a PARTITION OF r FOR VALUES IN ('a');
CREATE TABLE r_b PARTITION OF r FOR VALUES IN ('b');
