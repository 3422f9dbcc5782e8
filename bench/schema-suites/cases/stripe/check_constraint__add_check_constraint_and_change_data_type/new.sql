
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                foo INT CHECK ( foo > 0 )
            );
			
