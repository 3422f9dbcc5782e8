-- pair table-grant-to-column-grant: a table-wide privilege becomes a column privilege (the table's REVOKE, which takes its columns' grants too, goes before the column's GRANT) and the reverse on another table
-- old
DO $$ BEGIN CREATE ROLE sd_col_user; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE some_table (some_column text, other text); GRANT UPDATE ON some_table TO sd_col_user; GRANT SELECT ON some_table TO PUBLIC;
CREATE TABLE other_table (a int, b int); GRANT SELECT (a) ON other_table TO sd_col_user;
-- new
DO $$ BEGIN CREATE ROLE sd_col_user; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE some_table (some_column text, other text); GRANT UPDATE (some_column) ON some_table TO sd_col_user; GRANT SELECT ON some_table TO PUBLIC;
CREATE TABLE other_table (a int, b int); GRANT SELECT ON other_table TO sd_col_user;
