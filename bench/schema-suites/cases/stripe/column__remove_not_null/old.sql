
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                foobar VARCHAR(255) NOT NULL
            );
			
