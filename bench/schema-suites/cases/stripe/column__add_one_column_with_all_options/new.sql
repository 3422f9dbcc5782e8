
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                my_new_column VARCHAR(255) COLLATE "C" NOT NULL DEFAULT 'a'
            );
			
