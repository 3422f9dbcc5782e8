
            CREATE TABLE tabs (
                id SERIAL PRIMARY KEY,
                title TEXT NOT NULL,
                artist TEXT,
                search_vector tsvector GENERATED ALWAYS AS (
                    to_tsvector('simple', title || ' ' || coalesce(artist, ''))
                ) STORED
            );
			
