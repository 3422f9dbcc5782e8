-- pair comments-and-grants: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, a int); COMMENT ON TABLE t IS 'old'; COMMENT ON COLUMN t.a IS 'gone soon'; GRANT SELECT, INSERT ON t TO PUBLIC;
-- new
CREATE TABLE t (id int PRIMARY KEY, a int); COMMENT ON TABLE t IS 'new ''quoted'' comment'; COMMENT ON COLUMN t.id IS 'key'; GRANT SELECT ON t TO PUBLIC;
