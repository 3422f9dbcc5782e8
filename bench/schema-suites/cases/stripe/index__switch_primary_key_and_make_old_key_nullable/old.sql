
            CREATE TABLE foobar(
                id INT NOT NULL PRIMARY KEY,
                foo TEXT NOT NULL
            );
            CREATE UNIQUE INDEX some_idx ON foobar(foo);
			
