CREATE TABLE public."Planning" (
    id integer NOT NULL,
    "offersValidUntil" timestamp with time zone NOT NULL,
    CONSTRAINT "Planning_pkey" PRIMARY KEY (id)
);
