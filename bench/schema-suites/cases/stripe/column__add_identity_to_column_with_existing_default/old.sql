
            CREATE TABLE foobar(
                identity_always BIGINT DEFAULT 5
            );
			
