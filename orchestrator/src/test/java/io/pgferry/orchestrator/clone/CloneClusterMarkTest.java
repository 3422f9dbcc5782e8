package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ALTER TABLE t CLUSTER ON i} tells a bare {@code CLUSTER} (often run by maintenance jobs) which index
 * to order by; without the mark on the target such a job fails. The mark is cloned, the rows are not reordered.
 */
class CloneClusterMarkTest {
  private static final String SOURCE = """
      CREATE TABLE events (id int PRIMARY KEY, at timestamptz NOT NULL);
      CREATE INDEX "Events At" ON events (at);
      ALTER TABLE events CLUSTER ON "Events At";
      CREATE TABLE keyed (id int PRIMARY KEY);
      ALTER TABLE keyed CLUSTER ON keyed_pkey;
      CREATE TABLE parted (id int NOT NULL) PARTITION BY RANGE (id);
      CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10);
      CREATE INDEX parted_id ON parted (id);
      ALTER TABLE parted_1 CLUSTER ON parted_1_id_idx;
      CREATE MATERIALIZED VIEW mv AS SELECT id FROM keyed;
      CREATE INDEX mv_id ON mv (id);
      ALTER MATERIALIZED VIEW mv CLUSTER ON mv_id;
      INSERT INTO events VALUES (2, now()), (1, now() - interval '1 day'); INSERT INTO keyed VALUES (1); INSERT INTO parted VALUES (1)""";

  private static final String MARKS = """
      SELECT c.relname, ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
      WHERE i.indisclustered AND c.relnamespace = 'public'::regnamespace ORDER BY 1""";

  @Test
  void clone_clusterOnIndex_markSameAsSource() {
    Clones.assertBothSealModesEqual("clustermark", SOURCE);
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "clustermark_src").execute(SOURCE);
        TestDatabase target = TestDatabase.create(PostgresServers.target(), "clustermark_dst")) {
      new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));
      assertThat(source.query(MARKS)).hasSize(4);
      assertThat(target.query(MARKS)).isEqualTo(source.query(MARKS));
      // a bare CLUSTER finds its index on the target
      target.execute("CLUSTER events");
      assertThat(target.query("SELECT id::text FROM events")).isEqualTo(List.of(List.of("1"), List.of("2")));
    }
  }
}
