
            CREATE TABLE foobar(
                id INT
            );
			
