
            CREATE TABLE foobar(
                id INT NOT NULL,
                foo VARCHAR(255) NOT NULL
            ) PARTITION BY LIST (foo);
            CREATE TABLE foobar_1 PARTITION OF foobar FOR VALUES IN ('foo_1');

            -- A unique index for foobar_1 exists, but it does not have the default name as the primary key constraint (foobar_1_pkey),
            -- so the primary key index effectively does not already exist when migrating
            CREATE UNIQUE INDEX foobar_pkey ON foobar(foo, id);
			
