package io.pgferry.orchestrator.clone;

import org.junit.jupiter.api.Test;

/**
 * Two tables whose foreign keys refer to each other, and a function returning one's row type: the keys' pg_depend
 * entries, folded onto their tables, made a cycle, and breaking it put the function before its table ("type ... does
 * not exist" in the base phase; found by {@link CloneRandomSchemaTest}, seed 20). Keys are added in the seal and order
 * nothing in the base phase.
 */
class CloneForeignKeyCycleRowTypeTest {
  @Test
  void clone_foreignKeyCycleAndFunctionOnRowType_functionAfterItsTable() {
    Clones.assertBothSealModesEqual("fkcyc", """
        CREATE TABLE public.a (id integer PRIMARY KEY, b_id integer);
        CREATE TABLE public.b (id integer PRIMARY KEY, a_id integer REFERENCES public.a);
        ALTER TABLE public.a ADD FOREIGN KEY (b_id) REFERENCES public.b;
        CREATE FUNCTION public.f() RETURNS SETOF public.a LANGUAGE sql AS 'SELECT * FROM public.a';
        CREATE FUNCTION public.g(r public.b) RETURNS integer LANGUAGE sql AS 'SELECT (r).id';
        INSERT INTO public.a SELECT g, NULL FROM generate_series(1, 5) g;
        INSERT INTO public.b SELECT g, g FROM generate_series(1, 5) g;
        UPDATE public.a SET b_id = id;
        """);
  }
}
