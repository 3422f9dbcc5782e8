package io.pgferry.orchestrator.clone;

import org.junit.jupiter.api.Test;

/** A view replaced by a query on itself (legal, if useless) is created as pg_dump does: placeholder, then query. */
class CloneSelfReferencingViewTest {
  @Test
  void clone_viewReadingItself_created() {
    Clones.assertBothSealModesEqual("selfview", """
        CREATE TABLE t (id int);
        CREATE VIEW v AS SELECT id FROM t;
        CREATE OR REPLACE VIEW v AS SELECT id FROM v;
        CREATE VIEW "Odd view" AS SELECT 'x'::text COLLATE "C" AS "Col", 1::numeric(5,2) AS n;
        CREATE OR REPLACE VIEW "Odd view" AS SELECT "Col", n FROM "Odd view";""");
  }
}
