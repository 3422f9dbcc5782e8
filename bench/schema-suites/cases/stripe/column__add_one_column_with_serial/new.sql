
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                my_new_column SERIAL NOT NULL
            );
			
