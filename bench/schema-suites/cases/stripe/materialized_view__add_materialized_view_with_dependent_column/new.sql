
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                foo VARCHAR(255) NOT NULL,
                bar VARCHAR(100),
                buzz DECIMAL(10,2)
            );

            CREATE MATERIALIZED VIEW foobar_view AS
                SELECT id, foo, bar, buzz 
                FROM foobar;
			
