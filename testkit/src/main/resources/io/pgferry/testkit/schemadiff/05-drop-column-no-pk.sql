-- pair drop-column-no-pk: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE log (at date, msg text, level int); INSERT INTO log VALUES ('2024-01-01','hello',1),('2024-01-02','bye',2);
-- new
CREATE TABLE log (at date, msg text);
