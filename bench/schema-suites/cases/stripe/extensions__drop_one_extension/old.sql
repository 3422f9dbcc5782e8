
            CREATE SCHEMA schema_1;
            CREATE EXTENSION pg_trgm;
            CREATE EXTENSION amcheck WITH SCHEMA schema_1;
			
