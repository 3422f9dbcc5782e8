
            CREATE TABLE "Foobar"(
                id INT PRIMARY KEY,
                "Foo" VARCHAR(255)
            );
            CREATE INDEX "Some_idx" ON "Foobar"(id, "Foo");
			
