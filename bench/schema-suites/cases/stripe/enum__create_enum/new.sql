
            CREATE SCHEMA schema_1;
            CREATE TYPE schema_1.color AS ENUM ('red', 'green', 'blue');
            CREATE TABLE foo(
                color schema_1.color DEFAULT 'green'
            );
			
