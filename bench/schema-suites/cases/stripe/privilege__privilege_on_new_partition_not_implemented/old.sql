
				CREATE TABLE foobar(
					category TEXT
				) partition by list (category);
			
