
            CREATE TABLE foo(id integer);
			
