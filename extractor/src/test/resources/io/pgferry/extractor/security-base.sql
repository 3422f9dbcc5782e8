-- Objects both sides create with plain DDL; security-decor.sql then decorates the source only.
CREATE SCHEMA "Sec Schema";
CREATE EXTENSION citext SCHEMA "Sec Schema";
CREATE TABLE "Sec Schema"."Acc ounts" (id serial PRIMARY KEY, "Owner" text NOT NULL,
  balance numeric CONSTRAINT "positive ""bal""" CHECK (balance >= 0), secret text);
CREATE TABLE "Sec Schema".plain (a int);
CREATE TABLE "Sec Schema".parted (k int, v text) PARTITION BY LIST (k);
CREATE TABLE "Sec Schema"."parted 1" PARTITION OF "Sec Schema".parted FOR VALUES IN (1);
CREATE INDEX "I dx" ON "Sec Schema"."Acc ounts" ("Owner");
CREATE VIEW "Sec Schema"."V iew" AS SELECT id, "Owner" FROM "Sec Schema"."Acc ounts";
CREATE MATERIALIZED VIEW "Sec Schema".mv AS SELECT 1 AS one;
CREATE SEQUENCE "Sec Schema"."S eq";
CREATE TYPE "Sec Schema"."M ood" AS ENUM ('a', 'b');
CREATE TYPE "Sec Schema".comp AS (x int, "Y" text);
CREATE DOMAIN "Sec Schema"."Pos Int" AS int CONSTRAINT "is pos" CHECK (VALUE > 0);
CREATE TYPE "Sec Schema".fr AS RANGE (subtype = float8);
CREATE FUNCTION "Sec Schema"."f un"(a int, "B" text) RETURNS int LANGUAGE sql AS 'SELECT a';
CREATE FUNCTION "Sec Schema"."f un"(a int) RETURNS int LANGUAGE sql AS 'SELECT a';
CREATE PROCEDURE "Sec Schema".pr(x int) LANGUAGE sql AS 'SELECT 1';
CREATE AGGREGATE "Sec Schema"."my sum"(int) (sfunc = int4pl, stype = int);
CREATE AGGREGATE "Sec Schema".ordered(float8 ORDER BY float8) (sfunc = ordered_set_transition, stype = internal,
  finalfunc = percentile_cont_float8_final);
CREATE FUNCTION "Sec Schema".trg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER "T rg" BEFORE INSERT ON "Sec Schema"."Acc ounts" FOR EACH ROW EXECUTE FUNCTION "Sec Schema".trg();
CREATE FUNCTION "Sec Schema".evt() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
CREATE EVENT TRIGGER "sec evt" ON ddl_command_end EXECUTE FUNCTION "Sec Schema".evt();
CREATE COLLATION "Sec Schema"."C oll" (provider = libc, locale = 'C');
