
            CREATE TABLE foobar(
                id INT
            );
            CREATE UNIQUE INDEX foobar_idx ON foobar(id);
			
