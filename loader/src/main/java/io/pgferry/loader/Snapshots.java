package io.pgferry.loader;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The source side of a consistent multi-connection read. */
public final class Snapshots {
  private Snapshots() {}

  /**
   * Opens a read-only REPEATABLE READ transaction on {@code c} and exports its snapshot. Keep the
   * transaction open while workers import the returned id ({@code SET TRANSACTION SNAPSHOT}): then every
   * table is read as of one instant, even while the source is being written to.
   */
  public static String export(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      try (var rs = s.executeQuery("SELECT pg_export_snapshot()")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * Opens a read-only REPEATABLE READ transaction on {@code c} as of the exported snapshot {@code id} (which its
   * exporter keeps open), so that the run reads as of that instant: a replication slot's starting point, say.
   */
  public static void importInto(Connection c, String id) throws SQLException {
    c.setAutoCommit(false);
    try (java.sql.PreparedStatement check = c.prepareStatement("SELECT ?::text ~ '^[0-9A-F]+-[0-9A-F]+-[0-9]+$'")) {
      check.setString(1, id);
      try (var rs = check.executeQuery()) {
        rs.next();
        if (!rs.getBoolean(1)) {
          throw new SQLException("not a snapshot id: " + id, "22023");
        }
      }
    }
    c.rollback();
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      s.execute("SET TRANSACTION SNAPSHOT '" + id + "'"); // SET takes no parameters; the id's form is checked above
    }
  }
}
