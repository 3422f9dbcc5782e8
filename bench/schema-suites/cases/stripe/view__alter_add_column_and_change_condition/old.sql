
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                bar TIMESTAMP,
                foo VARCHAR(255)
            );

            CREATE VIEW foobar_view AS
                SELECT id, foo
                FROM foobar 
			
