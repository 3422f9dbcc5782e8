CREATE TABLE public.documents (
    id integer NOT NULL,
    title text
);
