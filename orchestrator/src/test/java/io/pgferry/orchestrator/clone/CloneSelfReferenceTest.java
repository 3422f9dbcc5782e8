package io.pgferry.orchestrator.clone;

import org.junit.jupiter.api.Test;

/** Hierarchies (employees, categories, comment threads) reference their own table. */
class CloneSelfReferenceTest {
  @Test
  void clone_selfReferencingForeignKey_sameSchemaAndRows() {
    Clones.assertBothSealModesEqual("selfref", """
        CREATE TABLE e (id int PRIMARY KEY, boss int REFERENCES e);
        INSERT INTO e VALUES (1, NULL), (2, 1), (3, 2);""");
  }

  @Test
  void clone_selfReferenceInPartitionedTreeAndCompositeKey_sameSchemaAndRows() {
    Clones.assertBothSealModesEqual("selfref2", """
        CREATE TABLE node (tenant int, id int, parent int, PRIMARY KEY (tenant, id),
          FOREIGN KEY (tenant, parent) REFERENCES node (tenant, id) DEFERRABLE INITIALLY DEFERRED);
        CREATE TABLE cat (id int, region text, up int, up_region text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
        CREATE TABLE cat_eu PARTITION OF cat FOR VALUES IN ('eu');
        ALTER TABLE cat ADD FOREIGN KEY (up, up_region) REFERENCES cat (id, region);
        INSERT INTO node VALUES (1, 1, NULL), (1, 2, 1), (2, 1, NULL);
        INSERT INTO cat VALUES (1, 'eu', NULL, NULL), (2, 'eu', 1, 'eu');""");
  }
}
