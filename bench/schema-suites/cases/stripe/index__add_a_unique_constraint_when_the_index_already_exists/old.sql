
            CREATE TABLE foobar(
                id INT
            );
            CREATE UNIQUE INDEX foobar_unique_idx ON foobar(id);
			
