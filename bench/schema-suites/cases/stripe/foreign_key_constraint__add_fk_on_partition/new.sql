
            CREATE TABLE "foo bar"(
                id INT,
                PRIMARY KEY (id)
            );

            CREATE TABLE foobar_fk(
                fk_id INT
            ) PARTITION BY LIST (fk_id);
      CREATE TABLE foobar_fk_1 PARTITION OF foobar_fk FOR VALUES IN (1);
      ALTER TABLE foobar_fk_1 ADD CONSTRAINT some_fk FOREIGN KEY (fk_id) REFERENCES "foo bar"(id);
      
