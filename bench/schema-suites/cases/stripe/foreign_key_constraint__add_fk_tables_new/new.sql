
            CREATE TABLE foobar(
                id INT PRIMARY KEY
            );

            CREATE SCHEMA schema_1;
            CREATE TABLE schema_1."foobar fk"(
                fk_id INT,
                FOREIGN KEY (fk_id) REFERENCES foobar(id)
                    ON DELETE SET NULL
                    ON UPDATE SET NULL
                    NOT DEFERRABLE
            );
      
