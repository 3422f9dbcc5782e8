
            CREATE EXTENSION pg_trgm;
			
