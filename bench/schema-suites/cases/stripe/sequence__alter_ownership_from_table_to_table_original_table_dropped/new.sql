
            CREATE SEQUENCE "foobar sequence"
                        AS BIGINT
                        INCREMENT BY 2
                        MINVALUE 5 MAXVALUE 100
                        START WITH 10 CACHE 5 CYCLE
                        OWNED BY NONE;
            CREATE TABLE "some other foobar"(
                "some id" BIGINT
            );
            ALTER SEQUENCE "foobar sequence" OWNED BY "some other foobar"."some id";
			
