-- pair default-privileges-dropped: the target starts as 'old', the source is 'new' (every entry gone: back to the built-in default)
-- old
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY);
DO $$ BEGIN
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE sd_dp_owner IN SCHEMA %I GRANT SELECT ON TABLES TO sd_dp_reader', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE sd_dp_owner IN SCHEMA %I GRANT INSERT, UPDATE, DELETE ON TABLES TO sd_dp_writer', current_schema());
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT EXECUTE ON FUNCTIONS TO sd_dp_reader', current_schema());
END $$;
-- new
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY);
