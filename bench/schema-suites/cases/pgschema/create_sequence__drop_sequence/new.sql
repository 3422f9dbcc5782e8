CREATE SEQUENCE public.user_id_seq;
