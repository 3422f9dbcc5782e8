
           CREATE TABLE "some foo" (
               id INTEGER,
               author TEXT,
               content TEXT NOT NULL DEFAULT '',
               version INT NOT NULL DEFAULT 0
           ) PARTITION BY LIST (content);
    
           CREATE TABLE "foobar 1" PARTITION OF "some foo" FOR VALUES IN ('foo_2');
    
			
