-- pair drop-table-with-row-type-dependents: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE keep (id int PRIMARY KEY); CREATE TABLE gone (id int PRIMARY KEY, v text); INSERT INTO gone VALUES (1, 'a'); CREATE FUNCTION gone_label(g gone) RETURNS text LANGUAGE sql AS $$ SELECT g.v $$; CREATE DOMAIN gone_row AS gone CHECK ((VALUE).id > 0); CREATE FUNCTION first_row(d gone_row) RETURNS int LANGUAGE sql AS $$ SELECT (d).id $$; CREATE SEQUENCE "kept seq" OWNED BY gone.id;
-- new
CREATE TABLE keep (id int PRIMARY KEY); CREATE SEQUENCE "kept seq";
