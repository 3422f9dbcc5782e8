
            CREATE TABLE "Foobar"(
                id INT PRIMARY KEY,
                "Foo" VARCHAR(255) COLLATE "C" DEFAULT '' NOT NULL CHECK (LENGTH("Foo") > 0),
                bar TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                fizz SERIAL NOT NULL
            );
            CREATE INDEX normal_idx ON "Foobar"(fizz);
            CREATE UNIQUE INDEX unique_idx ON "Foobar"("Foo", "bar");
			
