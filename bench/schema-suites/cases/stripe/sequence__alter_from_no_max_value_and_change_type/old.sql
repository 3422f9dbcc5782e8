
            CREATE SEQUENCE "foobar sequence"
                        AS BIGINT
                        INCREMENT BY 2
                        MINVALUE 5 NO MAXVALUE
                        START WITH 10 CACHE 5 CYCLE
                        OWNED BY NONE;
			
