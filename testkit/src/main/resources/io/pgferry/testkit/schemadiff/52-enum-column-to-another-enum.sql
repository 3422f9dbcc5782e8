-- pair enum-column-to-another-enum: a column and an array column move to another enum type with the same labels (PostgreSQL has no cast between enums: through text)
-- old
CREATE TYPE e1 AS ENUM ('a', 'b', 'c');
CREATE TYPE e2 AS ENUM ('a', 'b', 'c');
CREATE TABLE orders (id int PRIMARY KEY, state e1 DEFAULT 'a', states e1[]);
INSERT INTO orders VALUES (1, 'b', '{a,c}');
-- new
CREATE TYPE e1 AS ENUM ('a', 'b', 'c');
CREATE TYPE e2 AS ENUM ('a', 'b', 'c');
CREATE TABLE orders (id int PRIMARY KEY, state e2 DEFAULT 'a', states e2[]);
