
            CREATE TABLE foobar(
                id INT PRIMARY KEY CHECK (id > 0), CHECK (id < buzz),
                foo VARCHAR(255) COLLATE "POSIX" DEFAULT '' NOT NULL,
                bar TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                fizz SERIAL NOT NULL,
                   buzz REAL CHECK (buzz IS NOT NULL)
            );

            CREATE INDEX normal_idx ON foobar(fizz);
            CREATE UNIQUE INDEX unique_idx ON foobar(foo DESC, bar);

            CREATE POLICY foobar_policy ON foobar 
                AS PERMISSIVE 
                FOR INSERT 
                TO PUBLIC
                WITH CHECK (fizz > 0);

            CREATE POLICY some_policy_to_drop ON foobar
                AS RESTRICTIVE
                FOR SELECT
                TO PUBLIC
                USING (bar = CURRENT_TIMESTAMP AND fizz * 2 > 0);    


            CREATE TABLE foobar_fk(
                bar TIMESTAMP,
                foo VARCHAR(255)
            );
            -- create a circular dependency of foreign keys (this is allowed)
            ALTER TABLE foobar_fk ADD CONSTRAINT foobar_fk_fk FOREIGN KEY (foo, bar) REFERENCES foobar(foo, bar);
			
