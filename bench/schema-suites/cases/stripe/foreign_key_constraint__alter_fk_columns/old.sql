
            CREATE TABLE foobar(
                id INT,
                foo VARCHAR(255),
                PRIMARY KEY (id)
            );
            CREATE UNIQUE INDEX foobar_unique ON foobar(foo);

            CREATE TABLE "foobar fk"(
                fk_id INT,
                fk_foo VARCHAR(255)
            );
            ALTER TABLE "foobar fk" ADD CONSTRAINT some_fk
                FOREIGN KEY (fk_id) REFERENCES foobar(id)
                NOT VALID;
      
