
            CREATE TABLE foobar(
                id INT,
                foo VARCHAR(255),
                bar TEXT COLLATE "POSIX",
                fizz SERIAL,
                identity BIGINT GENERATED ALWAYS AS IDENTITY ( MINVALUE 2 MAXVALUE 9 START 3 INCREMENT 4 CACHE 5 NO CYCLE ),
                CHECK ( fizz > 0 ),
                PRIMARY KEY (foo, id),
                UNIQUE (foo, bar)
            ) PARTITION BY LIST (foo);
            ALTER TABLE foobar REPLICA IDENTITY FULL;
            ALTER TABLE foobar ENABLE ROW LEVEL SECURITY;
            ALTER TABLE foobar FORCE ROW LEVEL SECURITY;
            CREATE TABLE foobar_1 PARTITION OF foobar FOR VALUES IN ('foo_1');
            ALTER TABLE foobar_1 REPLICA IDENTITY DEFAULT ;
            ALTER TABLE foobar_1 ENABLE ROW LEVEL SECURITY;
            CREATE TABLE foobar_2 PARTITION OF foobar FOR VALUES IN ('foo_2');
            ALTER TABLE foobar_2 FORCE ROW LEVEL SECURITY;
            CREATE TABLE foobar_3 PARTITION OF foobar FOR VALUES IN ('foo_3');
            -- partitioned indexes
            CREATE UNIQUE INDEX foobar_unique_idx ON foobar(foo, bar);
            -- local indexes
            CREATE INDEX foobar_1_local_idx ON foobar_1(foo);
            CREATE UNIQUE INDEX foobar_2_local_unique_idx ON foobar_2(foo);

            CREATE TABLE foobar_fk(
                foo VARCHAR(255),
                bar TEXT
            ) PARTITION BY LIST (foo);
            CREATE TABLE foobar_fk_1 PARTITION OF foobar_fk FOR VALUES IN ('foo_1');
            -- partitioned indexes
            CREATE UNIQUE INDEX foobar_fk_unique_idx ON foobar_fk(foo, bar);
            -- local indexes
            CREATE UNIQUE INDEX foobar_1_local_unique_idx ON foobar_fk_1(foo);
            -- foreign keys
            -- create a circular dependency of foreign keys (this is allowed)
            ALTER TABLE foobar_fk ADD CONSTRAINT foobar_fk_fk FOREIGN KEY (foo, bar) REFERENCES foobar(foo, bar);
            ALTER TABLE foobar ADD CONSTRAINT foobar_fk FOREIGN KEY (foo, bar) REFERENCES foobar_fk(foo, bar);
            -- local local foreign keys
            ALTER TABLE foobar_fk_1 ADD CONSTRAINT foobar_fk_1_fk FOREIGN KEY (foo) REFERENCES foobar_2(foo);
            ALTER TABLE foobar_1 ADD CONSTRAINT foobar_1_fk FOREIGN KEY (foo) REFERENCES foobar_fk_1(foo);
			
