-- Extensions, collations, domains, composite and range types with awkward names and every option
-- pgferry has to reproduce; needs types-prelude.sql first. Nested on purpose: a domain over a domain,
-- a domain over a composite, a composite holding an enum, a domain, an array of a domain and a range,
-- a range over a domain, a domain over an extension's type.
CREATE EXTENSION citext WITH SCHEMA "Ext Home";
CREATE EXTENSION cube;
CREATE EXTENSION earthdistance;

CREATE COLLATION "Ty ""pes"" ☺"."Case Insensitive ☺" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION "select"."order" (provider = icu, locale = 'de-DE');
CREATE COLLATION "select"."c like" (locale = 'C');
CREATE COLLATION "select"."split" (lc_collate = 'C', lc_ctype = 'POSIX');

CREATE DOMAIN "Ty ""pes"" ☺"."Positive Money" AS numeric(12,2) DEFAULT 0 NOT NULL
  CONSTRAINT "is positive" CHECK (VALUE >= 0) CONSTRAINT "not ""huge""" CHECK (VALUE < 1000000000);
ALTER DOMAIN "Ty ""pes"" ☺"."Positive Money" ADD CONSTRAINT "later ☺" CHECK (VALUE <> 13) NOT VALID;
CREATE DOMAIN "select"."Name" AS varchar(80) COLLATE "Ty ""pes"" ☺"."Case Insensitive ☺" CHECK (VALUE <> '');
CREATE DOMAIN "select".email AS "Ext Home".citext CHECK (VALUE ~ '@');
CREATE DOMAIN "select".smallints AS int2[] DEFAULT '{}' CHECK (cardinality(VALUE) < 10);
CREATE DOMAIN "select"."money of money" AS "Ty ""pes"" ☺"."Positive Money" CHECK (VALUE < 1000);
CREATE DOMAIN "select"."default now" AS timestamptz DEFAULT now();
CREATE DOMAIN "select"."named nn" AS int CONSTRAINT "nn ☺" NOT NULL;

CREATE TYPE "select".floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TYPE "Ty ""pes"" ☺"."Text Range" AS RANGE (subtype = text, collation = "C", subtype_opclass = text_pattern_ops,
  multirange_type_name = "select"."Text Multi");
CREATE TYPE "select"."money span" AS RANGE (subtype = "Ty ""pes"" ☺"."Positive Money");
CREATE TYPE "select"."num span" AS RANGE (subtype = numeric, subtype_diff = "select"."num diff");
CREATE TYPE "select"."My range ☺" AS RANGE (subtype = "select"."Name");

CREATE TYPE "Ty ""pes"" ☺"."Point ""3d""" AS (x float8, "Y" float8, "z z" text COLLATE "C", "from" "select"."Mood",
  price "Ty ""pes"" ☺"."Positive Money", tags text[], prices "Ty ""pes"" ☺"."Positive Money"[],
  label varchar(20) COLLATE "select"."order", gone int, n numeric(5,1), span "select".floatrange,
  spans "select".floatmultirange, who "select"."Name" COLLATE "select"."c like");
ALTER TYPE "Ty ""pes"" ☺"."Point ""3d""" DROP ATTRIBUTE gone;
CREATE TYPE "select".empty AS ();
CREATE DOMAIN "select"."positive point" AS "Ty ""pes"" ☺"."Point ""3d""" CHECK ((VALUE).x > 0);
