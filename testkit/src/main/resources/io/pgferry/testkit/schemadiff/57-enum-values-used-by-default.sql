-- pair enum-values-used-by-default: new enum values, one of them the new default of a column and another in a new check (PostgreSQL refuses a value in the transaction that adds it: they are committed first)
-- old
CREATE TYPE level AS ENUM ('1', '2', '3');
CREATE TABLE foo (val level, other level);
INSERT INTO foo VALUES ('2', '3');
-- new
CREATE TYPE level AS ENUM ('0', '1', '1.5', '2', '2.5', '3', '4');
CREATE TABLE foo (val level DEFAULT '1.5', other level CHECK (other <> '4'));
