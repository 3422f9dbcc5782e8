
                CREATE TABLE foobar();
                CREATE POLICY foobar_policy ON foobar
                    AS PERMISSIVE
                    FOR ALL
                    TO "x""; DROP TABLE foobar; --"
                    USING (true)
                    WITH CHECK (true);
			
