CREATE TABLE public.events (
    id integer NOT NULL,
    name text,
    created_at timestamp with time zone
);
