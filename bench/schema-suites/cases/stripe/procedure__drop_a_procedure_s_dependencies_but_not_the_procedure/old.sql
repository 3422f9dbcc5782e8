
            CREATE TABLE users ();

            CREATE OR REPLACE PROCEDURE "Add User"(name TEXT) LANGUAGE SQL AS $$
            INSERT INTO users DEFAULT VALUES;
            $$;
			
