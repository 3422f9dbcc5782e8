-- pair new-children-inherit-defaults: new inheritance children of a new and of an existing parent are created with INHERITS, so their inherited columns stay not local and take the parent's serial default; one child overrides a default and adds NOT NULL (migra inherit)
-- old
CREATE TABLE bindings (id bigserial, kind text NOT NULL, ref bigint NOT NULL);
INSERT INTO bindings (kind, ref) VALUES ('x', 1);
-- new
CREATE TABLE bindings (id bigserial, kind text NOT NULL, ref bigint NOT NULL);
CREATE TABLE bindings_a (CONSTRAINT "kind must be A" CHECK (kind = 'A'), UNIQUE (ref, kind)) INHERITS (bindings);
CREATE TABLE bindings_b (note text) INHERITS (bindings);
ALTER TABLE ONLY bindings_b ALTER COLUMN kind SET DEFAULT 'B';
ALTER TABLE ONLY bindings_b ALTER COLUMN id DROP DEFAULT;
CREATE TABLE events (id bigserial, at timestamptz DEFAULT now(), what text);
CREATE TABLE events_x (extra int NOT NULL DEFAULT 0) INHERITS (events);
