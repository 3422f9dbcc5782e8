
            CREATE TABLE foobar(
                id INT,
                foo TEXT NOT NULL,
                bar BIGINT NOT NULL
            );
            CREATE UNIQUE INDEX some_idx ON foobar(foo);

            CREATE SCHEMA schema_1;
            CREATE TABLE schema_1.foobar(
                id INT PRIMARY KEY,
                foo BIGINT NOT NULL,
                bar TEXt NOT NULL
            );
            CREATE UNIQUE INDEX some_idx ON schema_1.foobar(foo);
			
