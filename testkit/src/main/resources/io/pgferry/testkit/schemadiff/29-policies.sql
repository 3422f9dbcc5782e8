-- pair policies: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, owner text); CREATE POLICY p_old ON t USING (owner = current_user); CREATE POLICY p_keep ON t FOR SELECT USING (true); ALTER TABLE t ENABLE ROW LEVEL SECURITY;
-- new
CREATE TABLE t (id int PRIMARY KEY, owner text); CREATE POLICY p_keep ON t FOR SELECT USING (id > 0); CREATE POLICY p_new ON t FOR INSERT WITH CHECK (owner IS NOT NULL); ALTER TABLE t ENABLE ROW LEVEL SECURITY; ALTER TABLE t FORCE ROW LEVEL SECURITY;
