-- pair child-keeps-column-parent-drops: the parent drops a column its child has as its own in the source, after the child's other columns (migra inherit2): the child is rebuilt in the source's order, created with INHERITS once the parent's column is gone, and keeps its rows
-- old
CREATE TABLE timestamp_base (created_at timestamp DEFAULT now(), e integer);
CREATE TABLE a (a1 integer, a2 integer) INHERITS (timestamp_base);
INSERT INTO a (created_at, e, a1, a2) VALUES ('2026-01-01', 5, 1, 2), ('2026-01-02', 6, 3, 4);
-- new
CREATE TABLE timestamp_base (created_at timestamp DEFAULT now());
CREATE TABLE a (a1 integer, a2 integer) INHERITS (timestamp_base);
ALTER TABLE a DROP COLUMN a2;
ALTER TABLE a ADD COLUMN e integer;
