
            CREATE TABLE foobar(
                my_new_column VARCHAR(255) NOT NULL DEFAULT 'a',
                id INT PRIMARY KEY
            );
			
