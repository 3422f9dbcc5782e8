
            CREATE TABLE foobar(
                id INT,
                foo TEXT NOT NULL,
                bar BIGINT NOT NULL
            );
            CREATE INDEX some_idx ON foobar (foo DESC, bar)
			
