
            CREATE EXTENSION amcheck;
			
