
            CREATE SEQUENCE user_id_seq;

            CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL
            );

            CREATE OR REPLACE FUNCTION get_name(input_name TEXT) RETURNS TEXT AS $$
                SELECT input_name || '_some_fixed_val'
            $$ LANGUAGE SQL;

            CREATE OR REPLACE PROCEDURE "Add User"(name TEXT) LANGUAGE SQL AS $$
            INSERT INTO users (id, name) VALUES (NEXTVAL('user_id_seq'), get_name(name));
            $$;
			
