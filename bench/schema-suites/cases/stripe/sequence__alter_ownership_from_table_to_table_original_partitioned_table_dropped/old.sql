
            CREATE SEQUENCE "foobar sequence"
                        AS BIGINT
                        INCREMENT BY 2
                        MINVALUE 5 MAXVALUE 100
                        START WITH 10 CACHE 5 CYCLE
                        OWNED BY NONE;

            CREATE TABLE foobar(
                "some id" SERIAL,
                type TEXT
            ) PARTITION BY LIST (type);

            CREATE TABLE foobar_1 PARTITION OF foobar FOR VALUES IN (1);
            CREATE TABLE foobar_2 PARTITION OF foobar FOR VALUES IN (2);

            ALTER SEQUENCE "foobar sequence" OWNED BY foobar."some id";
			
