
                CREATE TABLE foobar();
                CREATE POLICY foobar_policy ON foobar 
                    AS RESTRICTIVE
                    FOR INSERT 
                    TO PUBLIC
                    WITH CHECK (true);
			
