
            CREATE TABLE "Foobar"(
                id INT PRIMARY KEY,
                "Foobar" TEXT DEFAULT 'some default'
            );
			
