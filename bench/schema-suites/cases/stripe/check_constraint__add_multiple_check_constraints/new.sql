
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                foo VARCHAR(255),
                bar BIGINT,
                CHECK ( bar > id ), CHECK ( bar IS NOT NULL ), CHECK (bar > 0)
            );
			
