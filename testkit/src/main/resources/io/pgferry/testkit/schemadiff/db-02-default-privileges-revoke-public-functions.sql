-- pair default-privileges-revoke-public-functions: the target starts as 'old', the source is 'new' (revokes of the built-in default: EXECUTE on functions and USAGE on types from PUBLIC; a function created under them)
-- old
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY);
-- new
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY);
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE sd_dp_owner REVOKE USAGE ON TYPES FROM PUBLIC;
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
