-- pair default-privileges-added: the target starts as 'old', the source is 'new' (IN SCHEMA of the synced schema, for the current user and FOR ROLE another; every object type)
-- old
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY);
-- new
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY);
DO $$ BEGIN
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO PUBLIC', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT INSERT, UPDATE ON TABLES TO sd_dp_writer', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO sd_dp_writer', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT EXECUTE ON FUNCTIONS TO sd_dp_reader', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE ON TYPES TO sd_dp_reader WITH GRANT OPTION', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE sd_dp_owner IN SCHEMA %I GRANT SELECT, DELETE ON TABLES TO sd_dp_reader', current_schema());
END $$;
