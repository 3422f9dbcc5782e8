CREATE TABLE public.users (
    id SERIAL PRIMARY KEY,
    name text,
    email text
);
