CREATE TYPE public.status AS ENUM (
   'active',
   'inactive',
   'pending'
);
