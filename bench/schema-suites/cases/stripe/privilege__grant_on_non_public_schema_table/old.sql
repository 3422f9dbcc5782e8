
				CREATE SCHEMA app_schema;
				CREATE TABLE app_schema.foobar(id INT);
			
