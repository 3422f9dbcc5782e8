CREATE TABLE public.employees (
    employee_id serial,
    name text NOT NULL,
    department text
);
