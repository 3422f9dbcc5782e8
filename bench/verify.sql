-- Fingerprint of a database for clone verification: one line per user table with its exact row
-- count, then index and constraint counts by kind. Read-only; no helper objects are created.
-- Schemas of the tools themselves (pgcopydb) are left out.
\pset format unaligned
\pset tuples_only on
\pset footer off
WITH rels AS (
  SELECT n.nspname, c.relname, c.oid
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgcopydb')
    AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
)
SELECT 'rows|' || nspname || '.' || relname || '|' ||
       (xpath('/row/c/text()',
              query_to_xml(format('SELECT count(*) AS c FROM %I.%I', nspname, relname), false, true, '')))[1]::text
FROM rels
ORDER BY nspname, relname;

SELECT 'tables|' || count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgcopydb')
  AND n.nspname NOT LIKE 'pg\_toast%';

SELECT 'indexes|' || count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgcopydb') AND n.nspname NOT LIKE 'pg\_toast%';

SELECT 'invalid_indexes|' || count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgcopydb') AND n.nspname NOT LIKE 'pg\_toast%'
  AND NOT (i.indisvalid AND i.indisready);

SELECT 'constraints|' || t.contype || '|' || count(con.oid)
FROM (VALUES ('c'), ('f'), ('p'), ('u'), ('x')) AS t(contype)
LEFT JOIN (pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
           AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgcopydb'))
  ON con.contype::text = t.contype
GROUP BY t.contype ORDER BY t.contype;

SELECT 'not_valid_constraints|' || count(*) FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pgcopydb') AND NOT con.convalidated;
