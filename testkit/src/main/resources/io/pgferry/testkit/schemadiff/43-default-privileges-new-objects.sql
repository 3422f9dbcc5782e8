-- pair default-privileges-new-objects: the target starts as 'old', the source is 'new' (same default privileges on both sides; the source's new tables revoke what they granted, so the sync must create them under the built-in default, also setting aside the database-wide entry a schema selection does not compare)
-- old
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY);
DO $$ BEGIN
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO sd_dp_reader', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO sd_dp_writer', current_schema());
END $$;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO sd_dp_reader;
-- new
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY);
DO $$ BEGIN
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO sd_dp_reader', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO sd_dp_writer', current_schema());
END $$;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO sd_dp_reader;
CREATE TABLE secrets (id int PRIMARY KEY, data text); REVOKE SELECT ON secrets FROM sd_dp_reader;
CREATE TABLE readonly_data (id int PRIMARY KEY, value text); REVOKE INSERT, UPDATE, DELETE ON readonly_data FROM sd_dp_writer;
