
                CREATE TABLE foobar();
                CREATE POLICY foobar_policy ON foobar 
                    AS PERMISSIVE 
                    FOR SELECT 
                    TO role_1, role_2
                    USING (true);
			
