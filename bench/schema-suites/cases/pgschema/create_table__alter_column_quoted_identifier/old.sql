CREATE TABLE public.ex (
    "ID" integer NOT NULL
);
