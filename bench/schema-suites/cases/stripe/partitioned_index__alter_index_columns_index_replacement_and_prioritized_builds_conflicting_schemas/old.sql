
            CREATE TABLE foobar(
                id INT,
                bar INT,
                foo VARCHAR(255)
            ) PARTITION BY LIST (foo);

            CREATE TABLE foobar_1 PARTITION OF foobar FOR VALUES IN ('foo_1');
            CREATE TABLE foobar_2 PARTITION OF foobar FOR VALUES IN ('foo_2');

            CREATE INDEX some_idx ON foobar(foo, id);
            CREATE INDEX old_idx ON foobar_1(foo, bar);

            CREATE INDEX foobar_1_some_local_idx ON foobar_1(foo, bar, id);

            -- Create a mirror schema that is also doing a similar operation
            CREATE SCHEMA schema_1;
            CREATE TABLE schema_1.foobar(
                id INT,
                bar VARCHAR(255),
                foo INT
            ) PARTITION BY LIST (foo);

            CREATE TABLE schema_1.foobar_1 PARTITION OF schema_1.foobar FOR VALUES IN (1);
            CREATE TABLE schema_1.foobar_2 PARTITION OF schema_1.foobar FOR VALUES IN (2);

            CREATE INDEX some_idx ON schema_1.foobar(foo, bar);
            CREATE INDEX old_idx ON schema_1.foobar_1(foo, id);

            CREATE INDEX foobar_1_some_local_idx ON schema_1.foobar_1(foo, id, bar);
		
