CREATE SEQUENCE public.user_id_seq;

CREATE SEQUENCE public.order_seq INCREMENT BY 10 CYCLE;
