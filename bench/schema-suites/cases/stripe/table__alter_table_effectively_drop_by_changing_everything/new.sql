
            CREATE TABLE foobar(
                new_bar TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                new_buzz REAL CHECK (new_buzz IS NOT NULL),
                new_fizz SERIAL NOT NULL UNIQUE,
                new_foo VARCHAR(255) COLLATE "POSIX" DEFAULT '' NOT NULL,
                new_id INT PRIMARY KEY CHECK (new_id > 0), CHECK (new_id < new_buzz)
            );
            CREATE INDEX normal_idx ON foobar USING hash (new_fizz);
            CREATE UNIQUE INDEX foobar_unique_idx ON foobar(new_foo, new_bar);


            CREATE POLICY foobar_policy ON foobar 
                AS RESTRICTIVE 
                FOR INSERT 
                TO PUBLIC
                WITH CHECK (new_id > 0 AND new_foo = 'some_new_value');

            CREATE TABLE foobar_fk(
                bar TIMESTAMP,
                foo VARCHAR(255)
            );
            CREATE UNIQUE INDEX foobar_fk_unique_idx ON foobar_fk(foo, bar);
            -- create a circular dependency of foreign keys (this is allowed)
            ALTER TABLE foobar_fk ADD CONSTRAINT foobar_fk_fk FOREIGN KEY (foo, bar) REFERENCES foobar(new_foo, new_bar);
            ALTER TABLE foobar ADD CONSTRAINT foobar_fk FOREIGN KEY (new_foo, new_bar) REFERENCES foobar_fk(foo, bar);
			
