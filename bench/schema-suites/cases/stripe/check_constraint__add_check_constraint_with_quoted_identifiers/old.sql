
            CREATE TABLE foobar(
                "ID" INT PRIMARY KEY,
                foo VARCHAR(255),
                "Bar" BIGINT
            );
			
