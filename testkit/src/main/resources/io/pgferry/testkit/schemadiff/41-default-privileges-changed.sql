-- pair default-privileges-changed: the target starts as 'old', the source is 'new' (privilege list widened with WITH GRANT OPTION, one object type gone, grantee changed)
-- old
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY);
DO $$ BEGIN
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO sd_dp_writer', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE ON SEQUENCES TO sd_dp_writer', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE sd_dp_owner IN SCHEMA %I GRANT SELECT ON TABLES TO sd_dp_reader WITH GRANT OPTION', current_schema());
END $$;
-- new
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY);
DO $$ BEGIN
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE ON TABLES TO sd_dp_writer WITH GRANT OPTION', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE sd_dp_owner IN SCHEMA %I GRANT SELECT ON TABLES TO sd_dp_reader', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE sd_dp_owner IN SCHEMA %I GRANT SELECT ON TABLES TO sd_dp_writer', current_schema());
END $$;
