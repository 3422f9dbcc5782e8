CREATE TABLE public.departments (
    id integer PRIMARY KEY,
    name text NOT NULL
);
