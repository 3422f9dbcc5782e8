
                CREATE SCHEMA schema_1;
                CREATE TABLE schema_1.foobar();
			
