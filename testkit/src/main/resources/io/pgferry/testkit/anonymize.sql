-- A small shop holding personal data, for the anonymization tests: unique e-mails, a primary key other
-- tables reference (single-column and composite), NOT NULL, length and CHECK constraints, JSON documents
-- with nested personal fields, arrays, and a second table sharing e-mail values with the first.
CREATE SCHEMA shop;

CREATE TABLE shop.customers (
  id          integer PRIMARY KEY,
  email       varchar(120) NOT NULL UNIQUE CHECK (email LIKE '%@%'),
  first_name  text NOT NULL,
  last_name   text NOT NULL,
  display     text,
  phone       text,
  country     char(2) NOT NULL DEFAULT 'DE',
  birth_date  date,
  salary      numeric(10,2),
  card        varchar(19),
  iban        text,
  ip          inet,
  profile     jsonb,
  nicknames   text[],
  created_at  timestamptz NOT NULL,
  vip         boolean NOT NULL DEFAULT false
);

CREATE TABLE shop.newsletter (
  id     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email  text NOT NULL,
  since  date NOT NULL
);

CREATE TABLE shop.orders (
  id          integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES shop.customers (id),
  total       numeric(10,2) NOT NULL,
  note        text
);

CREATE TABLE shop.accounts (
  region  text NOT NULL,
  number  text NOT NULL,
  owner   text NOT NULL,
  PRIMARY KEY (region, number)
);

CREATE TABLE shop.payments (
  id      integer PRIMARY KEY,
  region  text NOT NULL,
  number  text NOT NULL,
  amount  numeric(10,2) NOT NULL,
  FOREIGN KEY (region, number) REFERENCES shop.accounts (region, number)
);

INSERT INTO shop.customers
SELECT g,
       'cust' || g || '.' || md5(g::text) || '@mail-' || (g % 7) || '.test',
       (ARRAY['Anna','Bernd','Chiara','Dmitri','Elif','Farid','Greta'])[1 + g % 7] || g,
       'Family' || md5((g * 3)::text),
       NULL,
       '+49 30 ' || lpad((1000000 + g * 37)::text, 8, '0'),
       (ARRAY['DE','FR','IT','ES'])[1 + g % 4],
       date '1950-01-01' + (g * 97) % 20000,
       1000 + (g * 131) % 90000 / 10.0,
       '4000' || lpad((g * 7919)::text, 12, '0'),
       'DE89' || lpad((370400440532013000 + g)::text, 18, '0'),
       ('192.168.' || (g / 256) || '.' || (g % 256))::inet,
       jsonb_build_object('contact', jsonb_build_object('email', 'alt' || g || '@private-' || md5(g::text) || '.test',
                                                        'phone', '+4917' || lpad(g::text, 8, '0')),
                          'items', jsonb_build_array(jsonb_build_object('phone', '+4915' || lpad(g::text, 8, '0'), 'n', g),
                                                     jsonb_build_object('phone', '+4916' || lpad(g::text, 8, '0'), 'n', g + 1)),
                          'score', g % 100),
       ARRAY['nick' || md5((g * 5)::text), 'alias' || md5((g * 11)::text)],
       timestamptz '2023-03-01 10:00:00+00' + g * interval '7 hours',
       g % 10 = 0
FROM generate_series(1, 300) AS g;

-- every third customer subscribed with the same e-mail address
INSERT INTO shop.newsletter (email, since)
SELECT email, date '2024-01-01' + id FROM shop.customers WHERE id % 3 = 0;

INSERT INTO shop.orders
SELECT g, 1 + (g * 13) % 300, (g % 500) + 0.99, CASE WHEN g % 5 = 0 THEN 'gift for ' || g END
FROM generate_series(1, 900) AS g;

INSERT INTO shop.accounts
SELECT (ARRAY['north','south'])[1 + g % 2], 'ACC' || lpad(g::text, 6, '0'), 'Owner' || md5(g::text)
FROM generate_series(1, 200) AS g;

INSERT INTO shop.payments
SELECT g, (ARRAY['north','south'])[1 + ((g % 200) + 1) % 2], 'ACC' || lpad(((g % 200) + 1)::text, 6, '0'), g * 1.5
FROM generate_series(1, 600) AS g;
