package io.pgferry.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgferry.testkit.PostgresServers;
import io.pgferry.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A catalog read inside a long snapshot transaction does not pile up the locks its queries take on the system
 * catalogs: several readers side by side on one source once overflowed a small lock table (CI, exit "out of
 * shared memory") although each query alone fitted.
 */
class CatalogReadLocksTest {
  private static TestDatabase source;

  @BeforeAll
  static void setUp() {
    source = TestDatabase.create(PostgresServers.source(), "read_locks")
        .executeResource("/io/pgferry/testkit/types-prelude.sql")
        .executeResource("/io/pgferry/testkit/types.sql")
        .executeResource("/io/pgferry/testkit/kitchen-sink.sql");
  }

  @AfterAll
  static void tearDown() {
    source.close();
  }

  @Test
  void readAll_inSnapshotTransaction_holdsNoCatalogLockAfterwards() throws SQLException {
    try (Connection c = source.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET search_path = ''"); // as CatalogReader.read sets it
      }
      int before = locks(c);
      ObjectsRead.Result read = ObjectsRead.readAll(c, true, true);
      assertThat(read.objects()).isNotEmpty();
      assertThat(locks(c)).as("relation locks still held after the read").isEqualTo(before);
      c.rollback();
    }
  }

  @Test
  void released_failingStep_rollsBackTheStepAndKeepsTheTransactionUsable() throws SQLException {
    try (Connection c = source.connect()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> CatalogLocks.released(c, () -> {
        try (Statement s = c.createStatement()) {
          return s.executeQuery("SELECT 1 / 0");
        }
      })).isInstanceOf(SQLException.class).hasMessageContaining("division by zero");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 2")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
      c.rollback();
    }
  }

  /** This backend's relation locks outside the fast path: the ones that take room in the shared lock table. */
  private static int locks(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND NOT fastpath")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
