
            CREATE TABLE foobar(
                foo varchar(255),
                id INT,
                PRIMARY KEY (id)
            );

            CREATE TABLE "foobar partitioned"(
                foo varchar(255),
                id INT
            ) PARTITION BY LIST (foo);
            CREATE TABLE foobar_1 PARTITION OF "foobar partitioned" FOR VALUES IN ('1');
            CREATE TABLE foobar_2 PARTITION OF "foobar partitioned" FOR VALUES IN ('2');
            CREATE UNIQUE INDEX unique_idx ON "foobar partitioned"(foo, id);

            CREATE TABLE "foobar fk"(
                fk_foo VARCHAR(255),
                fk_id INT
            );
            ALTER TABLE "foobar fk" ADD CONSTRAINT some_fk
                FOREIGN KEY (fk_foo, fk_id) REFERENCES "foobar partitioned"(foo, id);
      
