package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A table's replica identity decides what logical replication logs of an old row; a clone that dropped it
 * back to the default would break a publication's UPDATE and DELETE on the target without a word.
 */
class CloneReplicaIdentityTest {
  private static final String SOURCE = """
      CREATE TABLE "Full" (id int PRIMARY KEY, a text);
      ALTER TABLE "Full" REPLICA IDENTITY FULL;
      CREATE TABLE nothing (id int PRIMARY KEY);
      ALTER TABLE nothing REPLICA IDENTITY NOTHING;
      CREATE TABLE coded (id int PRIMARY KEY, code text NOT NULL);
      CREATE UNIQUE INDEX "Coded Code" ON coded (code);
      ALTER TABLE coded REPLICA IDENTITY USING INDEX "Coded Code";
      CREATE TABLE plain (id int PRIMARY KEY);
      CREATE TABLE parted (id int NOT NULL, k int NOT NULL) PARTITION BY RANGE (id);
      CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10);
      CREATE TABLE parted_2 PARTITION OF parted FOR VALUES FROM (10) TO (20);
      CREATE UNIQUE INDEX parted_id_k ON parted (id, k);
      ALTER TABLE parted REPLICA IDENTITY USING INDEX parted_id_k;
      ALTER TABLE parted_1 REPLICA IDENTITY FULL;
      ALTER TABLE parted_2 REPLICA IDENTITY USING INDEX parted_2_id_k_idx;
      CREATE MATERIALIZED VIEW mv AS SELECT id FROM plain;
      ALTER MATERIALIZED VIEW mv REPLICA IDENTITY FULL;
      INSERT INTO "Full" VALUES (1, 'a'); INSERT INTO coded VALUES (1, 'x'); INSERT INTO parted VALUES (1, 1), (11, 2)""";

  private static final String IDENTITIES = """
      SELECT c.relname, c.relreplident::text, coalesce((SELECT string_agg(ic.relname, ',') FROM pg_index i
                                                        JOIN pg_class ic ON ic.oid = i.indexrelid
                                                        WHERE i.indrelid = c.oid AND i.indisreplident), '')
      FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'm') ORDER BY 1""";

  @Test
  void clone_replicaIdentityFullNothingUsingIndex_sameAsSource() {
    Clones.assertBothSealModesEqual("replident", SOURCE);
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "replident_src").execute(SOURCE);
        TestDatabase parallel = TestDatabase.create(PostgresServers.target(), "replident_par");
        TestDatabase single = TestDatabase.create(PostgresServers.target(), "replident_one")) {
      CloneTuning d = CloneTuning.defaults();
      new CloneRunner(RunListener.SILENT, d, 0).run(Endpoints.clone(source, parallel));
      new CloneRunner(RunListener.SILENT, CloneTuning.builder().seal(CloneTuning.SealMode.SINGLE_TRANSACTION).build())
          .run(Endpoints.clone(source, single));
      assertThat(source.query(IDENTITIES)).contains(java.util.List.of("coded", "i", "Coded Code"),
          java.util.List.of("parted_2", "i", "parted_2_id_k_idx"), java.util.List.of("nothing", "n", ""));
      assertThat(parallel.query(IDENTITIES)).isEqualTo(source.query(IDENTITIES));
      assertThat(single.query(IDENTITIES)).isEqualTo(source.query(IDENTITIES));
    }
  }
}
