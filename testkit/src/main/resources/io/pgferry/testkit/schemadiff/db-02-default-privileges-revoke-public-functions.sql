-- pair default-privileges-revoke-public-functions: the target starts as 'old', the source is 'new' (revokes of the built-in default: EXECUTE on functions and USAGE on types from PUBLIC; function e made before them keeps PUBLIC's EXECUTE, f made after them has none)
-- old
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY);
-- new
DO $$ BEGIN CREATE ROLE sd_dp_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_writer; EXCEPTION WHEN duplicate_object THEN NULL; END $$; DO $$ BEGIN CREATE ROLE sd_dp_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$; CREATE TABLE t (id int PRIMARY KEY); CREATE FUNCTION e() RETURNS int LANGUAGE sql AS 'SELECT 0';
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE sd_dp_owner REVOKE USAGE ON TYPES FROM PUBLIC;
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';
