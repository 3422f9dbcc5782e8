CREATE TABLE public.employees (
    id integer NOT NULL,
    name text,
    email text
);
