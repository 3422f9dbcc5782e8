package io.pgferry.orchestrator.clone;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The inventory of every object, read in the clone's snapshot transaction beside the catalog reader, leaves no
 * lock on the system catalogs behind: its query over every catalog alone takes more than a hundred, and the
 * readers' sum overflowed a small lock table.
 */
class SourceInventoryLocksTest {
  @Test
  void read_inSnapshotTransaction_holdsNoCatalogLockAfterwards() throws SQLException {
    try (TestDatabase source = TestDatabase.create(PostgresServers.source(), "inventory_locks")
        .executeResource("/io/pgferry/testkit/types-prelude.sql")
        .executeResource("/io/pgferry/testkit/types.sql")
        .executeResource("/io/pgferry/testkit/kitchen-sink.sql");
        Connection c = source.connect()) {
      c.setAutoCommit(false);
      int before = locks(c);
      assertThat(SourceInventory.read(c)).isNotEmpty();
      assertThat(locks(c)).as("relation locks still held after the read").isEqualTo(before);
      c.rollback();
    }
  }

  private static int locks(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND NOT fastpath")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
