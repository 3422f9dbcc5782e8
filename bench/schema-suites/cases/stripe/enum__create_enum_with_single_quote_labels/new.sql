
            CREATE TYPE quote_enum AS ENUM ('O''Brien', 'it''s', 'plain');
            CREATE TABLE foo(
                val quote_enum DEFAULT 'plain'
            );
			
