-- pgferry bench dataset: the non-pgbench part (pgbench -i runs first, from run.sh).
-- Deterministic: every value derives from generate_series/md5, never random().
-- psql variables: :wide_rows (rows of the wide table), :small_rows (rows per small table),
--                 :small_tables (number of small tables), :dataset_version, :scale.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

CREATE TYPE bench_mood AS ENUM ('calm', 'busy', 'angry', 'sleepy', 'curious');

-- small parent table for the wide table's FK and the small tables' FKs
CREATE TABLE bench_category (
  id   integer PRIMARY KEY,
  name text NOT NULL UNIQUE
);
INSERT INTO bench_category
SELECT i, 'category-' || i FROM generate_series(1, 100) AS i;

CREATE TABLE bench_wide (
  id          bigint PRIMARY KEY,
  uid         uuid NOT NULL,
  mood        bench_mood NOT NULL,
  amount      numeric(14,4) NOT NULL,
  tags        text[] NOT NULL,
  addr        inet NOT NULL,
  doc         jsonb NOT NULL,
  note        text,
  payload     bytea,
  created_at  timestamptz NOT NULL,
  category_id integer NOT NULL REFERENCES bench_category (id)
);

INSERT INTO bench_wide
SELECT i,
       md5(i::text)::uuid,
       (enum_range(NULL::bench_mood))[1 + i % 5],
       round((i::bigint * 7919 % 1000003) / 100.0 + (i % 10000) / 10000.0, 4),
       ARRAY['t' || (i % 97), 't' || (i % 89), substr(md5((i * 3)::text), 1, 10)],
       ('10.' || ((i >> 16) & 255) || '.' || ((i >> 8) & 255) || '.' || (i & 255))::inet,
       jsonb_build_object('id', i, 'kind', 'k' || (i % 13), 'score', i % 1000,
                          'flags', jsonb_build_array(i % 2 = 0, i % 3 = 0),
                          'name', substr(md5((i * 7)::text), 1, 16)),
       'note ' || i || ' ' || md5(i::text) || ' ' || md5((i + 1)::text) || ' ' || md5((i + 2)::text),
       decode(md5(i::text) || md5((i * 31)::text) || md5((i * 17)::text), 'hex'),
       timestamptz '2020-01-01 00:00:00+00' + i * interval '17 seconds',
       1 + i % 100
FROM generate_series(1, :wide_rows) AS i;

CREATE INDEX bench_wide_created_at_idx ON bench_wide (created_at);
CREATE INDEX bench_wide_doc_gin ON bench_wide USING gin (doc jsonb_path_ops);

-- 300 small tables, each with an FK to bench_category and an index
SELECT format($f$
  CREATE TABLE bench_small_%1$s (
    id          integer PRIMARY KEY,
    category_id integer NOT NULL REFERENCES bench_category (id),
    label       text NOT NULL,
    qty         integer NOT NULL,
    seen_at     timestamptz NOT NULL
  );
  INSERT INTO bench_small_%1$s
  SELECT i, 1 + (i * %1$s) %% 100, 'label-%1$s-' || md5(i::text), (i * %1$s) %% 1000,
         timestamptz '2021-01-01 00:00:00+00' + i * interval '1 minute'
  FROM generate_series(1, %2$s) AS i;
  CREATE INDEX bench_small_%1$s_label_idx ON bench_small_%1$s (label);
$f$, n, :small_rows)
FROM generate_series(1, :small_tables) AS n
\gexec

VACUUM ANALYZE;

-- marker: run.sh skips rebuilding when this matches
CREATE TABLE bench_meta (dataset_version text NOT NULL, scale text NOT NULL, built_at timestamptz NOT NULL);
INSERT INTO bench_meta VALUES (:'dataset_version', :'scale', now());
