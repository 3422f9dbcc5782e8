
            CREATE TABLE foobar(
                id INT
            );
            CREATE UNIQUE INDEX foobar_primary_key ON foobar(id);
			
