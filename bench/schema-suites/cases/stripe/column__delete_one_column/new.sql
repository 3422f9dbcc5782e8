
            CREATE TABLE foobar(
            );
			
