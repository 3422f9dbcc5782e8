-- Awkward but legal PostgreSQL: names that need quoting and values that break naive COPY handling.
CREATE SCHEMA "My Schema";
CREATE TYPE "My Schema"."Mood" AS ENUM ('sad', 'ok', 'happy ☺', 'it''s');
CREATE SEQUENCE "My Schema"."odd seq" INCREMENT BY 7 START WITH 100;

CREATE TABLE "My Schema"."Order Items" (
  "ID" bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5) PRIMARY KEY,
  "select" text NOT NULL DEFAULT 'x',
  "quote""d" varchar(40),
  "naïve ünïcode" text,
  "Mood" "My Schema"."Mood",
  moods "My Schema"."Mood"[],
  seq_val integer DEFAULT nextval('"My Schema"."odd seq"'),
  price numeric(12,2),
  ratio numeric,
  f8 double precision,
  f4 real,
  tags text[],
  grid integer[][],
  doc jsonb,
  raw_json json,
  blob bytea,
  at timestamptz,
  on_day date,
  local_ts timestamp,
  t time,
  ttz timetz,
  span interval,
  id_uuid uuid,
  ip inet,
  net cidr,
  mac macaddr,
  bits bit(5),
  vbits varbit,
  flag boolean,
  ch char(3),
  pt point,
  bx box,
  circ circle,
  poly polygon,
  tsv tsvector,
  tsq tsquery,
  r_int int4range,
  r_num numrange,
  r_ts tstzrange,
  r_date daterange,
  mr int4multirange,
  x xml,
  m money,
  total numeric GENERATED ALWAYS AS (price * 2) STORED
);
ALTER SEQUENCE "My Schema"."odd seq" OWNED BY "My Schema"."Order Items".seq_val;

INSERT INTO "My Schema"."Order Items" ("select", "quote""d", "naïve ünïcode", "Mood", moods, price, ratio, f8, f4, tags, grid, doc, raw_json,
  blob, at, on_day, local_ts, t, ttz, span, id_uuid, ip, net, mac, bits, vbits, flag, ch, pt, bx, circ, poly, tsv, tsq,
  r_int, r_num, r_ts, r_date, mr, x, m)
VALUES
 (E'tab\there', E'new\nline', E'back\\slash', 'happy ☺', ARRAY['sad','it''s']::"My Schema"."Mood"[], 12.34, 'NaN', 'Infinity', '-Infinity',
  ARRAY['a,b', 'with "quotes"', NULL, '', E'back\\slash', 'NULL'], '{{1,2},{3,4}}', '{"a": [1, 2, {"b": null}], "s": "tab\there"}', '{"dup": 1, "dup": 2}',
  '\x00ff00'::bytea, 'infinity', '-infinity', '2024-02-29 23:59:59.999999', '24:00:00', '12:00:00+05:30', '1 year 2 mons -3 days 04:05:06.7',
  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2001:db8::1/64', '10.0.0.0/8', '08:00:2b:01:02:03', B'10101', B'1', true, 'ab',
  '(1.5,2)', '((0,0),(1,1))', '<(0,0),2>', '((0,0),(1,0),(1,1))', 'a fat:2 cat', 'fat & !rat', '[1,10)', '(,5.5]', '[2024-01-01 00:00+00,infinity)', 'empty',
  '{[1,3),[7,9)}', '<a b="c">ü</a>', 12.5),
 (E'\\N', NULL, E'\r\n\\.', 'ok', '{}', NULL, -0.0, 'NaN', 'NaN', '{}', NULL, 'null', '[]', '', '2000-01-01 00:00:00+00', '4713-01-01 BC', NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 ('zero-ish', '', '', NULL, NULL, 0, 1e-20, 1.0e308, 3.4e38, ARRAY[E'tab\tin array', E'nl\nin array'], '{}', '"just a string"', '"\u0000-free"',
  decode(repeat('00', 64), 'hex'), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL);
SELECT nextval('"My Schema"."odd seq"');

-- no primary key, duplicate rows, reserved-word names
CREATE TABLE public."user" ("order" int, "group" text, "Data" jsonb);
INSERT INTO public."user" VALUES (1, 'a', '{}'), (1, 'a', '{}'), (NULL, NULL, NULL), (2, E'x\ty', '{"k": "v\\u0000"}'::jsonb - 'k');

-- a plain serial, a unique constraint, a check, and an FK with a quoted name
CREATE TABLE "My Schema"."Parent Table" (id serial PRIMARY KEY, code text UNIQUE CHECK (code <> ''));
CREATE TABLE "My Schema".child ("parent id" int NOT NULL REFERENCES "My Schema"."Parent Table" (id) ON DELETE CASCADE, note text);
CREATE INDEX "child idx ☺" ON "My Schema".child ("parent id", lower(note));
INSERT INTO "My Schema"."Parent Table" (code) SELECT 'c' || g FROM generate_series(1, 50) g;
INSERT INTO "My Schema".child SELECT 1 + g % 50, repeat('n', g % 7) FROM generate_series(1, 1000) g;

CREATE VIEW "My Schema"."Parent View" AS SELECT p.code, count(c.*) AS n FROM "My Schema"."Parent Table" p LEFT JOIN "My Schema".child c ON c."parent id" = p.id GROUP BY p.code;
CREATE VIEW public.view_on_view AS SELECT code FROM "My Schema"."Parent View" WHERE n > 10;
