
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
                UNIQUE (foo, bar)
            ) FOR VALUES IN ('foo_1');
            -- partitioned indexes
            CREATE UNIQUE INDEX some_partitioned_idx ON foobar(foo, bar);
			
