
            CREATE TABLE foobar(
                id SERIAL
            )
			
