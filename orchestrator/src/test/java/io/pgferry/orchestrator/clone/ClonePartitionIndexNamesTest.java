package io.pgferry.orchestrator.clone;

import org.junit.jupiter.api.Test;

/**
 * A partition's index or key attached to its parent's keeps its own name: the clone created the parent's index
 * with a cascade, which named each partition's index after the partition ("p1_b_idx" for "my_local", "p1_pkey" for
 * "p1_custom_pk"), so the clone differed from the source while reporting success.
 */
class ClonePartitionIndexNamesTest {
  @Test
  void clone_partitionIndexesWithTheirOwnNames_keepsTheNamesAndAttachments() {
    Clones.assertBothSealModesEqual("pixname", """
        CREATE TABLE public.p (a integer NOT NULL, b integer, c text, k integer NOT NULL) PARTITION BY RANGE (a);
        CREATE TABLE public.p1 (a integer NOT NULL, b integer, c text, k integer NOT NULL);
        CREATE INDEX my_local ON public.p1 (b);
        ALTER TABLE public.p1 ADD CONSTRAINT p1_custom_pk PRIMARY KEY (a, k);
        ALTER TABLE public.p1 ADD CONSTRAINT "P1 unique" UNIQUE (k, a);
        ALTER TABLE public.p ATTACH PARTITION public.p1 FOR VALUES FROM (0) TO (10);
        CREATE TABLE public.p2 PARTITION OF public.p FOR VALUES FROM (10) TO (20) PARTITION BY LIST (k);
        CREATE TABLE public.p2x (a integer NOT NULL, b integer, c text, k integer NOT NULL);
        CREATE INDEX "p2x b" ON public.p2x (b);
        ALTER TABLE public.p2 ATTACH PARTITION public.p2x FOR VALUES IN (1, 2);
        CREATE TABLE public.p2y PARTITION OF public.p2 FOR VALUES IN (3);
        CREATE INDEX p_b ON public.p (b);
        ALTER TABLE public.p ADD CONSTRAINT p_pk PRIMARY KEY (a, k);
        ALTER TABLE public.p ADD CONSTRAINT p_uk UNIQUE (k, a);
        CREATE INDEX p1_unattached_b ON public.p1 (b);
        CREATE TABLE public.p3 PARTITION OF public.p FOR VALUES FROM (20) TO (30);
        INSERT INTO public.p VALUES (1, 1, 'x', 1), (11, 2, 'y', 1), (12, 3, 'z', 3), (21, 4, 'w', 5);
        """);
  }
}
