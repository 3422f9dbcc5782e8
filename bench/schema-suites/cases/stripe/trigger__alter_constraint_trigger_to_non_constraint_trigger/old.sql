
             CREATE TABLE some_foo (
                id INTEGER PRIMARY KEY,
                version INT NOT NULL DEFAULT 0
            );

            CREATE FUNCTION check_version() RETURNS TRIGGER AS $$
                BEGIN
                    IF NEW.VERSION <= OLD.VERSION THEN
                        RAISE EXCEPTION 'New version must be greater';
                    END IF;
                    RETURN NEW;
                END;
            $$ language 'plpgsql';

            CREATE CONSTRAINT TRIGGER some_trigger
                AFTER UPDATE ON some_foo
                DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW
                WHEN (OLD.* IS DISTINCT FROM NEW.*)
                EXECUTE PROCEDURE check_version()
			
