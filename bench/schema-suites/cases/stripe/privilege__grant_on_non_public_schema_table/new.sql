
				CREATE SCHEMA app_schema;
				CREATE TABLE app_schema.foobar(id INT);
				GRANT SELECT ON app_schema.foobar TO app_user;
			
