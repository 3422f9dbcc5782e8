package io.pgferry.orchestrator.clone;

import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Partition trees, inheritance and unlogged tables come out as they went in, rows in the right leaves. */
class ClonePartitionsTest {
  private static TestDatabase source;
  private static TestDatabase target;

  @BeforeAll
  static void cloneOnce() {
    source = TestDatabase.create(PostgresServers.source(), "part_src").executeResource("/io/pgferry/testkit/partitions.sql");
    target = TestDatabase.create(PostgresServers.target(), "part_dst");
    new CloneRunner(RunListener.SILENT).run(Endpoints.clone(source, target));
  }

  @AfterAll
  static void drop() {
    source.close();
    target.close();
  }

  @Test
  void clone_partitionsAndInheritance_everyLeafRowForRowEqual() {
    for (String t : TableDigest.userTables(source)) {
      assertThat(TableDigest.of(target, t)).as(t).isEqualTo(TableDigest.of(source, t));
    }
    assertThat(target.scalar("SELECT count(*) FROM vehicle")).isEqualTo("3");
    assertThat(target.scalar("SELECT count(*) FROM region WHERE code = 'us'")).isEqualTo("1");
  }

  @Test
  void clone_partitionTree_sameBoundsAndIndexesOnEveryLeaf() {
    String tree = """
        SELECT c.relname, c.relkind, coalesce(pg_get_expr(c.relpartbound, c.oid), ''), c.relpersistence,
               (SELECT string_agg(i.relname, ',' ORDER BY i.relname) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid),
               (SELECT string_agg(p.relname, ',') FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhparent WHERE h.inhrelid = c.oid)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        ORDER BY 1""";
    assertThat(target.query(tree)).isEqualTo(source.query(tree));
  }

  @Test
  void clone_sameSchema_catalogEqual() throws SQLException {
    assertThat(CloneFidelityTest.normalize(CloneFidelityTest.read(target)))
        .isEqualTo(CloneFidelityTest.normalize(CloneFidelityTest.read(source)));
  }
}
