
            CREATE SCHEMA schema_1;
            CREATE TABLE foo(
                color VARCHAR(255) DEFAULT 'green'
            );
			
