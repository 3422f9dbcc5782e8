
            CREATE TABLE "Foobar"(
                id INT PRIMARY KEY,
                "My_new_column" VARCHAR(255) DEFAULT 'a'
            );
			
