
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                foo VARCHAR(255)
            );
            CREATE INDEX some_idx ON foobar USING hash (id);
			
