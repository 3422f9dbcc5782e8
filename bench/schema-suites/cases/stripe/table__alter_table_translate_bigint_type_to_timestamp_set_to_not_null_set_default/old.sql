
            CREATE TABLE foobar(
                id INT PRIMARY KEY,
                obj_attr__c_time BIGINT,
                obj_attr__m_time BIGINT
            );
			
