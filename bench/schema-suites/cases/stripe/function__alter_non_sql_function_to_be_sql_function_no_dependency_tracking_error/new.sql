
            CREATE FUNCTION some_func(i integer) RETURNS integer
                LANGUAGE SQL
                IMMUTABLE
                RETURN i + 5;
		
