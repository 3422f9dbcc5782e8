-- What types.sql needs but does not itself define (schemas, an enum, a function): run it on the
-- source AND on an empty target before replaying the type objects read from the source.
CREATE SCHEMA "Ty ""pes"" ☺";
CREATE SCHEMA "select";
CREATE SCHEMA "Ext Home";
CREATE TYPE "select"."Mood" AS ENUM ('sad', 'happy ☺');
CREATE FUNCTION "select"."num diff"(numeric, numeric) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS 'SELECT ($1 - $2)::float8';
