
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                foobar SERIAL NOT NULL
            );
			
