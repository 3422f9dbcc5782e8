
            CREATE TABLE foobar(
                id TIMESTAMP,
                PRIMARY KEY (id)
            );

            CREATE TABLE "foobar fk"(
                fk_id TIMESTAMP,
                FOREIGN KEY (fk_id) REFERENCES foobar(id)
            );
      
