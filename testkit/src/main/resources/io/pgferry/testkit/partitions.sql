-- Declarative partitioning (range with a sub-partitioned child, list with default, hash) and inheritance.
CREATE TABLE measurement (city_id int NOT NULL, logdate date NOT NULL, peak int, PRIMARY KEY (city_id, logdate)) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_2023 PARTITION OF measurement FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE measurement_2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY HASH (city_id);
CREATE TABLE measurement_2024_h0 PARTITION OF measurement_2024 FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE measurement_2024_h1 PARTITION OF measurement_2024 FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE INDEX measurement_peak_idx ON measurement (peak);
INSERT INTO measurement SELECT g % 17, date '2023-01-01' + g % 700, g FROM generate_series(1, 5000) g ON CONFLICT DO NOTHING;

CREATE TABLE region (code text NOT NULL, name text) PARTITION BY LIST (code);
CREATE TABLE region_eu PARTITION OF region FOR VALUES IN ('de', 'fr');
CREATE TABLE region_other PARTITION OF region DEFAULT;
INSERT INTO region VALUES ('de', 'Germany'), ('fr', 'France'), ('us', 'United States');

CREATE TABLE vehicle (id int PRIMARY KEY, wheels int);
CREATE TABLE car (seats int) INHERITS (vehicle);
INSERT INTO vehicle VALUES (1, 2);
INSERT INTO car VALUES (2, 4, 5), (3, 4, 7);

CREATE UNLOGGED TABLE scratch (k text COLLATE "C", v text);
INSERT INTO scratch VALUES ('b', 'x'), ('a', 'y');
