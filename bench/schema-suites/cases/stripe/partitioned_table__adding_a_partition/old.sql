
            CREATE SCHEMA schema_1;
            CREATE TABLE schema_1.foobar(
                id INT,
                version INT,
                fizz SERIAL,
                foo VARCHAR(255),
                bar TEXT,
                CHECK ( fizz > 0 ),
                PRIMARY KEY (foo, id),
                UNIQUE (foo, fizz)
            ) PARTITION BY LIST (foo);

            -- partitioned indexes
            CREATE UNIQUE INDEX some_partitioned_idx ON schema_1.foobar(foo, bar);

            CREATE TABLE foobar_fk(
                id INT,
                foo VARCHAR(255),
                bar TEXT,
                PRIMARY KEY (foo, id)
            ) PARTITION BY LIST (foo);
            CREATE UNIQUE INDEX foobar_fk_unique_idx ON foobar_fk(foo, bar);

            -- foreign keys
            -- create a circular dependency of foreign keys (this is allowed)
            ALTER TABLE foobar_fk ADD CONSTRAINT foobar_fk_fk FOREIGN KEY (foo, bar) REFERENCES schema_1.foobar(foo, bar);
            ALTER TABLE schema_1.foobar ADD CONSTRAINT foobar_fk FOREIGN KEY (foo, bar) REFERENCES foobar_fk(foo, bar);
			
