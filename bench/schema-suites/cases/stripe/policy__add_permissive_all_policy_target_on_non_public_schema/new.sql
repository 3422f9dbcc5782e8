
                CREATE SCHEMA schema_1;
                CREATE TABLE schema_1.foobar();
                CREATE POLICY foobar_policy ON schema_1.foobar 
                    AS PERMISSIVE
                    FOR ALL 
                    TO role_1, role_2
                    USING (true)
                    WITH CHECK (true);
			
