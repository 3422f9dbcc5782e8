
            CREATE SCHEMA schema_1;
            CREATE EXTENSION pg_trgm WITH SCHEMA schema_1;
            CREATE EXTENSION amcheck;
			
