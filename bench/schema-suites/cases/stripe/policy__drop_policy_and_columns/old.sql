
                CREATE TABLE foobar(
                        category TEXT,
                        val TEXT
                );
                CREATE POLICY foobar_policy ON foobar 
                    AS RESTRICTIVE
                    FOR SELECT 
                    TO PUBLIC
                    USING (category = 'category' AND val = 'value');
			
