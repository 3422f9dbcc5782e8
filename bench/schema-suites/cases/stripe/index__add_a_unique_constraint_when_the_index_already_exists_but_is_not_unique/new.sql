
            CREATE TABLE foobar(
                id INT
            );
            CREATE UNIQUE INDEX foobar_idx ON foobar(id);
            ALTER TABLE foobar ADD CONSTRAINT foobar_unique_idx UNIQUE USING INDEX foobar_idx;
			
