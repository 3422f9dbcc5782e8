
            CREATE SCHEMA schema_1;
            CREATE TABLE schema_1.foobar(
                id INT PRIMARY KEY,
                foo VARCHAR(255) NOT NULL
            );

            CREATE SCHEMA schema_2;
            CREATE TABLE schema_2.foobar(
                id INT PRIMARY KEY,
                foo VARCHAR(255) NOT NULL
            );
            CREATE INDEX some_idx ON schema_2.foobar(id, foo);
			
