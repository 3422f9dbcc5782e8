
            CREATE TABLE "Foobar"(
            );
			
