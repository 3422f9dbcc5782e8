
            CREATE TABLE foobar(
                id INT CHECK (id > 0) UNIQUE,
                foo CHAR COLLATE "C" DEFAULT '5' NOT NULL PRIMARY KEY,
                bar TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL ,
                fizz BOOLEAN NOT NULL,
                buzz REAL,
                fizzbuzz TEXT COLLATE "POSIX"
            );
            ALTER TABLE foobar ADD CONSTRAINT buzz_check CHECK (buzz IS NOT NULL);
            CREATE INDEX normal_idx ON foobar(fizz);
            CREATE INDEX other_idx ON foobar(bar);

            CREATE TABLE foobar_fk(
                bar TIMESTAMP,
                foo VARCHAR(255)
            );
			
