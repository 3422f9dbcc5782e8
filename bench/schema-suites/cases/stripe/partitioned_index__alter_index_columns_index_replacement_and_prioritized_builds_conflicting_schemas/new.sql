
            CREATE TABLE foobar(
                id INT,
                bar INT,
                foo VARCHAR(255)
            ) PARTITION BY LIST (foo);

            CREATE TABLE foobar_1 PARTITION OF foobar FOR VALUES IN ('foo_1');
            CREATE TABLE foobar_2 PARTITION OF foobar FOR VALUES IN ('foo_2');

            ALTER TABLE foobar ADD CONSTRAINT some_idx PRIMARY KEY (foo, id);
            CREATE INDEX new_idx ON foobar_1(foo, bar);

            CREATE INDEX new_foobar_1_some_local_idx ON foobar_1(foo, bar, id);

            CREATE SCHEMA schema_1;
            CREATE TABLE schema_1.foobar(
                id INT,
                bar VARCHAR(255),
                foo INT
            ) PARTITION BY LIST (foo);

            CREATE TABLE schema_1.foobar_1 PARTITION OF schema_1.foobar FOR VALUES IN (1);
            CREATE TABLE schema_1.foobar_2 PARTITION OF schema_1.foobar FOR VALUES IN (2);

            ALTER TABLE schema_1.foobar ADD CONSTRAINT some_idx PRIMARY KEY (foo, bar);
            CREATE INDEX new_idx ON schema_1.foobar_1(foo, id);

            CREATE INDEX new_foobar_1_some_local_idx ON schema_1.foobar_1(foo, id, bar);
		
