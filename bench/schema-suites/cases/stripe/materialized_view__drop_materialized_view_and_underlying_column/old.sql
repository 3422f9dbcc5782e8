
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                foo VARCHAR(255),
                bar INT,
                buzz VARCHAR(255),
                fizz TIMESTAMP DEFAULT CURRENT_TIMESTAMP
            );

            CREATE MATERIALIZED VIEW foobar_view AS
                SELECT id, foo, bar, buzz 
                FROM foobar;
			
