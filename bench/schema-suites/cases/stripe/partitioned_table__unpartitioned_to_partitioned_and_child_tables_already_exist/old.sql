
            CREATE SCHEMA schema_1;
            CREATE TABLE schema_1.foobar( 
                id INT,
                version INT,
                fizz SERIAL,
                foo VARCHAR(255),
                bar TEXT,
                UNIQUE (foo, fizz)
            );

            CREATE INDEX some_idx on schema_1.foobar(id);
            CREATE UNIQUE INDEX foobar_unique_idx on schema_1.foobar(foo, bar);

            CREATE SCHEMA schema_2;
            CREATE TABLE schema_2.foobar_1(
                id INT,
                version INT,
                fizz SERIAL,
                foo VARCHAR(255),
                bar TEXT,
                UNIQUE (foo, fizz)
            );

            CREATE INDEX foobar_1_id_idx on schema_1.foobar(id);


            CREATE FUNCTION increment_version() RETURNS TRIGGER AS $$
                BEGIN
                    NEW.version = OLD.version + 1;
                    RETURN NEW;
                END;
            $$ language 'plpgsql';

            CREATE TRIGGER some_update_trigger
                BEFORE UPDATE ON schema_1.foobar
                FOR EACH ROW
                WHEN (OLD.* IS DISTINCT FROM NEW.*)
                EXECUTE PROCEDURE increment_version();

            CREATE TRIGGER some_update_trigger
                BEFORE UPDATE ON schema_2.foobar_1
                FOR EACH ROW
                WHEN (OLD.* IS DISTINCT FROM NEW.*)
                EXECUTE PROCEDURE increment_version();

            CREATE TABLE foobar_fk(
                foo VARCHAR(255),
                bar TEXT
            );
            CREATE TABLE foobar_fk_1(
                   foo VARCHAR(255),
                bar TEXT
            );

            CREATE UNIQUE INDEX foobar_fk_unique_idx ON foobar_fk(foo, bar);

            -- foreign keys
            -- create a circular dependency of foreign keys (this is allowed)
            ALTER TABLE foobar_fk ADD CONSTRAINT foobar_fk_fk FOREIGN KEY (foo, bar) REFERENCES schema_1.foobar( foo, bar);
            ALTER TABLE schema_1.foobar ADD CONSTRAINT foobar_fk FOREIGN KEY (foo, bar) REFERENCES foobar_fk(foo, bar);
            ALTER TABLE foobar_fk ADD CONSTRAINT foobar_fk_foo_bar_fkey FOREIGN KEY (foo, bar) REFERENCES schema_1.foobar( foo, bar);
            ALTER TABLE schema_1.foobar ADD CONSTRAINT foobar_foo_bar_fkey FOREIGN KEY (foo, bar) REFERENCES foobar_fk(foo, bar);
			
