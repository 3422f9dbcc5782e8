-- pair awkward-names: the target starts as 'old', the source is 'new'
-- old
CREATE TABLE "Order Items" ("Id" int PRIMARY KEY, "Old ""Col""" text, "select" int); INSERT INTO "Order Items" VALUES (1, 'q', 2);
-- new
CREATE TABLE "Order Items" ("Id" int PRIMARY KEY, "select" bigint, "New Col" text DEFAULT 'it''s'); CREATE INDEX "Weird Index" ON "Order Items" ("select");
