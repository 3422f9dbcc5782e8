
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                my_new_column VARCHAR(255) NOT NULL
            );
			
