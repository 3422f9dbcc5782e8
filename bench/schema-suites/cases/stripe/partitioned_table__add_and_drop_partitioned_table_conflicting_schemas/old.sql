
            CREATE SCHEMA schema_1;
            CREATE TABLE schema_1.foobar(
                foo VARCHAR(255)
            ) PARTITION BY LIST (foo);

            CREATE SCHEMA schema_2;
            CREATE TABLE schema_2.foobar_1 PARTITION OF schema_1.foobar FOR VALUES IN ('foo_1');
			
