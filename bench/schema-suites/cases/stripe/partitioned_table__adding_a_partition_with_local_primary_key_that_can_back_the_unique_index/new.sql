
            CREATE TABLE foobar(
                id INT,
                version INT,
                fizz SERIAL,
                foo VARCHAR(255),
                bar TEXT,
                CHECK ( fizz > 0 )
            ) PARTITION BY LIST (foo);
            -- partitions
            CREATE TABLE foobar_1 PARTITION OF foobar(
                PRIMARY KEY (foo, bar)
            ) FOR VALUES IN ('foo_1');
            -- partitioned indexes
            CREATE UNIQUE INDEX some_partitioned_idx ON foobar(foo, bar);

            CREATE TABLE foobar_fk(
                id INT,
                foo VARCHAR(255),
                bar TEXT
            ) PARTITION BY LIST (foo);
            -- partitions
            CREATE TABLE foobar_fk_1 PARTITION OF foobar_fk(
                PRIMARY KEY (foo, bar)
            ) FOR VALUES IN ('foo_1');
            -- partitioned indexes
            CREATE UNIQUE INDEX foobar_fk_unique_idx ON foobar_fk(foo, bar);

            -- foreign keys
            -- create a circular dependency of foreign keys (this is allowed)
            ALTER TABLE foobar_fk ADD CONSTRAINT foobar_fk_fk FOREIGN KEY (foo, bar) REFERENCES foobar(foo, bar);
            ALTER TABLE foobar ADD CONSTRAINT foobar_fk FOREIGN KEY (foo, bar) REFERENCES foobar_fk(foo, bar);
			
