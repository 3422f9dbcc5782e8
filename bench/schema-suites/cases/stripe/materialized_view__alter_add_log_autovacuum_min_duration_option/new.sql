
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                foo VARCHAR(255) NOT NULL,
                bar DECIMAL(10,2) CHECK (bar > 0),
                buzz BOOLEAN DEFAULT true
            );

            CREATE MATERIALIZED VIEW foobar_view WITH (log_autovacuum_min_duration = 1000) AS
                SELECT id, foo, bar 
                FROM foobar 
                WHERE buzz = true;
			
