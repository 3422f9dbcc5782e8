
            CREATE FUNCTION "evil""func"(a integer) RETURNS integer
                LANGUAGE SQL
                IMMUTABLE
                RETURNS NULL ON NULL INPUT
                RETURN a + 1;
			
