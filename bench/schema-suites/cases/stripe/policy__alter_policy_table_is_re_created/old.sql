
                CREATE TABLE foobar(
                    category TEXT
                ) partition by list (category);
                CREATE POLICY foobar_policy ON foobar 
                    AS PERMISSIVE 
                    FOR INSERT 
                    TO PUBLIC
                    WITH CHECK (true);
			
