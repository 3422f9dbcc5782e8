
            CREATE TABLE "foo bar"(
                id INT,
                PRIMARY KEY (id)
            );

            CREATE TABLE foobar_fk(
                fk_id INT
            ) PARTITION BY LIST (fk_id);
      CREATE TABLE foobar_fk_1 PARTITION OF foobar_fk FOR VALUES IN (1);
      
