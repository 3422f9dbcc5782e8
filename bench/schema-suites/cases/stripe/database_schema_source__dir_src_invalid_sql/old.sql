
            CREATE TABLE foobar( );
			
