-- A database with planted personal data for `pgferry scan` tests: columns named for personal data in
-- English, German, French, Spanish, Dutch and Italian (snake_case, camelCase, run-together), columns whose
-- innocuous names hide personal values, and the usual non-personal columns (keys, counts, amounts,
-- statuses, timestamps) that must never be flagged. PiiScanTest lists the exact expected findings.

CREATE TABLE customers (                       -- German / English
  id bigint PRIMARY KEY,
  e_mail text NOT NULL UNIQUE,
  vorname text,
  nachname text NOT NULL,
  telefonnummer varchar(40),
  geburtsdatum date,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  email_verified boolean NOT NULL,
  login_count integer NOT NULL
);
INSERT INTO customers
SELECT g, 'kunde' || g || '@example.de', (ARRAY['Anna', 'Jörg', 'Emma', 'Lukas'])[1 + g % 4],
       (ARRAY['Müller', 'Schmidt', 'Schneider'])[1 + g % 3], '030 ' || (1000000 + g * 7919),
       date '1950-03-01' + g * 400, (ARRAY['active', 'blocked'])[1 + g % 2], timestamptz '2025-01-01' + g * interval '1 day',
       g % 3 = 0, g * 3
FROM generate_series(1, 40) g;

CREATE TABLE "Clients" (                       -- French, camelCase
  "clientId" integer PRIMARY KEY,
  courriel text,
  prenom text,
  "nomDeFamille" text,
  adresse text,
  ville text,
  "codePostal" text,
  "dateNaissance" date
);
INSERT INTO "Clients"
SELECT g, 'client' || g || '@exemple.fr', 'Camille', 'Dubois', g || ' rue de la Paix', 'Lyon', lpad((69000 + g)::text, 5, '0'),
       date '1960-06-15' + g * 500
FROM generate_series(1, 30) g;

CREATE TABLE clientes (                        -- Spanish
  id serial PRIMARY KEY,
  correo_electronico text,
  nombre text,
  apellido text,
  calle text,
  ciudad text,
  telefono text
);
INSERT INTO clientes (correo_electronico, nombre, apellido, calle, ciudad, telefono)
SELECT 'cliente' || g || '@ejemplo.es', 'Lucía', 'García', 'Calle Mayor ' || g, 'Madrid', '+34 91 ' || (5000000 + g)
FROM generate_series(1, 30) g;

CREATE TABLE klanten (                         -- Dutch
  klantnummer integer PRIMARY KEY,
  voornaam text,
  achternaam text,
  woonplaats text,
  geboortedatum date
);
INSERT INTO klanten SELECT g, 'Sanne', 'de Vries', 'Utrecht', date '1970-01-01' + g * 400 FROM generate_series(1, 20) g;

CREATE TABLE utenti (                          -- Italian
  id integer PRIMARY KEY,
  cognome text,
  indirizzo text,
  codice_fiscale char(16)
);
INSERT INTO utenti SELECT g, 'Rossi', 'Via Roma ' || g, 'RSSMRA80A01H501' || chr(65 + g % 26) FROM generate_series(1, 20) g;

CREATE TABLE users (                           -- English, camelCase, a bare "name" in a table of people
  id bigint PRIMARY KEY,
  name text NOT NULL,
  "phoneNumber" text,
  "zipCode" text,
  ssn text,
  last_login_ip inet,
  "isActive" boolean NOT NULL,
  "createdAt" timestamptz NOT NULL,
  role text NOT NULL
);
INSERT INTO users
SELECT g, 'User Number ' || g, '+1 212 555 ' || (1000 + g), lpad((10000 + g)::text, 5, '0'),
       lpad((100000000 + g * 1237)::text, 9, '0'), ('10.0.' || g || '.' || (g * 7 % 250))::inet, g % 2 = 0,
       timestamptz '2024-05-01' + g * interval '1 hour', (ARRAY['admin', 'user'])[1 + g % 2]
FROM generate_series(1, 25) g;

CREATE TABLE payments (
  id bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers,
  iban text,
  "cardNumber" text,
  amount numeric(12, 2) NOT NULL,
  currency char(3) NOT NULL,
  status text NOT NULL,
  reference text NOT NULL
);
INSERT INTO payments
SELECT g, 1 + g % 40,
       (ARRAY['DE89370400440532013000', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'NL91ABNA0417164300'])[1 + g % 4],
       (ARRAY['4111111111111111', '5555555555554444', '378282246310005', '4012888888881881'])[1 + g % 4],
       g * 12.5, 'EUR', (ARRAY['paid', 'open', 'refunded'])[1 + g % 3], 'INV-2024-' || lpad(g::text, 4, '0')
FROM generate_series(1, 40) g;

-- Personal data only visible in the values: no name gives it away.
CREATE TABLE tickets (
  id bigint PRIMARY KEY,
  contact text,                                -- e-mail addresses
  notes text,                                  -- free text mentioning e-mail addresses
  payload jsonb,                               -- json holding e-mail addresses
  src inet,                                    -- IP addresses
  account text,                                -- valid IBANs
  ref_no text,                                 -- Luhn-valid card numbers, spaced
  token text,                                  -- 16 digits failing the Luhn check: not card numbers
  iban_like text,                              -- IBAN-shaped strings failing mod 97: not IBANs
  priority integer NOT NULL,
  subject text NOT NULL,
  opened_on date NOT NULL                      -- recent dates: not birthdays
);
INSERT INTO tickets
SELECT g, 'person' || g || '@mail.example.com',
       'Customer asked us to send the invoice to billing' || g || '@firma.example instead.',
       jsonb_build_object('reply_to', 'r' || g || '@example.net', 'lines', g),
       ('192.168.' || (g % 200) || '.' || (1 + g))::inet,
       (ARRAY['BE68539007547034', 'ES9121000418450200051332', 'IT60X0542811101000000123456'])[1 + g % 3],
       (ARRAY['4242 4242 4242 4242', '6011 1111 1111 1117', '5105 1051 0510 5100'])[1 + g % 3],
       (ARRAY['4111111111111112', '5555555555554445', '4012888888881882', '6011111111111118'])[1 + g % 4],
       (ARRAY['DE89370400440532013001', 'GB82WEST12345698765433', 'NL91ABNA0417164301'])[1 + g % 3],
       g % 5, 'Order ' || (1000 + g) || ' arrived late', date '2026-01-01' - g
FROM generate_series(1, 30) g;

CREATE TABLE products (
  id bigint PRIMARY KEY,
  sku text NOT NULL,
  name text NOT NULL,
  description text,
  price numeric(10, 2) NOT NULL,
  stock integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz
);
INSERT INTO products
SELECT g, 'SKU-' || lpad(g::text, 5, '0'), 'Widget ' || g, 'A fine widget, size ' || g, g * 1.99, g * 10,
       timestamptz '2023-01-01' + g * interval '1 day', NULL
FROM generate_series(1, 20) g;

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  action text NOT NULL,
  ip_address inet,
  at timestamptz NOT NULL
);
INSERT INTO audit_log (action, ip_address, at)
SELECT (ARRAY['login', 'logout'])[1 + g % 2], ('2001:db8::' || to_hex(g))::inet, timestamptz '2025-06-01' + g * interval '1 minute'
FROM generate_series(1, 20) g;
