-- Operators, operator classes and families, casts, text search objects, extended statistics and
-- conversions, each used for real: indexes through the classes and the configuration, an implicit cast.
CREATE SCHEMA "Ops ☺";

-- A composite ordered by the sum of its fields: a btree class on a user type, used by an index.
CREATE TYPE "Ops ☺".pair AS (a integer, b integer);
CREATE FUNCTION "Ops ☺".pair_sum("Ops ☺".pair) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ($1).a + ($1).b';
CREATE FUNCTION "Ops ☺".pair_cmp("Ops ☺".pair, "Ops ☺".pair) RETURNS integer LANGUAGE sql IMMUTABLE STRICT
  AS 'SELECT btint4cmp(($1).a + ($1).b, ($2).a + ($2).b)';
CREATE FUNCTION "Ops ☺".pair_lt("Ops ☺".pair, "Ops ☺".pair) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS 'SELECT btint4cmp(($1).a + ($1).b, ($2).a + ($2).b) < 0';
CREATE FUNCTION "Ops ☺".pair_le("Ops ☺".pair, "Ops ☺".pair) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS 'SELECT btint4cmp(($1).a + ($1).b, ($2).a + ($2).b) <= 0';
CREATE FUNCTION "Ops ☺".pair_eq("Ops ☺".pair, "Ops ☺".pair) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS 'SELECT btint4cmp(($1).a + ($1).b, ($2).a + ($2).b) = 0';
CREATE FUNCTION "Ops ☺".pair_ge("Ops ☺".pair, "Ops ☺".pair) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS 'SELECT btint4cmp(($1).a + ($1).b, ($2).a + ($2).b) >= 0';
CREATE FUNCTION "Ops ☺".pair_gt("Ops ☺".pair, "Ops ☺".pair) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS 'SELECT btint4cmp(($1).a + ($1).b, ($2).a + ($2).b) > 0';
CREATE OPERATOR "Ops ☺".<# (FUNCTION = "Ops ☺".pair_lt, LEFTARG = "Ops ☺".pair, RIGHTARG = "Ops ☺".pair,
  COMMUTATOR = OPERATOR("Ops ☺".>#), NEGATOR = OPERATOR("Ops ☺".>=#), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR "Ops ☺".<=# (FUNCTION = "Ops ☺".pair_le, LEFTARG = "Ops ☺".pair, RIGHTARG = "Ops ☺".pair,
  COMMUTATOR = OPERATOR("Ops ☺".>=#), NEGATOR = OPERATOR("Ops ☺".>#));
CREATE OPERATOR "Ops ☺".=# (FUNCTION = "Ops ☺".pair_eq, LEFTARG = "Ops ☺".pair, RIGHTARG = "Ops ☺".pair,
  COMMUTATOR = OPERATOR("Ops ☺".=#), RESTRICT = eqsel, JOIN = eqjoinsel, MERGES);
-- Links both ways, as a shell filled without them would lose its side (and a clone then differs by order).
CREATE OPERATOR "Ops ☺".>=# (FUNCTION = "Ops ☺".pair_ge, LEFTARG = "Ops ☺".pair, RIGHTARG = "Ops ☺".pair,
  COMMUTATOR = OPERATOR("Ops ☺".<=#), NEGATOR = OPERATOR("Ops ☺".<#));
CREATE OPERATOR "Ops ☺".># (FUNCTION = "Ops ☺".pair_gt, LEFTARG = "Ops ☺".pair, RIGHTARG = "Ops ☺".pair,
  COMMUTATOR = OPERATOR("Ops ☺".<#), NEGATOR = OPERATOR("Ops ☺".<=#));
CREATE OPERATOR FAMILY "Ops ☺"."pair fam" USING btree;
CREATE OPERATOR CLASS "Ops ☺".pair_sum_ops DEFAULT FOR TYPE "Ops ☺".pair USING btree FAMILY "Ops ☺"."pair fam" AS
  OPERATOR 1 "Ops ☺".<#, OPERATOR 2 "Ops ☺".<=#, OPERATOR 3 "Ops ☺".=#, OPERATOR 4 "Ops ☺".>=#, OPERATOR 5 "Ops ☺".>#,
  FUNCTION 1 "Ops ☺".pair_cmp("Ops ☺".pair, "Ops ☺".pair);
-- A prefix operator, and a hash family whose members are all loose (ALTER OPERATOR FAMILY … ADD).
CREATE OPERATOR "Ops ☺".## (FUNCTION = "Ops ☺".pair_sum, RIGHTARG = "Ops ☺".pair);
CREATE OPERATOR FAMILY "Ops ☺".loose_text USING hash;
ALTER OPERATOR FAMILY "Ops ☺".loose_text USING hash ADD OPERATOR 1 =(text, text), FUNCTION 1 (text, text) hashtext(text);
-- A reverse-order class of a system type made of system operators; a class with an implicit family.
CREATE FUNCTION "Ops ☺".rev_cmp(text, text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS 'SELECT bttextcmp($2, $1)';
CREATE OPERATOR CLASS "Ops ☺".rev_text_ops FOR TYPE text USING btree AS
  OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 "Ops ☺".rev_cmp(text, text);

-- Casts: on a domain (PostgREST's bytea_b64 AS json), with inout, binary-coercible, and one used implicitly.
CREATE DOMAIN "Ops ☺".b64 AS bytea;
CREATE FUNCTION "Ops ☺".json("Ops ☺".b64) RETURNS json LANGUAGE sql IMMUTABLE AS 'SELECT to_json(encode($1, ''base64''))';
CREATE CAST ("Ops ☺".b64 AS json) WITH FUNCTION "Ops ☺".json("Ops ☺".b64) AS IMPLICIT;
CREATE CAST ("Ops ☺".pair AS integer) WITH FUNCTION "Ops ☺".pair_sum("Ops ☺".pair) AS IMPLICIT;
CREATE CAST (text AS "Ops ☺".pair) WITH INOUT AS ASSIGNMENT;
CREATE CAST (xid AS integer) WITHOUT FUNCTION;

-- Text search: a copied configuration with a stopword dictionary (MusicBrainz' mb_simple), and a
-- parser and template of the schema's own.
CREATE TEXT SEARCH DICTIONARY "Ops ☺".mb_simple_dict (TEMPLATE = pg_catalog.simple, STOPWORDS = english, ACCEPT = false);
CREATE TEXT SEARCH CONFIGURATION "Ops ☺".mb_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION "Ops ☺".mb_simple ALTER MAPPING FOR asciiword, word WITH "Ops ☺".mb_simple_dict, simple;
ALTER TEXT SEARCH CONFIGURATION "Ops ☺".mb_simple DROP MAPPING FOR url;
CREATE TEXT SEARCH TEMPLATE "Ops ☺".tmpl (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY "Ops ☺"."Own dict" (TEMPLATE = "Ops ☺".tmpl, STOPWORDS = english);
CREATE TEXT SEARCH PARSER "Ops ☺".prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype,
  HEADLINE = prsd_headline);
CREATE TEXT SEARCH CONFIGURATION "Ops ☺".own_cfg (PARSER = "Ops ☺".prs);
ALTER TEXT SEARCH CONFIGURATION "Ops ☺".own_cfg ADD MAPPING FOR asciiword, word WITH "Ops ☺"."Own dict";

-- Conversions
CREATE DEFAULT CONVERSION "Ops ☺".latin1_to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
CREATE CONVERSION "Ops ☺".latin9_to_utf8 FOR 'LATIN9' TO 'UTF8' FROM iso8859_to_utf8;

-- A table using them: indexes through the classes and the configuration, extended statistics.
CREATE TABLE "Ops ☺".docs (
  id integer PRIMARY KEY,
  a integer,
  b integer,
  p "Ops ☺".pair,
  v text,
  body text,
  total integer DEFAULT ROW(1, 2)::"Ops ☺".pair,
  doc tsvector GENERATED ALWAYS AS (to_tsvector('"Ops ☺".mb_simple'::regconfig, coalesce(body, ''))) STORED
);
INSERT INTO "Ops ☺".docs (id, a, b, p, v, body)
  SELECT i, i % 10, i % 5, ROW(i % 7, i % 3)::"Ops ☺".pair, 'v' || i, 'the quick fox number ' || i FROM generate_series(1, 200) i;
CREATE INDEX docs_p ON "Ops ☺".docs (p);
CREATE INDEX docs_v ON "Ops ☺".docs (v "Ops ☺".rev_text_ops);
CREATE INDEX docs_fts ON "Ops ☺".docs USING gin (to_tsvector('"Ops ☺".mb_simple'::regconfig, body));
CREATE INDEX docs_own ON "Ops ☺".docs USING gin (to_tsvector('"Ops ☺".own_cfg'::regconfig, body));
CREATE STATISTICS "Ops ☺".docs_ab (dependencies, ndistinct, mcv) ON a, b FROM "Ops ☺".docs;
ALTER STATISTICS "Ops ☺".docs_ab SET STATISTICS 500;
CREATE STATISTICS "Ops ☺"."docs expr" ON (a + b), (b * 2) FROM "Ops ☺".docs;

COMMENT ON OPERATOR "Ops ☺".<# ("Ops ☺".pair, "Ops ☺".pair) IS 'pair less than';
COMMENT ON OPERATOR CLASS "Ops ☺".pair_sum_ops USING btree IS 'by sum';
COMMENT ON OPERATOR FAMILY "Ops ☺".loose_text USING hash IS 'loose';
COMMENT ON CAST ("Ops ☺".pair AS integer) IS 'sum';
COMMENT ON TEXT SEARCH CONFIGURATION "Ops ☺".mb_simple IS 'simple with stopwords';
COMMENT ON STATISTICS "Ops ☺".docs_ab IS 'a and b';
COMMENT ON CONVERSION "Ops ☺".latin9_to_utf8 IS 'latin9';
