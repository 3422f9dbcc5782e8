
            CREATE TABLE foobar(
                id INT,
                foo VARCHAR(255),
                PRIMARY KEY (foo, id)
            ) PARTITION BY LIST (foo);
            CREATE TABLE foobar_1 PARTITION OF foobar FOR VALUES IN ('1');
            CREATE TABLE foobar_2 PARTITION OF foobar FOR VALUES IN ('2');
            CREATE TABLE "foobar fk"(
                fk_foo VARCHAR(255),
                fk_id INT
            );
      
