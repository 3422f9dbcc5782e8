
                CREATE TABLE foobar(id INT);
                GRANT SELECT, INSERT, UPDATE, DELETE ON foobar TO app_user;
			
