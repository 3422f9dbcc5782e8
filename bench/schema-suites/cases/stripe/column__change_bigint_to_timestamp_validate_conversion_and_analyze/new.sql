
            CREATE TABLE "Foobar"(
                id INT PRIMARY KEY,
                some_time_col TIMESTAMP 
            );
			
