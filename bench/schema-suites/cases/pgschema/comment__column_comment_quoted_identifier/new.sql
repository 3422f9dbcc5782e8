CREATE TABLE public.ex (
    "ID" integer NOT NULL
);

COMMENT ON COLUMN ex."ID" IS 'Primary identifier';
