
            CREATE SEQUENCE "foobar sequence"
                        AS INT
                        INCREMENT BY 2
                        MINVALUE 5 MAXVALUE 100
                        START WITH 10 CACHE 5 CYCLE
                        OWNED BY NONE;
			
