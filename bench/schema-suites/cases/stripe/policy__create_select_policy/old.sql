
                CREATE TABLE foobar();
			
