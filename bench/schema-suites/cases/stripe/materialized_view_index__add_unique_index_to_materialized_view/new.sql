
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                foo VARCHAR(255)
            );

            CREATE MATERIALIZED VIEW foobar_view AS
                SELECT id, foo FROM foobar;

            CREATE UNIQUE INDEX foobar_view_id_idx ON foobar_view(id);
			
