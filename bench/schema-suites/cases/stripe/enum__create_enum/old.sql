
            CREATE TABLE foo();
			
