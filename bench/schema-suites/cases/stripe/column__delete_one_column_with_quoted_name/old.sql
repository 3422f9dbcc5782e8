
            CREATE TABLE "Foobar"(
                "Id" INT PRIMARY KEY
            );
			
