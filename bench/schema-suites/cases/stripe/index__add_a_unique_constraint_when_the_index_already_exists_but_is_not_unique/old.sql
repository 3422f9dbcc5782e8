
            CREATE TABLE foobar(
                id INT
            );
            CREATE INDEX foobar_idx ON foobar(id);
			
