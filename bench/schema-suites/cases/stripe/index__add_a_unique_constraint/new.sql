
            CREATE TABLE foobar(
                id INT UNIQUE
            );
			
