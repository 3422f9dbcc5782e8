
            CREATE TYPE quote_enum AS ENUM ('a', 'b', 'won''t');
            CREATE TABLE foo(
                val quote_enum
            );
			
