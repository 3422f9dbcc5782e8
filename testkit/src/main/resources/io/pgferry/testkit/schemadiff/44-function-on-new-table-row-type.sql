-- pair function-on-new-table-row-type: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE contact (id int PRIMARY KEY, name text NOT NULL);
-- new
CREATE TABLE activity (id int PRIMARY KEY, author_id int); CREATE TABLE contact (id int PRIMARY KEY, name text NOT NULL); CREATE VIEW actor AS SELECT id, name FROM contact; CREATE FUNCTION get_actor(a activity) RETURNS SETOF actor ROWS 1 LANGUAGE sql STABLE AS $$ SELECT actor.* FROM actor WHERE actor.id = a.author_id $$;
