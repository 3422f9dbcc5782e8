CREATE TABLE public.products (
    name text NOT NULL,
    price numeric(10,2),
    quantity integer
);
