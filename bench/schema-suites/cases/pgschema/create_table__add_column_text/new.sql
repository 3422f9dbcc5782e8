CREATE TABLE public.users (
    id integer NOT NULL,
    name text,
    email text
);
