package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.extractor.QualifiedName;
import io.pgferry.loader.RowAddresses;
import io.pgferry.orchestrator.Endpoints;
import io.pgferry.orchestrator.RunListener;
import io.pgferry.orchestrator.subset.SubsetSpec;
import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TableDigest;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A subset whose kept rows outgrow its memory: the closure starts over with them in temporary tables of a target
 * session, the load reads each piece's addresses from there (several pieces a table), and the target ends up with
 * exactly the rows the same subset copies from memory; the session is gone after the run.
 */
class CloneSpilledSubsetTest {
  private static TestDatabase source;

  /** Owners, and items owned by one and nested in another item: more kept items than one piece of addresses. */
  private static final String SQL = """
      CREATE SCHEMA inv;
      CREATE TABLE inv.owners (id int PRIMARY KEY, name text NOT NULL);
      CREATE TABLE inv.items (id int PRIMARY KEY, owner_id int NOT NULL REFERENCES inv.owners, parent_id int REFERENCES inv.items,
        label text);
      CREATE TABLE inv.notes (id int PRIMARY KEY, item_id int NOT NULL REFERENCES inv.items, body text);
      INSERT INTO inv.owners SELECT g, 'owner ' || g FROM generate_series(1, 100) g;
      INSERT INTO inv.items SELECT g, 1 + g % 100, CASE WHEN g > 1000 THEN g - 1000 END, md5(g::text) FROM generate_series(1, 60000) g;
      DELETE FROM inv.items WHERE id % 97 = 0 AND id > 59000; -- holes in the heap between kept rows
      INSERT INTO inv.notes SELECT g, 1 + (g * 7) % 59000, 'note ' || g FROM generate_series(1, 20000) g;
      ANALYZE;
      """;

  @BeforeAll
  static void inventory() {
    source = TestDatabase.create(PostgresServers.source(), "spill_src").execute(SQL);
  }

  @AfterAll
  static void drop() {
    source.close();
  }

  private static SubsetSpec evenOwners(long memory) {
    return new SubsetSpec(Map.of(QualifiedName.of("inv", "owners"), SubsetSpec.Start.where("id % 2 = 0")), true,
        SubsetSpec.Others.ALL, List.of(), Set.of(), memory);
  }

  @Test
  void clone_subsetLargerThanItsMemory_keepsItsRowsOnTheTargetAndCopiesTheSameRows() throws Exception {
    try (TestDatabase inMemory = TestDatabase.create(PostgresServers.target(), "spill_mem");
        TestDatabase spilled = TestDatabase.create(PostgresServers.target(), "spill_dst")) {
      new CloneRunner(RunListener.SILENT, CloneTuning.defaults())
          .run(Endpoints.clone(source, inMemory).toBuilder().jobs(2).subset(evenOwners(SubsetSpec.DEFAULT_MEMORY)).build());
      // room for 1,000 rows: the subset keeps about 30,000
      CloneReport report = new CloneRunner(RunListener.SILENT, CloneTuning.defaults())
          .run(Endpoints.clone(source, spilled).toBuilder().jobs(2).subset(evenOwners(64_000)).build());
      assertThat(report.plan().subset().spilled()).isTrue();
      assertThat(report.toJson()).contains("\"spilled\":true");
      long items = count(spilled, "SELECT count(*) FROM inv.items");
      assertThat(items).as("kept items: more than one piece of addresses").isGreaterThan(RowAddresses.PIECE_ROWS);
      // every item of an even owner, and each one's ancestors, whoever owns them
      assertThat(items).isEqualTo(count(source, """
          WITH RECURSIVE k AS (SELECT id, parent_id FROM inv.items WHERE owner_id % 2 = 0
            UNION SELECT i.id, i.parent_id FROM inv.items i JOIN k ON i.id = k.parent_id)
          SELECT count(*) FROM k"""));
      for (String table : List.of("inv.owners", "inv.items", "inv.notes")) {
        assertThat(TableDigest.of(spilled, table)).as(table).isEqualTo(TableDigest.of(inMemory, table));
      }
      assertThat(count(spilled, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated")).isZero();
      assertThat(count(spilled, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgferry subset'"))
          .as("the session holding the kept rows ended with the run").isZero();
    }
  }

  private static long count(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
