
            CREATE TABLE foobar(
                id INT,
                fizz INT,
                foo VARCHAR(255),
                bar TEXT,
                UNIQUE (foo, fizz)
            ) PARTITION BY LIST (foo);

            CREATE TABLE foobar_1 PARTITION OF foobar(
                PRIMARY KEY (foo, bar),
                UNIQUE (foo, id)
            ) FOR VALUES IN ('foo_1');

            -- partitioned indexes
            CREATE UNIQUE INDEX foobar_unique_idx ON foobar(foo);
            -- local indexes
            CREATE INDEX some_local_idx ON foobar_1(foo, bar);

            CREATE TABLE foobar_fk(
                foo VARCHAR(255),
                bar TEXT
            ) PARTITION BY LIST (foo);
            CREATE TABLE foobar_fk_1 PARTITION OF foobar_fk (
                PRIMARY KEY (foo, bar)
            ) FOR VALUES IN ('foo_1');
            -- partitioned indexes
            CREATE UNIQUE INDEX foobar_fk_unique_idx ON foobar_fk(foo);
            -- foreign keys
            -- create a circular dependency of foreign keys (this is allowed)
            ALTER TABLE foobar_fk ADD CONSTRAINT foobar_fk_fk FOREIGN KEY (foo) REFERENCES foobar(foo);
            ALTER TABLE foobar ADD CONSTRAINT foobar_fk FOREIGN KEY (foo) REFERENCES foobar_fk(foo);
            -- local local foreign keys
            ALTER TABLE foobar_fk_1 ADD CONSTRAINT foobar_fk_1_fk FOREIGN KEY (foo, bar) REFERENCES foobar_1(foo, bar);
            ALTER TABLE foobar_1 ADD CONSTRAINT foobar_1_fk FOREIGN KEY (foo, bar) REFERENCES foobar_fk_1(foo, bar);
			
