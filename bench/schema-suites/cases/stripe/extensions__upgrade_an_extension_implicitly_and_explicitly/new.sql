
            CREATE SCHEMA schema_1;
            CREATE EXTENSION pg_trgm WITH VERSION '1.6';
            CREATE EXTENSION AMCHECK WITH SCHEMA schema_1;
			
