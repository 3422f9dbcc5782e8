
            CREATE TABLE foobar(
                id INT NOT NULL
            );
			
