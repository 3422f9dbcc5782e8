
            CREATE TABLE foobar(
                "some id" TEXT
            )
			
