-- pair default-privileges-global-added: the target starts as 'old', the source is 'new' (database-wide entries, no IN SCHEMA; synced without a schema selection; table u was created before them, so it has none of their grants)
-- old
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY);
-- new
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE u (id int PRIMARY KEY);
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO sd_dp_reader;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO sd_dp_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE sd_dp_owner GRANT USAGE ON TYPES TO sd_dp_writer WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE sd_dp_owner GRANT INSERT ON TABLES TO sd_dp_writer;
