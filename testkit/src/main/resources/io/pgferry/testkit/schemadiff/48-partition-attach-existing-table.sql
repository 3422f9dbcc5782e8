-- pair partition-attach-existing-table: a table with rows becomes a partition (attached in place, rows kept) of a parent that has a key, a check and a new column; a new partition too
-- old
CREATE TABLE m (id int NOT NULL, at date NOT NULL, v int, CONSTRAINT m_v_positive CHECK (v > 0), PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX m_v ON m (v);
CREATE TABLE m_2025 (id int NOT NULL, at date NOT NULL, v int);
INSERT INTO m VALUES (1, '2024-03-03', 5); INSERT INTO m_2025 VALUES (2, '2025-02-02', 7);
-- new
CREATE TABLE m (id int NOT NULL, at date NOT NULL, v int, note text DEFAULT 'n', CONSTRAINT m_v_positive CHECK (v > 0), PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX m_v ON m (v);
CREATE TABLE m_2025 (id int NOT NULL, at date NOT NULL, v int, note text DEFAULT 'n', CONSTRAINT m_v_positive CHECK (v > 0));
ALTER TABLE m ATTACH PARTITION m_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE m_2026 PARTITION OF m FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
