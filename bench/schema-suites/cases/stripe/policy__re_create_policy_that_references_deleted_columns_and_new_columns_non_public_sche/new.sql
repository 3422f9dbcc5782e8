
            CREATE SCHEMA schema_1;
            CREATE TABLE schema_1.foobar(
                category TEXT NOT NULL,
                new_val TEXT
            );
            CREATE POLICY foobar_policy ON schema_1.foobar 
                AS RESTRICTIVE -- force-recreate the policy 
                FOR ALL 
                TO PUBLIC
                USING (new_val = 'value' AND category = 'category')
                WITH CHECK (new_val = 'value');
		
