-- pair partitioned-new: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE keep (id int PRIMARY KEY);
-- new
CREATE TABLE keep (id int PRIMARY KEY); CREATE TABLE m (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at); CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); CREATE INDEX m_at ON m (at);
