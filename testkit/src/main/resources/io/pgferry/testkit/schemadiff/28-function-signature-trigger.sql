-- pair function-signature-trigger: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE t (id int PRIMARY KEY, touched int); CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched := 1; RETURN NEW; END $$; CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch(); CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$; CREATE FUNCTION r(a int) RETURNS int LANGUAGE sql AS $$ SELECT a $$;
-- new
CREATE TABLE t (id int PRIMARY KEY, touched int); CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched := 2; RETURN NEW; END $$; CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch(); CREATE FUNCTION h(a bigint) RETURNS int LANGUAGE sql AS $$ SELECT a::int $$; CREATE FUNCTION r(a int) RETURNS bigint LANGUAGE sql AS $$ SELECT a::bigint $$;
