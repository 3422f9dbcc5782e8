
				CREATE TABLE foobar(id INT);
				GRANT SELECT ON foobar TO app_user;
			
